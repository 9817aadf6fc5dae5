import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RegistrationForm } from "~/components/registration-form";
import { Alert } from "~/components/ui/field";
import { Honeypot } from "~/components/ui/honeypot";
import { registerResident } from "~/models/residents.server";
import { listActiveUnits } from "~/models/units.server";
import {
  lockedFor,
  recordFailure,
  registerKey,
  rememberSignIn,
  TAKEN_PHONE_LIMIT,
} from "~/models/login-throttle.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { filledHoneypot, passRetryAfter, readForm } from "~/utils/http.server";
import { ServerBusyError } from "~/utils/overload.server";
import { DomainError } from "~/utils/errors";
import { useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { RegistrationSchema } from "~/forms/registration";
import { cookieWouldBeDropped, createSession } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return { units: await listActiveUnits(db), cookieWarning: cookieWouldBeDropped(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: RegistrationSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const refuse = (code: MessageKey, init?: ResponseInit) =>
    data(submission.reply({ formErrors: [code], hideFields: ["password"] }), init);
  if (filledHoneypot(formData)) return refuse("error.badRequest");
  const input = submission.value;
  const now = Date.now();
  const key = context.clientIp ? [registerKey(context.clientIp)] : [];
  const wait = await lockedFor(db, key, now);
  if (wait !== null)
    return refuse("error.tooMany", { status: 429, headers: { "Retry-After": String(wait) } });
  try {
    const userId = await registerResident(db, { ...input, now });
    // Whoever just chose the password may sign in from here even while this address is over its cap.
    await rememberSignIn(db, input.phone, context.clientIp ?? "unknown", now);
    return redirect(safeRedirect(formData.get("redirectTo")), {
      headers: {
        "Set-Cookie": await createSession(db, userId, Date.now(), null, {
          userAgent: request.headers.get("User-Agent"),
          ip: context.clientIp,
        }),
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "register.phoneTaken" && key.length)
        await recordFailure(db, key[0], TAKEN_PHONE_LIMIT, now);
      return refuse(error.code);
    }
    if (error instanceof ServerBusyError)
      return refuse("error.busy", {
        status: 503,
        headers: { "Retry-After": String(error.retryAfterSeconds) },
      });
    throw error;
  }
}

export const headers = passRetryAfter;

export default function Register() {
  const { units, cookieWarning } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("register.title")}</h1>
      {cookieWarning ? <Alert>{t("login.needsHttps")}</Alert> : null}
      <RegistrationForm
        units={units}
        result={result}
        hidden={
          <>
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
            <Honeypot />
          </>
        }
      />
      <p className="text-lg">
        {t("register.haveAccount")}{" "}
        <Link
          to={`/login?${searchParams}`}
          className="text-brand-700 font-semibold underline underline-offset-4"
        >
          {t("register.loginLink")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.register");

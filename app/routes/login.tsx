import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { PhoneField } from "~/components/account-fields";
import { usePageForm } from "~/components/use-page-form";
import { Button } from "~/components/ui/button";
import { PageForm } from "~/components/form-controls";
import { Alert, Field } from "~/components/ui/field";
import { Honeypot } from "~/components/ui/honeypot";
import { authenticate } from "~/models/sign-in.server";
import { audit } from "~/models/audit.server";
import { signInAbandoned, signInSucceeded, startSignIn } from "~/models/login-throttle.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { filledHoneypot, passRetryAfter, readForm } from "~/utils/http.server";
import { ServerBusyError } from "~/utils/overload.server";
import { SignInSchema } from "~/forms/sign-in";
import { useT, type MessageKey, type Translate, metaTitle } from "~/utils/i18n";
import { cookieWouldBeDropped, createSession, destroySession } from "~/utils/session.server";
import { normalisePhone } from "~/utils/validation";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return { cookieWarning: cookieWouldBeDropped(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: SignInSchema });
  const refuse = (code: MessageKey, init?: ResponseInit) =>
    data(submission.reply({ formErrors: [code], hideFields: ["password"] }), init);
  const input = submission.status === "success" ? submission.value : null;
  const phone = normalisePhone(input?.phone ?? "");
  const now = Date.now();
  const ip = context.clientIp ?? null;
  const failed = async () => {
    await audit(db, {
      actorUserId: null,
      action: "auth.loginFailed",
      entity: "phone",
      entityId: phone ?? "",
      ip,
    });
    // One message for every failure: it never tells whether the phone is registered.
    return refuse("login.failed");
  };
  // Nothing to check, nothing guessed: no password is tried, so nothing counts.
  if (!input?.password || !phone || filledHoneypot(formData)) return failed();

  // Counted before the password is checked, and refused while a wait is in effect (the same for any phone).
  const started = await startSignIn(db, phone, ip ?? "unknown", now);
  if ("retryAfter" in started) {
    await audit(db, { actorUserId: null, action: "auth.throttled", entity: "phone", entityId: phone, ip });
    return data(
      {
        ...submission.reply({ formErrors: ["signIn.locked"], hideFields: ["password"] }),
        retryAfter: started.retryAfter,
      },
      { status: 429, headers: { "Retry-After": String(started.retryAfter) } },
    );
  }
  let user: Awaited<ReturnType<typeof authenticate>> = null;
  try {
    user = await authenticate(db, phone, input.password);
  } catch (error) {
    // Too many sign-ins at once: "try again in a few seconds", not a failed attempt.
    if (error instanceof ServerBusyError) {
      await signInAbandoned(db, started.try);
      return refuse("error.busy", {
        status: 503,
        headers: { "Retry-After": String(error.retryAfterSeconds) },
      });
    }
    throw error;
  }
  if (!user) return failed();
  await signInSucceeded(db, started.try, now);
  await audit(db, { actorUserId: user.id, action: "auth.login", ip });
  // A new session id at every sign-in; whatever session this browser held before ends here.
  await destroySession(db, request);
  return redirect(safeRedirect(input.redirectTo), {
    headers: {
      "Set-Cookie": await createSession(db, user.id, now, null, {
        userAgent: request.headers.get("User-Agent"),
        ip: context.clientIp,
      }),
    },
  });
}

export const headers = passRetryAfter;

/** "45 giây", "3 phút": a wait as a person reads it (whole minutes from one minute up). */
function waitText(t: Translate, seconds: number) {
  if (seconds < 60) return t(seconds === 1 ? "signIn.wait.oneSecond" : "signIn.wait.seconds", { n: seconds });
  const minutes = Math.ceil(seconds / 60);
  return t(minutes === 1 ? "signIn.wait.oneMinute" : "signIn.wait.minutes", { n: minutes });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const loaderData = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const { form, fields } = usePageForm(SignInSchema, { id: "login", result });
  const retryAfter = result && "retryAfter" in result ? Number(result.retryAfter) : null;
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("login.title")}</h1>
      {loaderData?.cookieWarning ? <Alert>{t("login.needsHttps")}</Alert> : null}
      {searchParams.get("reset") === "1" && !result ? <Alert tone="success">{t("reset.done")}</Alert> : null}
      <PageForm
        form={form}
        alerts={
          retryAfter !== null ? (
            <Alert>
              {t("signIn.locked", { wait: waitText(t, retryAfter) })} {t("signIn.askToUnlock")}
            </Alert>
          ) : undefined
        }
      >
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Honeypot />
        <PhoneField meta={fields.phone} label={t("login.phone")} />
        <Field
          meta={fields.password}
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          required
        />
        <Button disabled={navigation.state !== "idle"}>{t("login.submit")}</Button>
      </PageForm>
      <p className="text-lg">
        <Link to="/forgot-password" className="text-brand-700 font-semibold underline underline-offset-4">
          {t("forgot.link")}
        </Link>
      </p>
      <p className="text-lg">
        {t("login.noAccount")}{" "}
        <Link
          to={`/register?${searchParams}`}
          className="text-brand-700 font-semibold underline underline-offset-4"
        >
          {t("login.registerLink")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.login");

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import { Honeypot } from "~/components/ui/honeypot";
import { authenticate } from "~/models/sign-in.server";
import { audit } from "~/models/audit.server";
import { signInAbandoned, signInSucceeded, startSignIn } from "~/models/login-throttle.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { filledHoneypot, passRetryAfter, readForm } from "~/utils/http.server";
import { ServerBusyError } from "~/utils/overload.server";
import { useT, type Translate, metaTitle } from "~/utils/i18n";
import { cookieWouldBeDropped, createSession, destroySession } from "~/utils/session.server";
import { normalisePhone } from "~/utils/validation";

const LoginSchema = z.object({
  phone: z.string().max(30).default(""),
  password: z.string().min(1).max(200).catch(""),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return { cookieWarning: cookieWouldBeDropped(request) };
}

function busy(error: ServerBusyError, phone: string) {
  return data(
    { error: "error.busy" as const, phone },
    { status: 503, headers: { "Retry-After": String(error.retryAfterSeconds) } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const parsed = LoginSchema.safeParse(form);
  const typed = parsed.success ? parsed.data.phone : "";
  const phone = normalisePhone(typed);
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
    return { error: "login.failed" as const, phone: typed };
  };
  // Nothing to check, nothing guessed: no password is tried, so nothing counts.
  if (!parsed.success || !phone || filledHoneypot(form)) return failed();

  // Counted before the password is checked, and refused while a wait is in effect (the same for any phone).
  const started = await startSignIn(db, phone, ip ?? "unknown", now);
  if ("retryAfter" in started) {
    await audit(db, { actorUserId: null, action: "auth.throttled", entity: "phone", entityId: phone, ip });
    return data(
      { error: "signIn.locked" as const, retryAfter: started.retryAfter, phone: typed },
      { status: 429, headers: { "Retry-After": String(started.retryAfter) } },
    );
  }
  let user: Awaited<ReturnType<typeof authenticate>> = null;
  try {
    user = await authenticate(db, phone, parsed.data.password);
  } catch (error) {
    // Too many sign-ins at once: "try again in a few seconds", not a failed attempt.
    if (error instanceof ServerBusyError) {
      await signInAbandoned(db, started.try);
      return busy(error, typed);
    }
    throw error;
  }
  if (!user) return failed();
  await signInSucceeded(db, started.try, now);
  await audit(db, { actorUserId: user.id, action: "auth.login", ip });
  // A new session id at every sign-in; whatever session this browser held before ends here.
  await destroySession(db, request);
  return redirect(safeRedirect(parsed.data.redirectTo), {
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
  const actionData = useActionData<typeof action>();
  const loaderData = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("login.title")}</h1>
      {loaderData?.cookieWarning ? <Alert>{t("login.needsHttps")}</Alert> : null}
      {searchParams.get("reset") === "1" && !actionData ? (
        <Alert tone="success">{t("reset.done")}</Alert>
      ) : null}
      {actionData?.error === "signIn.locked" ? (
        <Alert>
          {t("signIn.locked", { wait: waitText(t, actionData.retryAfter) })} {t("signIn.askToUnlock")}
        </Alert>
      ) : actionData?.error ? (
        <Alert>{t(actionData.error)}</Alert>
      ) : null}
      <Form method="post" className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Honeypot />
        <Field
          label={t("login.phone")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          defaultValue={actionData?.phone}
        />
        <Field
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Button disabled={navigation.state !== "idle"}>{t("login.submit")}</Button>
      </Form>
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

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import { authenticate } from "~/models/account.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { createSession } from "~/utils/session.server";
import { normalisePhone } from "~/utils/validation";

const LoginSchema = z.object({
  phone: z.string().max(30).default(""),
  password: z.string().min(1).max(200).catch(""),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LoginSchema.safeParse(Object.fromEntries(await readForm(request)));
  const phone = parsed.success ? normalisePhone(parsed.data.phone) : null;
  const user = parsed.success && phone ? await authenticate(db, phone, parsed.data.password) : null;
  if (!parsed.success || !user) {
    // One message for every failure: it never tells whether the phone is registered.
    return { error: "login.failed" as const, phone: parsed.success ? parsed.data.phone : "" };
  }
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await createSession(db, user.id, Date.now()) },
  });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("login.title")}</h1>
      {actionData?.error ? <Alert>{t(actionData.error)}</Alert> : null}
      <Form method="post" className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
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
      <p className="text-base text-slate-700">{t("login.forgot")}</p>
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

export const meta: MetaFunction = () => [{ title: "Đăng nhập — Hội Thi" }];

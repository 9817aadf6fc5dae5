import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import { Honeypot } from "~/components/ui/honeypot";
import { redeemResetCode } from "~/models/reset-codes.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { filledHoneypot, readForm } from "~/utils/http.server";
import { useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { parseForm, ResetWithCodeSchema } from "~/forms/own-account.server";
import { ServerBusyError } from "~/utils/overload.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readForm(request));
  const parsed = parseForm(ResetWithCodeSchema, form);
  const values = parsed.values;
  if (filledHoneypot(form)) return data({ errors: { form: "resetCode.invalid" as MessageKey }, values });
  if (!parsed.ok) return data({ errors: parsed.errors, values });
  try {
    await redeemResetCode(db, parsed.data, context.clientIp ?? null);
  } catch (error) {
    if (error instanceof ServerBusyError)
      return data(
        { errors: { form: "error.busy" as MessageKey }, values },
        { status: 503, headers: { "Retry-After": String(error.retryAfterSeconds) } },
      );
    if (!(error instanceof DomainError)) throw error;
    return data({ errors: { form: error.code }, values }, { status: error.status === 429 ? 429 : 200 });
  }
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errors = (result?.errors ?? {}) as Record<string, MessageKey | undefined>;
  const values = (result?.values ?? {}) as Record<string, string | undefined>;
  const e = (key: string) => (errors[key] ? t(errors[key]) : undefined);
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("reset.title")}</h1>
      <p className="text-lg">{t("reset.intro")}</p>
      {errors.form ? <Alert>{t(errors.form)}</Alert> : null}
      <Form method="post" className="flex flex-col gap-4" noValidate>
        <Honeypot />
        <Field
          label={t("reset.phone")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          defaultValue={values.phone}
          error={e("phone")}
        />
        <Field
          label={t("reset.code")}
          hint={t("reset.codeHint")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          defaultValue={values.code}
          error={e("code")}
        />
        <Field
          label={t("profile.newPassword")}
          hint={t("register.passwordHint")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          error={e("password")}
        />
        <Field
          label={t("profile.confirmPassword")}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={e("confirm")}
        />
        <Button disabled={navigation.state !== "idle"}>{t("reset.submit")}</Button>
      </Form>
      <p className="text-lg">
        <Link to="/forgot-password" className="text-brand-700 font-semibold underline underline-offset-4">
          {t("reset.noCode")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.resetPassword");

import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { NewPasswordFields, PhoneField } from "~/components/account-fields";
import { usePageForm } from "~/components/use-page-form";
import { PageForm } from "~/components/form-controls";
import { Field } from "~/components/ui/field";
import { Honeypot } from "~/components/ui/honeypot";
import { redeemResetCode } from "~/models/reset-codes.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { filledHoneypot, readForm } from "~/utils/http.server";
import { useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { ResetWithCodeSchema } from "~/forms/own-account";
import { ServerBusyError } from "~/utils/overload.server";

const hideFields = ["password", "confirm"];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ResetWithCodeSchema });
  const refuse = (code: MessageKey, init?: ResponseInit) =>
    data(submission.reply({ formErrors: [code], hideFields }), init);
  if (filledHoneypot(formData)) return refuse("resetCode.invalid");
  if (submission.status !== "success") return submission.reply({ hideFields });
  try {
    await redeemResetCode(db, submission.value, context.clientIp ?? null);
  } catch (error) {
    if (error instanceof ServerBusyError)
      return refuse("error.busy", {
        status: 503,
        headers: { "Retry-After": String(error.retryAfterSeconds) },
      });
    if (!(error instanceof DomainError)) throw error;
    return refuse(error.code, { status: error.status === 429 ? 429 : 200 });
  }
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const { form, fields } = usePageForm(ResetWithCodeSchema, { id: "reset", result });
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("reset.title")}</h1>
      <p className="text-lg">{t("reset.intro")}</p>
      <PageForm form={form}>
        <Honeypot />
        <PhoneField meta={fields.phone} label={t("reset.phone")} />
        <Field
          meta={fields.code}
          label={t("reset.code")}
          hint={t("reset.codeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
        />
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirm}
          label={t("profile.newPassword")}
        />
        <Button disabled={navigation.state !== "idle"}>{t("reset.submit")}</Button>
      </PageForm>
      <p className="text-lg">
        <Link to="/forgot-password" className="text-brand-700 font-semibold underline underline-offset-4">
          {t("reset.noCode")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.resetPassword");

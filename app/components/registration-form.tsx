import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { NewPasswordFields, PhoneField, UnitChoice } from "~/components/account-fields";
import { usePageForm, type PageFormResult } from "~/components/use-page-form";
import { Button } from "~/components/ui/button";
import { CheckField, PageForm } from "~/components/form-controls";
import { Field } from "~/components/ui/field";
import { RegistrationSchema } from "~/forms/registration";
import { useT } from "~/utils/i18n";

/** The registration form, used by residents and by staff registering a resident. */
export function RegistrationForm({
  units,
  result,
  match,
  hidden,
  submitLabel,
}: {
  units: { id: number; name: string }[];
  /** The action's answer; with `match`, only when the posted hidden fields were these. */
  result: PageFormResult | undefined;
  match?: Record<string, string>;
  hidden?: ReactNode;
  submitLabel?: string;
}) {
  const navigation = useNavigation();
  const t = useT();
  const { form, fields } = usePageForm(RegistrationSchema, { id: "registration", result, match });
  return (
    <>
      <PageForm form={form}>
        {hidden}
        <Field meta={fields.fullName} label={t("register.fullName")} autoComplete="name" required />
        <Field
          meta={fields.birthYear}
          label={t("register.birthYear")}
          inputMode="numeric"
          pattern="[0-9]{4}"
          maxLength={4}
          required
        />
        <PhoneField meta={fields.phone} label={t("register.phone")} hint={t("register.phoneHint")} />
        <NewPasswordFields password={fields.password} label={t("register.password")} />
        <UnitChoice
          unit={fields.unit}
          unitOther={fields.unitOther}
          units={units}
          label={t("register.unit")}
          hint={t("register.unitHint")}
        />
        <Field meta={fields.address} label={t("register.address")} autoComplete="street-address" />
        <CheckField meta={fields.consent} label={t("register.consent")} required />
        <Button disabled={navigation.state !== "idle"}>{submitLabel ?? t("register.submit")}</Button>
      </PageForm>
    </>
  );
}

import { Form, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { Alert, Field, FieldError } from "~/components/ui/field";
import { useT, type MessageKey } from "~/utils/i18n";
import type { FieldErrors } from "~/forms/registration.server";

const OTHER = "other";

export type RegistrationResult = {
  errors: FieldErrors;
  formError: MessageKey | null;
  values: {
    fullName: string;
    birthYear: string;
    phone: string;
    unit: string;
    unitOther: string;
    address: string;
  };
};

/** The registration form, used by residents and by staff registering a resident. */
export function RegistrationForm({
  units,
  result,
  hidden,
  submitLabel,
}: {
  units: { id: number; name: string }[];
  result: RegistrationResult | undefined;
  hidden?: ReactNode;
  submitLabel?: string;
}) {
  const navigation = useNavigation();
  const t = useT();
  const errors: FieldErrors = result?.errors ?? {};
  const values = result?.values;
  const [unit, setUnit] = useState(values?.unit ?? "");
  const e = (key: keyof FieldErrors) => (errors[key] ? t(errors[key]) : undefined);
  return (
    <>
      {Object.keys(errors).length ? <Alert>{t("form.fixErrors")}</Alert> : null}
      {result?.formError ? <Alert>{t(result.formError)}</Alert> : null}
      <Form method="post" className="flex flex-col gap-4" noValidate>
        {hidden}
        <Field
          label={t("register.fullName")}
          name="fullName"
          autoComplete="name"
          required
          defaultValue={values?.fullName}
          error={e("fullName")}
        />
        <Field
          label={t("register.birthYear")}
          name="birthYear"
          inputMode="numeric"
          pattern="[0-9]{4}"
          maxLength={4}
          required
          defaultValue={values?.birthYear}
          error={e("birthYear")}
        />
        <Field
          label={t("register.phone")}
          hint={t("register.phoneHint")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          defaultValue={values?.phone}
          error={e("phone")}
        />
        <Field
          label={t("register.password")}
          hint={t("register.passwordHint")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          error={e("password")}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="unit" className="text-lg font-semibold">
            {t("register.unit")}
          </label>
          <p id="unit-hint" className="text-base text-slate-600">
            {t("register.unitHint")}
          </p>
          <select
            id="unit"
            name="unit"
            required
            value={unit}
            onChange={(ev) => setUnit(ev.target.value)}
            aria-describedby={errors.unit ? "unit-hint unit-error" : "unit-hint"}
            aria-invalid={errors.unit ? true : undefined}
            className="min-h-12 rounded-lg border-2 border-slate-400 bg-white px-3 py-2 text-lg"
          >
            <option value="">{t("register.unitChoose")}</option>
            {units.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}
              </option>
            ))}
            <option value={OTHER}>{t("register.unitOther")}</option>
          </select>
          <FieldError id="unit-error" error={e("unit")} />
        </div>
        {unit === OTHER ? (
          <Field
            label={t("register.unitOtherLabel")}
            name="unitOther"
            required
            defaultValue={values?.unitOther}
            error={e("unitOther")}
          />
        ) : null}
        <Field
          label={t("register.address")}
          name="address"
          autoComplete="street-address"
          defaultValue={values?.address}
        />
        <div className="flex flex-col gap-1">
          <label className="flex items-start gap-3 text-lg">
            <input
              type="checkbox"
              name="consent"
              required
              aria-describedby={errors.consent ? "consent-error" : undefined}
              aria-invalid={errors.consent ? true : undefined}
              className="mt-1 size-6 shrink-0"
            />
            <span>{t("register.consent")}</span>
          </label>
          <FieldError id="consent-error" error={e("consent")} />
        </div>
        <Button disabled={navigation.state !== "idle"}>{submitLabel ?? t("register.submit")}</Button>
      </Form>
    </>
  );
}

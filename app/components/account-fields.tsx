import type { ReactNode } from "react";
import { selectProps } from "~/components/form-controls";
import { Field, FieldError, useFieldError, type FieldMeta } from "~/components/ui/field";
import { OTHER_UNIT } from "~/forms/account-fields";
import { useT } from "~/utils/i18n";

/**
 * The inputs of app/forms/account-fields.ts, one each, for every form that
 * asks for them (registration, profile, password forms, staff accounts).
 * They take conform's fields by their shape, so this file loads no conform.
 */

/** A phone number; the label says whose (yours, the resident's, the new staff member's). */
export function PhoneField({
  meta,
  label,
  hint,
  autoComplete = "tel",
}: {
  meta: FieldMeta;
  label: string;
  hint?: string;
  autoComplete?: string;
}) {
  return (
    <Field
      meta={meta}
      label={label}
      hint={hint}
      type="tel"
      inputMode="tel"
      autoComplete={autoComplete}
      required
    />
  );
}

/** A password being chosen (at least 8 characters), and when `confirm` is given, typed again. */
export function NewPasswordFields({
  password,
  confirm,
  label,
}: {
  password: FieldMeta;
  confirm?: FieldMeta;
  label: string;
}) {
  const t = useT();
  return (
    <>
      <Field
        meta={password}
        label={label}
        hint={t("register.passwordHint")}
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
      />
      {confirm ? (
        <Field
          meta={confirm}
          label={t("profile.confirmPassword")}
          type="password"
          autoComplete="new-password"
          required
        />
      ) : null}
    </>
  );
}

/** The unit, chosen from the list or "Khác" with its name typed in a field that then appears. */
export function UnitChoice({
  unit,
  unitOther,
  units,
  label,
  hint,
}: {
  unit: FieldMeta & { value?: unknown };
  unitOther: FieldMeta;
  units: { id: number; name: string }[];
  label: ReactNode;
  hint?: ReactNode;
}) {
  const t = useT();
  const error = useFieldError()(unit);
  const hintId = `${unit.id}-hint`;
  return (
    <>
      {/* Labelled by its own label alone (a wrapping label would add the chosen option to its name). */}
      <div className="flex flex-col gap-1">
        <label htmlFor={unit.id} className="text-lg font-semibold">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-base text-slate-600">
            {hint}
          </p>
        ) : null}
        <select
          key={unit.key}
          {...selectProps(unit)}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [hint ? hintId : null, error ? unit.errorId : null].filter(Boolean).join(" ") || undefined
          }
          className={`min-h-12 rounded-lg border-2 bg-white px-3 py-2 text-lg ${error ? "border-accent-600" : "border-slate-400"}`}
        >
          <option value="">{t("register.unitChoose")}</option>
          {units.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
          <option value={OTHER_UNIT}>{t("register.unitOther")}</option>
        </select>
        <FieldError id={unit.errorId} error={error} />
      </div>
      {unit.value === OTHER_UNIT ? (
        <Field meta={unitOther} label={t("register.unitOtherLabel")} required />
      ) : null}
    </>
  );
}

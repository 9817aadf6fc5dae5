import type { ComponentProps, ReactNode } from "react";
import {
  Field,
  FieldError,
  SelectField,
  initial,
  useFieldError,
  type FieldMeta,
} from "~/components/ui/field";
import { useT } from "~/utils/i18n";

/**
 * Inputs of the contest settings forms (quiz and stage) bound to a conform
 * field: name, echoed value and error from `meta` (beside ui/field's Field).
 */
export function SettingSelect({
  meta,
  ...props
}: Omit<ComponentProps<typeof SelectField>, "name"> & { meta: FieldMeta }) {
  return (
    <SelectField
      key={meta.key}
      id={meta.id}
      name={meta.name}
      defaultValue={props.value === undefined ? (initial(meta) ?? "") : undefined}
      className="text-lg"
      {...props}
    />
  );
}

export function SettingCheckbox({
  meta,
  children,
  className = "",
}: {
  meta: FieldMeta;
  children: ReactNode;
  className?: string;
}) {
  return (
    <label className={`flex min-h-12 items-center gap-2 text-lg ${className}`}>
      <input
        key={meta.key}
        type="checkbox"
        name={meta.name}
        defaultChecked={meta.initialValue === "on"}
        className="size-6"
      />{" "}
      {children}
    </label>
  );
}

export function SettingTextArea({
  meta,
  label,
  hint,
  rows,
  className = "",
}: {
  meta: FieldMeta;
  label: ReactNode;
  hint?: ReactNode;
  rows: number;
  className?: string;
}) {
  const error = useFieldError()(meta);
  return (
    <label className={`flex flex-col gap-1 text-lg font-semibold ${className}`}>
      {label}
      {hint ? <span className="text-base font-normal text-slate-600">{hint}</span> : null}
      <textarea
        key={meta.key}
        id={meta.id}
        name={meta.name}
        rows={rows}
        defaultValue={initial(meta)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? meta.errorId : undefined}
        className="rounded-lg border-2 border-slate-400 p-2 text-base font-normal"
      />
      <FieldError id={meta.errorId} error={error} />
    </label>
  );
}

/**
 * The fields every contest's settings start with (quiz and stage alike):
 * name, address, description and the window, whose labels differ.
 */
export function ContestBasicsFields({
  fields,
  opensAtLabel,
  closesAtLabel,
  required,
}: {
  fields: Record<"title" | "slug" | "description" | "opensAt" | "closesAt", FieldMeta>;
  opensAtLabel: string;
  closesAtLabel: string;
  required?: boolean;
}) {
  const t = useT();
  return (
    <>
      <Field label={t("contests.titleField")} meta={fields.title} required={required} />
      <Field
        label={t("contests.slug")}
        meta={fields.slug}
        hint={t("contests.slugHint")}
        required={required}
      />
      <SettingTextArea
        label={t("contests.description")}
        meta={fields.description}
        rows={2}
        className="sm:col-span-2"
      />
      <Field label={opensAtLabel} meta={fields.opensAt} type="datetime-local" />
      <Field label={closesAtLabel} meta={fields.closesAt} type="datetime-local" />
    </>
  );
}

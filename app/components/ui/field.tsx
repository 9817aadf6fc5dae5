import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { useIsMessage, useT } from "~/utils/i18n";
import { Alert, FieldError } from "./alert";

export { Alert, FieldError };

/**
 * What a field takes from conform's `useForm` (`fields.name`): its id, name,
 * the value to show again and its errors, which are message keys (the zod
 * schemas speak in keys; docs/decisions/008-layers-and-forms.md). Structural,
 * so this file does not pull conform into every page that shows a field.
 */
export type FieldMeta = {
  id: string;
  name: string;
  errorId: string;
  key?: string;
  initialValue?: unknown;
  errors?: string[];
};

/** The text of a field's first error: its message key in the page's language, else "please fill this in". */
export function useFieldError() {
  const t = useT();
  const has = useIsMessage();
  return (meta: Pick<FieldMeta, "errors"> | undefined) => {
    const first = meta?.errors?.[0];
    if (!first) return undefined;
    return has(first) ? t(first) : t("field.required");
  };
}

/** The value conform echoes back for a field, as an input's defaultValue. */
export function initial(meta: FieldMeta | undefined): string | undefined {
  const value = meta?.initialValue;
  return typeof value === "string" ? value : undefined;
}

/**
 * The alerts above a form: "fix the fields marked below" when a field is
 * refused, and the form's own errors (message keys from the server, e.g. a
 * phone already registered).
 */
export function FormAlerts({
  form,
}: {
  form: { errors?: string[]; allErrors: Record<string, string[]>; id?: string };
}) {
  const t = useT();
  const has = useIsMessage();
  const fieldErrors = Object.entries(form.allErrors).some(([name, errors]) => name !== "" && errors.length);
  return (
    <>
      {fieldErrors ? <Alert>{t("form.fixErrors")}</Alert> : null}
      {(form.errors ?? []).map((key) => (
        <Alert key={key}>{has(key) ? t(key) : t("error.generic")}</Alert>
      ))}
    </>
  );
}

/**
 * A labelled input with hint and error wired up for screen readers. With
 * `meta` (a conform field) it takes its id, name, echoed value and error
 * from there; without, from the props.
 */
export function Field({
  label,
  hint,
  error,
  meta,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  meta?: FieldMeta;
}) {
  const ownId = useId();
  const errorText = useFieldError();
  const id = meta?.id ?? ownId;
  const hintId = `${id}-hint`;
  const errorId = meta?.errorId ?? `${id}-error`;
  error ??= errorText(meta);
  const fromMeta = meta
    ? { name: meta.name, defaultValue: input.type === "password" ? undefined : initial(meta) }
    : {};
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-lg font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-base text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        key={meta?.key}
        {...fromMeta}
        {...input}
        className={`min-h-12 rounded-lg border-2 px-3 py-2 text-lg ${error ? "border-accent-600" : "border-slate-400"} focus:border-brand-600`}
      />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** A field's error: a message (key, with values) in the page's language, or a text as it is. */
/** A labelled select; options are [value, label] pairs. */
export function SelectField({
  label,
  options,
  className = "",
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: ReactNode; options: [string, string][] }) {
  return (
    <label className={`flex flex-col gap-1 font-semibold ${className}`}>
      {label}
      <select
        {...select}
        className="min-h-11 rounded-lg border-2 border-slate-400 bg-white px-2 text-lg font-normal"
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

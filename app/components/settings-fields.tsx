import type { ComponentProps, ReactNode } from "react";
import { useProblemText } from "~/components/problem-text";
import { Field, FieldError, SelectField, initial, type FieldMeta } from "~/components/ui/field";

/**
 * Inputs of the contest settings forms (quiz and stage) bound to a conform
 * field: name, echoed value and error from `meta`. Errors may be a model's
 * own sentence, shown as it came.
 */
export function SettingField({ meta, ...props }: ComponentProps<typeof Field> & { meta: FieldMeta }) {
  const problem = useProblemText();
  return <Field meta={meta} error={problem(meta.errors)} {...props} />;
}

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
  const problem = useProblemText();
  const error = problem(meta.errors);
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

import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

/** A labelled input with hint and error wired up for screen readers. */
export function Field({
  label,
  hint,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; hint?: ReactNode; error?: string }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
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
        {...input}
        className={`min-h-12 rounded-lg border-2 px-3 py-2 text-lg ${error ? "border-accent-600" : "border-slate-400"} focus:border-brand-600`}
      />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id?: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="text-accent-600 font-semibold">
      {error}
    </p>
  );
}

export function Alert({
  children,
  tone = "error",
}: {
  children: ReactNode;
  tone?: "error" | "info" | "success";
}) {
  const styles = {
    error: "border-accent-600 bg-red-50 text-red-900",
    info: "border-brand-600 bg-brand-50 text-brand-800",
    success: "border-green-700 bg-green-50 text-green-900",
  };
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-lg border-l-4 p-4 text-lg ${styles[tone]}`}
    >
      {children}
    </div>
  );
}

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

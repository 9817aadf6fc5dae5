import { getFormProps, type FormMetadata } from "@conform-to/react";
import { Form, type FormProps } from "@remix-run/react";
import { useId, type InputHTMLAttributes, type MouseEvent, type ReactNode } from "react";
import { FieldError, FormAlerts, initial, useFieldError, type FieldMeta } from "~/components/ui/field";

/*
 * Form parts only pages with forms use, kept out of components/ui/ (whose
 * files every page downloads, the quiz page included).
 */

/**
 * A form of decision 008 as the page shows it: its alerts (fix the marked
 * fields; the action's refusal), then the form, posted, wired to conform.
 * `alerts` replaces the standard ones where a page says more (sign-in's wait).
 */
export function PageForm<Schema extends Record<string, unknown>>({
  form,
  alerts,
  className = "flex flex-col gap-4",
  children,
  ...props
}: Omit<FormProps, "method" | "id" | "onSubmit"> & {
  form: FormMetadata<Schema, string[]>;
  alerts?: ReactNode;
}) {
  return (
    <>
      {alerts ?? <FormAlerts form={form} />}
      <Form
        method="post"
        className={className}
        {...formProps(form)}
        onMouseDown={keepFocusOnSubmit}
        {...props}
      >
        {children}
      </Form>
    </>
  );
}

/**
 * The props of a conform form's `<Form>`. `PageForm` adds `keepFocusOnSubmit`
 * (below); forms placed by hand do not yet: on the stage parts page it made
 * the add-a-part save fail, and the cause is not yet understood.
 */
export function formProps<Schema extends Record<string, unknown>>(form: FormMetadata<Schema, string[]>) {
  return getFormProps(form);
}

/**
 * A form's `onMouseDown` where fields are checked as they are left: pressing
 * the submit button keeps the focus where it is, so leaving the last field
 * does not first show its error, push the button down and lose the click.
 */
export function keepFocusOnSubmit(event: MouseEvent<HTMLFormElement>) {
  if (event.target instanceof Element && event.target.closest('button:not([type="button"])'))
    event.preventDefault();
}

/** A labelled checkbox (consent, "identity checked"), its error below; with `meta` like `Field`. */
export function CheckField({
  label,
  error,
  meta,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; error?: string; meta?: FieldMeta }) {
  const ownId = useId();
  const errorText = useFieldError();
  const errorId = meta?.errorId ?? `${ownId}-error`;
  error ??= errorText(meta);
  const fromMeta = meta ? { id: meta.id, name: meta.name, defaultChecked: initial(meta) === "on" } : {};
  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-start gap-3 text-lg">
        <input
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          key={meta?.key}
          {...fromMeta}
          {...input}
          className="mt-1 size-6 shrink-0"
        />
        <span>{label}</span>
      </label>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** What ties a `SelectField` to a conform field: its id, name and the value to show again (pass `key={meta.key}` too). */
export function selectProps(meta: FieldMeta) {
  return { id: meta.id, name: meta.name, defaultValue: initial(meta) };
}

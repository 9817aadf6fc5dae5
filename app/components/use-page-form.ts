import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";

/** An action's answer: conform's reply (its errors are messages: keys, with their values, see `message`). */
export type PageFormResult = SubmissionResult<string[]>;

/**
 * The answer when it is about this form: on a page with a form per team or
 * part, the one whose hidden fields (intent, ids) were posted, so the others
 * neither show its errors nor echo its values.
 */
export function resultFor<R extends PageFormResult>(
  result: R | undefined,
  match?: Record<string, string | number | undefined>,
): R | undefined {
  if (!result || !match) return result;
  const posted = result.initialValue ?? {};
  // A value left undefined: the form posts no such field (a new item's form has no id).
  const same = ([name, value]: [string, unknown]) =>
    posted[name] === (value === undefined ? undefined : String(value));
  return Object.entries(match).every(same) ? result : undefined;
}

const CLEARED: PageFormResult = { error: {} };

/**
 * One form of a page, as decision 008 has it: the schema checks in the
 * browser (on leaving a field, again on typing) and in the action; the
 * action's answer, if it is this form's, brings back errors and values.
 */
export function usePageForm<Schema extends z.ZodTypeAny>(
  schema: Schema,
  {
    id,
    result,
    match,
    defaultValue,
  }: {
    id: string;
    result: PageFormResult | undefined;
    match?: Record<string, string | number | undefined>;
    defaultValue?: NoInfer<DefaultValue<z.input<Schema>>>;
  },
) {
  // Another form's answer clears what this one showed from an earlier answer.
  const lastResult = result ? (resultFor(result, match) ?? CLEARED) : undefined;
  const [form, fields] = useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return { form, fields, result: lastResult === CLEARED ? undefined : lastResult };
}

/**
 * The errors of an answer, for `FormAlerts` at the top of a page whose forms
 * sit in regions named after what they change (a team): there the alert names
 * a person, and a region must not seem to hold them.
 */
export function answerAlerts(result: PageFormResult | undefined) {
  const allErrors = Object.fromEntries(
    Object.entries(result?.error ?? {}).flatMap(([name, errors]) => (errors ? [[name, errors]] : [])),
  );
  return { errors: allErrors[""], allErrors };
}

import { z } from "zod";
import { message } from "~/utils/i18n";
import { parseVnNumber, type NumberRule } from "~/utils/numbers";

/** Any whole number: each field's range is the model's rule, with its own message. */
export const WHOLE: NumberRule = { min: Number.NEGATIVE_INFINITY };

/** A text field: trimmed, empty when left out. */
export const text = z.string().trim().catch("");

/** A checkbox: true when ticked ("on"). */
export const checkbox = z.boolean().catch(false);

/**
 * A number field kept as typed ("7,5", "1.000.000"): what a form schema's
 * number fields are built from, so one schema shape serves the browser (with
 * `vnNumberText`, refusing what cannot be read) and the server's reading of
 * the values (with `numberText`, never failing; `vnNumber` reads it).
 */
export type NumberField = (rule?: NumberRule) => z.ZodType<string, z.ZodTypeDef, unknown>;

/** Refused, with the message of utils/numbers.ts, when it cannot be read the Vietnamese way. */
export const vnNumberText: NumberField = (rule = WHOLE) =>
  text.superRefine((value, ctx) => {
    const parsed = parseVnNumber(value, rule);
    if (!parsed.ok)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: message(parsed.problem.key, parsed.problem.vars),
      });
  });

/** Taken as typed, whatever it is. */
export const numberText: NumberField = () => text;

/** A number field's value: null when empty, NaN when it cannot be read. */
export function vnNumber(value: string, rule: NumberRule = WHOLE) {
  const parsed = parseVnNumber(value, rule);
  return parsed.ok ? parsed.value : Number.NaN;
}

/**
 * The fields people type about themselves, one definition each, shared by
 * registration (own and assisted), the profile, the password forms and the
 * staff account form. Messages are message keys; the browser runs these
 * checks too, so this file imports nothing of the server.
 */
import { z } from "zod";
import { normalisePhone } from "~/utils/validation";

/** The unit select's value for "Khác (ghi rõ)": the person names their unit instead. */
export const OTHER_UNIT = "other";

export const fullName = z
  .string({ required_error: "field.fullNameInvalid" })
  .trim()
  .min(2, "field.fullNameInvalid")
  .max(100, "field.fullNameInvalid");

export const birthYear = z
  .number({ required_error: "field.birthYearInvalid", invalid_type_error: "field.birthYearInvalid" })
  .int("field.birthYearInvalid")
  .min(1900, "field.birthYearInvalid")
  .refine((year) => year <= new Date().getFullYear(), "field.birthYearInvalid");

/** A Vietnamese mobile number as typed (spaces, dots, +84), read as its canonical 10 digits. */
export const phone = z
  .string({ required_error: "field.phoneInvalid" })
  .max(30, "field.phoneInvalid")
  .transform((typed, ctx) => {
    const normal = normalisePhone(typed);
    if (normal) return normal;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "field.phoneInvalid" });
    return z.NEVER;
  });

/** A password someone chooses (registration, a new password, a staff account's first one). */
export const newPassword = z
  .string({ required_error: "field.passwordShort" })
  .min(8, "field.passwordShort")
  .max(200, "field.passwordShort");

/** A new password typed twice; check with `samePasswords`. */
export const newPasswordTwice = { password: newPassword, confirm: z.string().max(200).default("") };

export function samePasswords(v: { password: string; confirm: string }, ctx: z.RefinementCtx) {
  if (v.password !== v.confirm)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "profile.passwordMismatch" });
}

/** A unit from the list, or "Khác" with its name typed; check with `checkUnit`, read with `unitOf`. */
export const unitChoice = {
  unit: z.string({ required_error: "field.unitRequired" }),
  unitOther: z.string().trim().max(120).optional(),
};

export function checkUnit(v: { unit: string; unitOther?: string }, ctx: z.RefinementCtx) {
  if (v.unit === OTHER_UNIT && !v.unitOther)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unitOther"], message: "field.unitOtherRequired" });
  else if (v.unit !== OTHER_UNIT && !/^\d+$/.test(v.unit))
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unit"], message: "field.unitRequired" });
}

export function unitOf(v: { unit: string; unitOther?: string }) {
  const other = v.unit === OTHER_UNIT;
  return { unitId: other ? null : Number(v.unit), unitOther: other ? (v.unitOther ?? null) : null };
}

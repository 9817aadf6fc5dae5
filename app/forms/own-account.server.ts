/**
 * Forms of a person's own account (profile, password change, reset with a
 * code, assisting an existing resident), parsed with zod. On failure each
 * parser returns the first problem per field and what was typed (never a
 * password), so the page shows it again.
 */
import { z } from "zod";
import { isMessageKey, type MessageKey } from "~/utils/i18n";
import { OTHER } from "./registration.server";
import { normalisePhone } from "~/utils/validation";

const phone = z
  .string({ required_error: "field.phoneInvalid" })
  .max(30, "field.phoneInvalid")
  .transform((v, ctx) => {
    const normal = normalisePhone(v);
    if (!normal) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "field.phoneInvalid" });
    return normal ?? "";
  });

/** A new password, checked like registration's, typed twice. */
const newPassword = {
  password: z
    .string({ required_error: "field.passwordShort" })
    .min(8, "field.passwordShort")
    .max(200, "field.passwordShort"),
  confirm: z.string().max(200).default(""),
};
const samePasswords = (v: { password: string; confirm: string }, ctx: z.RefinementCtx) => {
  if (v.password !== v.confirm)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "profile.passwordMismatch" });
};

export const ProfileSchema = z
  .object({
    intent: z.literal("profile"),
    fullName: z.string().trim().min(2, "field.fullNameInvalid").max(100, "field.fullNameInvalid"),
    unit: z.string({ required_error: "field.unitRequired" }).min(1, "field.unitRequired"),
    unitOther: z.string().trim().max(120).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.unit === OTHER && !v.unitOther)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unitOther"], message: "field.unitOtherRequired" });
    else if (v.unit !== OTHER && !/^\d+$/.test(v.unit))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unit"], message: "field.unitRequired" });
  })
  .transform((v) => ({
    intent: v.intent,
    fullName: v.fullName,
    unitId: v.unit === OTHER ? null : Number(v.unit),
    unitOther: v.unit === OTHER ? (v.unitOther ?? null) : null,
  }));

export const PasswordChangeSchema = z
  .object({
    intent: z.literal("password"),
    current: z
      .string({ required_error: "profile.currentRequired" })
      .min(1, "profile.currentRequired")
      .max(200),
    ...newPassword,
  })
  .superRefine(samePasswords);

export const ResetWithCodeSchema = z
  .object({
    phone,
    code: z
      .string({ required_error: "reset.codeFormat" })
      .transform((v) => v.replace(/[\s.-]/g, ""))
      .pipe(z.string().regex(/^\d{8}$/, "reset.codeFormat")),
    ...newPassword,
  })
  .superRefine(samePasswords);

export const AssistExistingSchema = z.object({
  intent: z.literal("existing"),
  phone,
  identityChecked: z.literal("on", { errorMap: () => ({ message: "assist.identityRequired" }) }),
});

export type FormErrors = Record<string, MessageKey>;

/** Parses a form; on failure, the first message per field and the typed values without passwords. */
export function parseForm<T extends z.ZodTypeAny>(schema: T, form: Record<string, FormDataEntryValue>) {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(form))
    if (typeof value === "string" && !/password|current|confirm/i.test(key)) values[key] = value;
  const parsed = schema.safeParse(form);
  if (parsed.success) return { ok: true as const, data: parsed.data as z.infer<T>, values };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= isMessageKey(issue.message) ? issue.message : "field.required";
  }
  return { ok: false as const, errors, values };
}

import { z } from "zod";
import { isMessageKey, type MessageKey } from "~/utils/i18n";
import { normalisePhone } from "~/utils/validation";

export const OTHER = "other";

export const RegisterSchema = z
  .object({
    fullName: z.string().trim().min(2, "field.fullNameInvalid").max(100, "field.fullNameInvalid"),
    birthYear: z.coerce
      .number({ invalid_type_error: "field.birthYearInvalid" })
      .int("field.birthYearInvalid")
      .min(1900, "field.birthYearInvalid")
      .refine((y) => y <= new Date().getFullYear(), "field.birthYearInvalid"),
    phone: z
      .string()
      .max(30, "field.phoneInvalid")
      .transform((v, ctx) => {
        const phone = normalisePhone(v);
        if (!phone) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "field.phoneInvalid" });
        return phone ?? "";
      }),
    password: z.string().min(8, "field.passwordShort").max(200, "field.passwordShort"),
    unit: z.string({ required_error: "field.unitRequired" }).min(1, "field.unitRequired"),
    unitOther: z.string().trim().max(120).optional(),
    address: z.string().trim().max(200).optional(),
    consent: z.literal("on", { errorMap: () => ({ message: "field.consentRequired" }) }),
  })
  .superRefine((v, ctx) => {
    if (v.unit === OTHER && !v.unitOther) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unitOther"], message: "field.unitOtherRequired" });
    } else if (v.unit !== OTHER && !/^\d+$/.test(v.unit)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unit"], message: "field.unitRequired" });
    }
  });

export type FieldErrors = Partial<
  Record<"fullName" | "birthYear" | "phone" | "password" | "unit" | "unitOther" | "consent", MessageKey>
>;

/** Parses the registration form; on failure, the first problem per field and what was typed (no password). */
export function parseRegistration(form: Record<string, FormDataEntryValue>) {
  const values = {
    fullName: String(form.fullName ?? ""),
    birthYear: String(form.birthYear ?? ""),
    phone: String(form.phone ?? ""),
    unit: String(form.unit ?? ""),
    unitOther: String(form.unitOther ?? ""),
    address: String(form.address ?? ""),
  };
  const parsed = RegisterSchema.safeParse(form);
  if (parsed.success) {
    const v = parsed.data;
    return {
      ok: true as const,
      values,
      input: {
        fullName: v.fullName,
        birthYear: v.birthYear,
        phone: v.phone,
        password: v.password,
        unitId: v.unit === OTHER ? null : Number(v.unit),
        unitOther: v.unit === OTHER ? (v.unitOther ?? null) : null,
        address: v.address || null,
      },
    };
  }
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof FieldErrors;
    errors[field] ??= isMessageKey(issue.message) ? issue.message : "field.required";
  }
  return { ok: false as const, values, errors };
}

/**
 * Forms of a person's own account (profile, password change, reset with a
 * code) and staff opening a session for an existing resident. Checked in the
 * browser and again by the actions.
 */
import { z } from "zod";
import {
  checkUnit,
  fullName,
  newPasswordTwice,
  phone,
  samePasswords,
  unitChoice,
  unitOf,
} from "./account-fields";

const ProfileFields = z.object({ intent: z.literal("profile"), fullName, ...unitChoice });
const PasswordFields = z.object({
  intent: z.literal("password"),
  current: z.string({ required_error: "profile.currentRequired" }).max(200),
  ...newPasswordTwice,
});

export const ProfileSchema = ProfileFields.superRefine(checkUnit);
export const PasswordChangeSchema = PasswordFields.superRefine(samePasswords);

/** The profile page's two forms, told apart by `intent`. */
export const ProfilePageSchema = z
  .discriminatedUnion("intent", [ProfileFields, PasswordFields])
  .superRefine((v, ctx) => (v.intent === "profile" ? checkUnit(v, ctx) : samePasswords(v, ctx)));

/** The profile form's values as the model takes them. */
export function profileInput(v: z.output<typeof ProfileFields>) {
  return { fullName: v.fullName, ...unitOf(v) };
}

export const ResetWithCodeSchema = z
  .object({
    phone,
    code: z
      .string({ required_error: "reset.codeFormat" })
      .transform((typed) => typed.replace(/[\s.-]/g, ""))
      .pipe(z.string().regex(/^\d{8}$/, "reset.codeFormat")),
    ...newPasswordTwice,
  })
  .superRefine(samePasswords);

export const AssistExistingSchema = z.object({
  intent: z.literal("existing"),
  phone,
  identityChecked: z.literal("on", { errorMap: () => ({ message: "assist.identityRequired" }) }),
});

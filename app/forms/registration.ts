import { z } from "zod";
import { birthYear, checkUnit, fullName, newPassword, phone, unitChoice, unitOf } from "./account-fields";
import { AssistExistingSchema } from "./own-account";

const RegistrationFields = z.object({
  fullName,
  birthYear,
  phone,
  password: newPassword,
  ...unitChoice,
  address: z.string().trim().max(200).optional(),
  consent: z.literal("on", { errorMap: () => ({ message: "field.consentRequired" }) }),
});

/** The form's values as `registerResident` takes them. */
export function registrationInput(v: z.output<typeof RegistrationFields>) {
  return {
    fullName: v.fullName,
    birthYear: v.birthYear,
    phone: v.phone,
    password: v.password,
    ...unitOf(v),
    address: v.address || null,
  };
}

/**
 * Registration by the resident (/register): checked in the browser and again
 * by the action, which gets the model's input.
 */
export const RegistrationSchema = RegistrationFields.superRefine(checkUnit).transform(registrationInput);

/** Staff-assisted entry (/organiser/assist): register a new resident, or open a session for one. */
export const AssistSchema = z
  .discriminatedUnion("intent", [
    RegistrationFields.extend({ intent: z.literal("register") }),
    AssistExistingSchema,
  ])
  .superRefine((v, ctx) => {
    if (v.intent === "register") checkUnit(v, ctx);
  });

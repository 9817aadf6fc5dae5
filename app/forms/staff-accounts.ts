import { z } from "zod";
import { fullName, newPassword, phone } from "./account-fields";

export const STAFF_ROLES = ["organiser", "committee", "judge", "admin"] as const;
const ROLES = ["resident", ...STAFF_ROLES] as const;

const userId = z.number().int().positive();

/** A staff account created by an organiser or admin, with its first password. */
export const CreateStaffSchema = z.object({
  intent: z.literal("create"),
  fullName,
  phone,
  password: newPassword,
  role: z.enum(STAFF_ROLES),
});

/** The accounts page's forms: the new staff account, and each account row's buttons. */
export const AccountsFormSchema = z.discriminatedUnion("intent", [
  CreateStaffSchema,
  z.object({ intent: z.literal("reset"), userId }),
  z.object({ intent: z.literal("disable"), userId }),
  z.object({ intent: z.literal("enable"), userId }),
  z.object({ intent: z.literal("role"), userId, role: z.enum(ROLES) }),
  z.object({ intent: z.literal("unlock"), userId }),
  z.object({
    intent: z.literal("resetCode"),
    userId,
    // Refused by the model with its message when not ticked.
    identityChecked: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
  }),
]);

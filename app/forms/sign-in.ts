import { z } from "zod";

/**
 * The sign-in form. It refuses nothing by itself: whatever is wrong (no
 * phone, a malformed one, no password) gets the one "wrong phone or
 * password" answer from the action, which never tells whether a phone is
 * registered.
 */
export const SignInSchema = z.object({
  phone: z.string().max(30).catch(""),
  password: z.string().max(200).catch(""),
  redirectTo: z.string().optional().catch(undefined),
});

import { z } from "zod";
import { normalisePhone } from "~/utils/validation";

const id = z.number().int().positive();
/** A unit chosen from the list, or none (the empty choice). */
const unitId = id.nullable().default(null);
const teamName = z.string().trim().max(120, "teams.nameTooLong").default("");

/**
 * The six forms of the organiser's teams page, told apart by `intent`. A
 * member is named by a registered phone (read as Vietnamese numbers are) or
 * by a name; the team a form names is checked against the contest by the
 * action, whatever the form says.
 */
export const TeamsFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), unitId, name: teamName }),
  z.object({ intent: z.literal("rename"), teamId: id, unitId, name: teamName }),
  z.object({
    intent: z.literal("member"),
    teamId: id,
    phone: z
      .string()
      .trim()
      .max(30, "field.phoneInvalid")
      .optional()
      .transform((value, ctx) => {
        if (!value) return null;
        const phone = normalisePhone(value);
        if (!phone) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "field.phoneInvalid" });
        return phone;
      }),
    name: z.string().trim().max(100, "teams.nameTooLong").default(""),
  }),
  z.object({ intent: z.literal("captain"), teamId: id, userId: id }),
  z.object({ intent: z.literal("delete"), teamId: id }),
  z.object({ intent: z.literal("removeMember"), teamId: id, name: z.string().max(200) }),
]);

export type TeamsIntent = z.infer<typeof TeamsFormSchema>["intent"];

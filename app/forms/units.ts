import { z } from "zod";
import { UNIT_KINDS } from "#db/constants";
import { parseVnNumber } from "~/utils/numbers";

export const DENOMINATOR_KINDS = ["population", "households", "members"] as const;

const id = z.number().int().positive();

const UnitFields = z.object({
  name: z
    .string({ required_error: "units.nameRequired" })
    .trim()
    .min(1, "units.nameRequired")
    .max(120, "units.nameRequired"),
  code: z.string().trim().max(20).optional(),
  kind: z.enum(UNIT_KINDS),
  // "1.200", "1,200" and "1200" people are the same; "7,5" is refused, never 75.
  denominator: z
    .string()
    .max(30, "units.denominatorInvalid")
    .optional()
    .transform((text, ctx) => {
      const parsed = parseVnNumber(text ?? "", { max: 999_999_999 });
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "units.denominatorInvalid" });
      return z.NEVER;
    }),
  denominatorKind: z.enum(DENOMINATOR_KINDS).optional(),
});

/** A unit added or edited by hand. */
export const UnitSchema = UnitFields.extend({
  intent: z.enum(["create", "update"]),
  id: id.optional(),
});

/** The units page's forms: a unit added or edited, retired or restored, an "other" unit mapped. */
export const UnitsFormSchema = z.discriminatedUnion("intent", [
  UnitFields.extend({ intent: z.literal("create") }),
  UnitFields.extend({ intent: z.literal("update"), id }),
  z.object({ intent: z.literal("retire"), id }),
  z.object({ intent: z.literal("restore"), id }),
  z.object({ intent: z.literal("map"), userId: id, unitId: id }),
]);

import { z } from "zod";
import { CRITERIA_ROWS } from "./stage-form";
import { parseVnNumber } from "~/utils/numbers";
import { parseTime } from "~/utils/stage-time";
import { checkbox, text, vnNumberText, WHOLE } from "./vn-number";

/** Minutes and the per-minute penalty take one decimal ("7,5"). */
const ONE_DECIMAL = { decimals: 1, min: Number.NEGATIVE_INFINITY };

/** A time: "m:ss" ("8:00", "1:15") or minutes as Vietnamese type them ("15", "7,5"). */
const timeText = text.superRefine((value, ctx) => {
  const ok = value.includes(":") ? parseTime(value).ok : parseVnNumber(value, ONE_DECIMAL).ok;
  if (!ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "stageTiming.badTime" });
});

/** A criterion row's name and maximum, as the page names them. */
export const criterionName = (row: number) => `criterion-name-${row}`;
export const criterionMax = (row: number) => `criterion-max-${row}`;

const criteria: Record<string, z.ZodType<string, z.ZodTypeDef, unknown>> = Object.fromEntries(
  Array.from({ length: CRITERIA_ROWS }, (_, row) => [
    [criterionName(row), text],
    [criterionMax(row), vnNumberText(WHOLE)],
  ]).flat(),
);

/**
 * A stage part's form (a new part has no `partId`). The browser refuses a
 * number it cannot read the Vietnamese way, as the server does; the ranges
 * and the criteria's sum are the model's rules (validatePart), whose
 * problems the action puts under these fields.
 */
export const PartFormSchema = z.object({
  intent: z.enum(["save", "delete"]).default("save"),
  partId: z.number().int().positive().optional(),
  name: text,
  maxScore: vnNumberText(WHOLE),
  scoring: z.enum(["judges", "knowledge"]).catch("judges"),
  isTieBreak: checkbox,
  timeLimitMin: timeText,
  overtimePenaltyPerMin: vnNumberText(ONE_DECIMAL),
  minTimeMin: timeText,
  undertimePenaltyPerMin: vnNumberText(ONE_DECIMAL),
  knowledgeQuestions: vnNumberText(WHOLE),
  knowledgePoints: vnNumberText(WHOLE),
  knowledgeMode: z.enum(["all", "buzzer"]).catch("all"),
  knowledgeCodes: text,
  knowledgeSeconds: vnNumberText(WHOLE),
  amendmentReason: text,
  ...criteria,
});

/** Which part a form is about (none: a new one) and whether to save or delete it. */
export const PartTargetSchema = PartFormSchema.pick({ intent: true, partId: true });

/** Where the model's problem about a part's value shows on the form. */
export const PART_PROBLEM_FIELD: Record<string, string> = {
  timeLimitSec: "timeLimitMin",
  minTimeSec: "minTimeMin",
};

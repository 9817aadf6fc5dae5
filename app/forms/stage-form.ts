import { z } from "zod";
import { CONTEST_BASICS } from "./contest-form";
import { prizeRowsSchema } from "./prizes";
import { checkbox, numberText, text, vnNumberText, type NumberField } from "./vn-number";

export const STAGE_PRIZE_ROWS = 6;
/** Criteria rows on a part form. */
export const CRITERIA_ROWS = 6;

export const STAGE_AGGREGATIONS = ["mean", "trimmed_mean"] as const;

function stageSchema(number: NumberField) {
  return z.object({
    ...CONTEST_BASICS,
    stageAggregation: z.enum(STAGE_AGGREGATIONS).catch("mean"),
    stageHideTotals: checkbox,
    stageSpreadPct: number(),
    audienceVote: checkbox,
    /** Team prizes: the table has no category column. */
    prizes: prizeRowsSchema(number),
    amendmentReason: text,
  });
}

/** The stage contest settings form: what the browser checks before sending and the server before reading. */
export const StageFormSchema = stageSchema(vnNumberText);

/** The same fields as typed, never refused: what the server reads the settings from. */
export const StageFieldsSchema = stageSchema(numberText);

/** What the stage contest settings form shows and posts back. */
export type StageFormValues = z.output<typeof StageFieldsSchema>;

import { z } from "zod";
import { COLLECTIVE_RULES } from "./contest-form";
import { prizeRowsSchema } from "./prizes";
import { numberText, text, vnNumberText, type NumberField } from "./vn-number";

export const SEASON_AGGREGATES = ["sum", "best", "average"] as const;
export const SEASON_PRIZE_RULES = ["highest", "first", "none"] as const;

/** Rows of the season's prize table (individual and collective). */
export const SEASON_PRIZE_ROWS = 8;

function seasonSchema(number: NumberField) {
  return z.object({
    title: text,
    slug: text,
    description: text,
    rules: text,
    aggregate: z.enum(SEASON_AGGREGATES).catch("sum"),
    prizeRule: z.enum(SEASON_PRIZE_RULES).catch("highest"),
    collectiveRule: z.enum(COLLECTIVE_RULES).catch("participation_rate"),
    /** Round numbers, ticked. */
    requiredRounds: z.array(text).catch([]),
    /** Creating a season: the id of the quiz contest that becomes round 1. */
    firstRoundId: text,
    amendmentReason: text,
    prizes: prizeRowsSchema(number),
  });
}

/** The season settings form: what the browser checks before sending and the server before reading. */
export const SeasonFormSchema = seasonSchema(vnNumberText);

/** The same fields as typed, never refused: what the server reads the settings from. */
export const SeasonFieldsSchema = seasonSchema(numberText);

export type SeasonFormValues = z.output<typeof SeasonFieldsSchema>;

/** The next round's window (datetime-local values in Hà Nội time). */
export const NextRoundSchema = z.object({ opensAt: text, closesAt: text });

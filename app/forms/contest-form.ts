import { z } from "zod";
import { prizeRowsSchema } from "./prizes";
import { checkbox, numberText, text, vnNumberText, type NumberField } from "./vn-number";

/** Rows of the quiz contest's prize table. */
export const PRIZE_ROWS = 10;

export const ATTEMPT_PERIODS = ["contest", "day", "week"] as const;
export const COUNTINGS = ["best", "first", "last"] as const;
export const REVIEW_POLICIES = ["after_submit", "after_close", "never"] as const;
export const ENTRY_MODES = ["individual", "team", "both"] as const;
export const COLLECTIVE_RULES = ["participation_rate", "entries", "average_score", "points"] as const;
export const PREDICTION_TARGETS = ["entries", "perfect_entries"] as const;

/** The field of the number of questions drawn from a category (the ward's own codes: a record). */
export const countField = (category: string) => `counts.${category}` as const;

/** The fields every contest's settings form starts with (quiz and stage alike). */
export const CONTEST_BASICS = {
  title: text,
  slug: text,
  description: text,
  opensAt: text,
  closesAt: text,
};

function contestSchema(number: NumberField) {
  return z.object({
    ...CONTEST_BASICS,
    timeLimitMin: number(),
    pointsPerQuestion: number(),
    drawMode: z.enum(["category", "fixed"]).catch("category"),
    /** Questions drawn per category, by the category's code. */
    counts: z.record(z.string(), number()).default({}),
    fixedCodes: text,
    shuffleQuestions: checkbox,
    shuffleOptions: checkbox,
    maxAttempts: number(),
    attemptPeriod: z.enum(ATTEMPT_PERIODS).catch("contest"),
    counting: z.enum(COUNTINGS).catch("best"),
    reviewPolicy: z.enum(REVIEW_POLICIES).catch("after_close"),
    practiceEnabled: checkbox,
    entryModes: z.enum(ENTRY_MODES).catch("individual"),
    collectiveRule: z.enum(COLLECTIVE_RULES).catch("participation_rate"),
    predictionTarget: z.enum(PREDICTION_TARGETS).nullable().catch(null),
    predictionPrompt: text,
    eligible: z.array(z.number().int().catch(Number.NaN)).catch([]),
    exclusions: text,
    rules: text,
    amendmentReason: text,
    prizes: prizeRowsSchema(number),
  });
}

/** The quiz contest settings form: what the browser checks before sending and the server before reading. */
export const ContestFormSchema = contestSchema(vnNumberText);

/** The same fields as typed, never refused: what the server reads the settings from. */
export const ContestFieldsSchema = contestSchema(numberText);

/** What the contest settings form shows and posts back (quiz contests). */
export type ContestFormValues = z.output<typeof ContestFieldsSchema>;

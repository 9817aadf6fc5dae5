import { z } from "zod";

/** Route params of every attempt URL: the random attempt id. */
export const AttemptParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) });

/** The version of the answer the page saw when the choice was made: 0 when none was saved (decision 006). */
const base = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** One save from the quiz page: an answer or the prediction, with the version it replaces. */
export const SaveSchema = z.union([
  z.object({
    questionId: z.number().int().positive(),
    optionIds: z.array(z.number().int().positive()).max(6),
    base,
  }),
  z.object({ prediction: z.number().int().min(0).max(1_000_000_000).nullable(), base }),
]);

/** The saves the browser could not deliver, sent along with "Nộp bài". */
export const UnsentSchema = z.array(SaveSchema).max(200);

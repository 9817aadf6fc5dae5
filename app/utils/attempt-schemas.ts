import { z } from "zod";

/** Route params of every attempt URL: the random attempt id. */
export const AttemptParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) });

const seq = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** One save from the quiz page: an answer or the prediction, with the client's sequence number. */
export const SaveSchema = z.union([
  z.object({
    questionId: z.number().int().positive(),
    optionIds: z.array(z.number().int().positive()).max(6),
    seq,
  }),
  z.object({ prediction: z.number().int().min(0).max(1_000_000_000).nullable(), seq }),
]);

/** The saves the browser could not deliver, sent along with "Nộp bài". */
export const UnsentSchema = z.array(SaveSchema).max(200);

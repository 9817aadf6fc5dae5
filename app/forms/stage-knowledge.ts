import { z } from "zod";

/**
 * The MC's cue on Điều hành for a knowledge part: "show-N" puts question N on
 * the projector, "reveal" shows its answer, "hide" takes it off.
 */
export const KnowledgeCueSchema = z.object({
  partId: z.coerce.number().int().positive(),
  cue: z.union([z.literal("reveal"), z.literal("hide"), z.string().regex(/^show-\d{1,3}$/)]),
});

/** The question number of a "show-N" cue (null for the others). */
export function cueQuestion(cue: string) {
  const match = /^show-(\d{1,3})$/.exec(cue);
  return match ? Number(match[1]) : null;
}

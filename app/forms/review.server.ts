import { z } from "zod";
import { announce, approveLock, disqualify, reopen, undoDisqualification } from "~/models/results.server";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/permissions.server";

const reason = z.string().trim().max(500);

/** The committee's review intents shared by quiz and stage contests. */
export const reviewIntents = [
  z.object({
    intent: z.literal("disqualify"),
    // "attempt:ID", "user:ID", "unit:ID" or "team:ID"
    target: z.string().regex(/^(attempt|user|unit|team):[A-Za-z0-9_-]{1,40}$/),
    reason,
  }),
  z.object({ intent: z.literal("undo"), disqualificationId: z.coerce.number().int().positive(), reason }),
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("announce") }),
  z.object({ intent: z.literal("reopen"), reason }),
] as const;

const ReviewIntentSchema = z.discriminatedUnion("intent", [...reviewIntents]);
export type ReviewIntent = z.infer<typeof ReviewIntentSchema>;

/** Runs one intent; a reopen request that has not reached the quorum yet returns its count. */
export async function runReviewIntent(v: ReviewIntent, contestId: number, actor: Actor) {
  if (v.intent === "disqualify") {
    const [kind, targetId] = v.target.split(":");
    await disqualify(db, {
      contestId,
      targetKind: kind as "attempt" | "user" | "unit" | "team",
      targetId,
      reason: v.reason,
      actor,
    });
  } else if (v.intent === "undo")
    await undoDisqualification(db, {
      contestId,
      disqualificationId: v.disqualificationId,
      reason: v.reason,
      actor,
    });
  else if (v.intent === "approve") await approveLock(db, contestId, actor);
  else if (v.intent === "announce") await announce(db, contestId, actor);
  else {
    const { reopened, approvals, quorum } = await reopen(db, contestId, v.reason, actor);
    if (!reopened) return { reopenRequested: { n: approvals, quorum } };
  }
  return {};
}

import { z } from "zod";
import type { contests } from "#db/schema";
import { committeeStatus } from "~/models/committee.server";
import { contestStatus } from "~/models/contest.server";
import {
  announce,
  approveLock,
  currentResults,
  disqualify,
  listDisqualifications,
  reopen,
  undoDisqualification,
} from "~/models/results.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import type { MessageKey } from "~/utils/i18n";
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
  // The ranking the member's page showed (its hash): the approval is of that ranking only.
  z.object({ intent: z.literal("approve"), rankingHash: z.string().max(100).optional() }),
  z.object({ intent: z.literal("announce") }),
  z.object({ intent: z.literal("reopen"), reason }),
] as const;

export type ReviewIntent = z.infer<(typeof reviewIntents)[number]>;

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
  else if (v.intent === "approve") await approveLock(db, contestId, actor, Date.now(), v.rankingHash);
  else if (v.intent === "announce") await announce(db, contestId, actor);
  else {
    const { reopened, approvals, quorum } = await reopen(db, contestId, v.reason, actor);
    if (!reopened) return { reopenRequested: { n: approvals, quorum } };
  }
  return {};
}

/**
 * The answer of a review page's action: the intent's own answer, or the
 * model's refusal (its message key) to show above the page.
 */
export async function reviewReply(
  run: () => Promise<{ reopenRequested?: { n: number; quorum: number } } | void>,
): Promise<{ error: MessageKey | null; reopenRequested?: { n: number; quorum: number } }> {
  try {
    return { error: null, ...(await run()) };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.code };
    throw error;
  }
}

/** What both review pages show: the contest, its current ranking, disqualifications and the committee's approvals. */
export async function reviewPageData(
  contest: Pick<typeof contests.$inferSelect, "id" | "slug" | "title" | "state" | "opensAt" | "closesAt">,
  actor: Actor,
) {
  const current = currentResults(db, contest.id);
  const [{ results, lockedAt }, disqualifications, committee] = await Promise.all([
    current,
    listDisqualifications(db, contest.id),
    current.then((c) => committeeStatus(db, contest.id, actor, c.results)),
  ]);
  return {
    contest: {
      id: contest.id,
      slug: contest.slug,
      title: contest.title,
      state: contest.state,
      status: contestStatus(contest, Date.now()),
    },
    results,
    lockedAt,
    disqualifications,
    committee,
  };
}

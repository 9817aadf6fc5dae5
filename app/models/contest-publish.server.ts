/** Publishing and unpublishing a contest, the same for quizzes and stage contests. */
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { contests } from "#db/schema";
import type { Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";

/** The audit row of a change of a contest's state by `actor`. */
export function contestStateAudit(
  db: Db,
  actor: Actor,
  action: "contest.publish" | "contest.unpublish",
  contestId: number,
  now: number,
) {
  return auditInsert(db, { actorUserId: actor.id, action, entity: "contest", entityId: contestId }, now);
}

/**
 * Publishes a draft (a contest in any other state stays as it is) and records
 * who did it, in one batch. The caller has checked the permission and what
 * the contest needs before it is published.
 */
export async function publishDraft(db: Db, contestId: number, actor: Actor, now: number) {
  await db.batch([
    db
      .update(contests)
      .set({ state: "published", updatedAt: now })
      .where(and(eq(contests.id, contestId), eq(contests.state, "draft"))),
    contestStateAudit(db, actor, "contest.publish", contestId, now),
  ]);
}

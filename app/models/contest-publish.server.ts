/** A contest's life from draft to published, the same for quizzes and stage contests. */
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { contests } from "#db/schema";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";

type DraftValues = Omit<typeof contests.$inferInsert, "state" | "createdByUserId" | "createdAt">;

/** A new contest, a draft made by `actor` (who may create contests); its id. */
export async function insertDraft(db: Db, values: DraftValues, actor: Actor, now: number) {
  authorize(actor, "contest.create");
  const [created] = await db
    .insert(contests)
    .values({ ...values, state: "draft", createdByUserId: actor.id, createdAt: now })
    .returning({ id: contests.id });
  return created.id;
}

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

/**
 * A contest's committee (hội đồng): the named members whose approvals lock
 * or reopen its results, and how many must agree. An admin sets it before
 * the contest closes; from the close it is frozen, so nobody can add a
 * member to reach a quorum after seeing the ranking.
 */
import { and, asc, count, desc, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Db } from "#db/client";
import { auditLog, contestApprovals, contestCommittee, contests, users } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, can, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import type { ContestResults } from "./result-types.server";

/** Roles that may sit on a committee roster. */
const ROSTER_ROLES = ["committee", "admin"] as const;

async function loadContest(db: Db, contestId: number) {
  const [c] = await db
    .select({
      id: contests.id,
      state: contests.state,
      closesAt: contests.closesAt,
      lockQuorum: contests.lockQuorum,
    })
    .from(contests)
    .where(eq(contests.id, contestId));
  if (!c) throw new DomainError("contest.notFound", 404);
  return c;
}

/** From the close (or once the committee is at work) the roster and quorum are frozen. */
export function rosterFrozen(c: { state: string; closesAt: number }, now: number) {
  return now >= c.closesAt || !["draft", "published"].includes(c.state);
}

export function listRoster(db: Db, contestId: number) {
  return db
    .select({ userId: users.id, fullName: users.fullName, phone: users.phone, disabledAt: users.disabledAt })
    .from(contestCommittee)
    .innerJoin(users, eq(users.id, contestCommittee.userId))
    .where(eq(contestCommittee.contestId, contestId))
    .orderBy(asc(users.fullName));
}

/** Active accounts an admin can put on a roster. */
export function rosterCandidates(db: Db) {
  return db
    .select({ userId: users.id, fullName: users.fullName, phone: users.phone, role: users.role })
    .from(users)
    .where(and(inArray(users.role, [...ROSTER_ROLES]), isNull(users.disabledAt)))
    .orderBy(asc(users.role), asc(users.fullName));
}

/**
 * Sets a contest's committee and its quorum (approvals needed to lock, and
 * to reopen). Admin only, before close; audited with the before and after.
 */
export async function setRoster(
  db: Db,
  input: { contestId: number; userIds: number[]; quorum: number },
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "contest.roster");
  const contest = await loadContest(db, input.contestId);
  if (rosterFrozen(contest, now)) throw new DomainError("roster.frozen", 409);
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) throw new DomainError("roster.empty", 422);
  const eligible = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, userIds), inArray(users.role, [...ROSTER_ROLES]), isNull(users.disabledAt)));
  if (eligible.length !== userIds.length) throw new DomainError("roster.notCommittee", 422);
  if (!Number.isInteger(input.quorum) || input.quorum < 1 || input.quorum > userIds.length)
    throw new DomainError("roster.quorumRange", 422);
  const before = (await listRoster(db, input.contestId)).map((m) => m.userId);
  await db.batch([
    db.delete(contestCommittee).where(eq(contestCommittee.contestId, input.contestId)),
    db
      .insert(contestCommittee)
      .values(userIds.map((userId) => ({ contestId: input.contestId, userId, addedAt: now }))),
    db
      .update(contests)
      .set({ lockQuorum: input.quorum, updatedAt: now })
      .where(eq(contests.id, input.contestId)),
    // Approvals given by members who are no longer on the roster stop counting.
    db
      .delete(contestApprovals)
      .where(
        and(eq(contestApprovals.contestId, input.contestId), notInArray(contestApprovals.userId, userIds)),
      ),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "contest.roster",
        entity: "contest",
        entityId: input.contestId,
        before: { members: before, quorum: contest.lockQuorum },
        after: { members: userIds, quorum: input.quorum },
      },
      now,
    ),
  ]);
}

/** Refuses anyone not on the contest's roster (whatever their role). */
export async function requireRosterMember(db: Db, contestId: number, actor: Actor) {
  if (actor.id === null) throw new DomainError("roster.notMember", 403);
  const [row] = await db
    .select({ userId: contestCommittee.userId })
    .from(contestCommittee)
    .where(and(eq(contestCommittee.contestId, contestId), eq(contestCommittee.userId, actor.id)));
  if (!row) throw new DomainError("roster.notMember", 403);
}

/**
 * What a lock approval agrees to: a hash of the whole ranking (every row's
 * place, status, prize and score, and the prediction's actual figure) and
 * the winners in words, to show what changed since.
 */
export function rankingDigest(results: ContestResults) {
  const rows = [
    ...[...results.individual, ...results.teams].map((e) => [
      e.key,
      e.rank,
      e.status,
      e.score,
      e.prize?.rank,
    ]),
    ...results.collective.map((u) => [u.unitId, u.rank, u.status, u.prize?.rank]),
  ];
  const hash = createHash("sha256")
    .update(JSON.stringify({ actual: results.actual, rows }))
    .digest("base64url");
  const winners = [
    ...results.individual.filter((e) => e.prize).map((e) => `Cá nhân · ${e.prize!.label}: ${e.name}`),
    ...results.teams.filter((e) => e.prize).map((e) => `Đội · ${e.prize!.label}: ${e.name}`),
    ...results.collective.filter((u) => u.prize).map((u) => `Tập thể · ${u.prize!.label}: ${u.name}`),
  ];
  return { hash, winners };
}

/**
 * Distinct roster members who gave an approval of this kind; for lock
 * approvals, only those given to the ranking `rankingHash` (an approval of a
 * ranking that has since changed no longer counts).
 */
export async function countApprovals(
  db: Db,
  contestId: number,
  kind: "lock" | "reopen",
  rankingHash?: string,
) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(contestApprovals)
    .innerJoin(
      contestCommittee,
      and(
        eq(contestCommittee.contestId, contestApprovals.contestId),
        eq(contestCommittee.userId, contestApprovals.userId),
      ),
    )
    .where(
      and(
        eq(contestApprovals.contestId, contestId),
        eq(contestApprovals.kind, kind),
        rankingHash === undefined ? undefined : eq(contestApprovals.rankingHash, rankingHash),
      ),
    );
  return n;
}

/** Who approved what so far, for the committee's page. */
export function listApprovals(db: Db, contestId: number) {
  return db
    .select({
      userId: contestApprovals.userId,
      fullName: users.fullName,
      kind: contestApprovals.kind,
      reason: contestApprovals.reason,
      rankingHash: contestApprovals.rankingHash,
      winners: contestApprovals.winners,
      createdAt: contestApprovals.createdAt,
    })
    .from(contestApprovals)
    .innerJoin(users, eq(users.id, contestApprovals.userId))
    .where(eq(contestApprovals.contestId, contestId))
    .orderBy(asc(contestApprovals.createdAt));
}

/**
 * The audit trail of one contest, for its committee: the contest's own
 * entries and those about its parts, teams and disqualifications. Organisers
 * and admins read the whole log; a committee member reads the contests whose
 * roster they are on.
 */
export async function contestAudit(db: Db, contestId: number, actor: Actor, limit = 300) {
  authorize(actor, "audit.readContest");
  // Whoever reads the whole log reads this part of it; a committee member reads their own contests.
  if (!can(actor, "audit.read")) await requireRosterMember(db, contestId, actor);
  const id = String(contestId);
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      after: auditLog.after,
      actorName: users.fullName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      or(
        and(eq(auditLog.entity, "contest"), eq(auditLog.entityId, id)),
        sql`json_extract(${auditLog.after}, '$.contestId') = ${contestId}`,
        sql`${auditLog.entity} = 'stage_part' AND ${auditLog.entityId} IN (SELECT cast(id AS text) FROM stage_parts WHERE contest_id = ${contestId})`,
        sql`${auditLog.entity} = 'team' AND ${auditLog.entityId} IN (SELECT cast(id AS text) FROM teams WHERE contest_id = ${contestId})`,
        sql`${auditLog.entity} = 'disqualification' AND ${auditLog.entityId} IN (SELECT cast(id AS text) FROM disqualifications WHERE contest_id = ${contestId})`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/**
 * What the committee's review page shows about the roster and the approvals
 * so far: each lock approval, whether it still holds for `results` (the
 * ranking on the page), and if not, which winners changed since.
 */
export async function committeeStatus(db: Db, contestId: number, actor: Actor, results: ContestResults) {
  const current = rankingDigest(results);
  const [contest, roster, approvals, reopen] = await Promise.all([
    loadContest(db, contestId),
    listRoster(db, contestId),
    listApprovals(db, contestId),
    countApprovals(db, contestId, "reopen"),
  ]);
  const onRoster = new Set(roster.map((m) => m.userId));
  const lockApprovals = approvals
    .filter((a) => a.kind === "lock" && onRoster.has(a.userId))
    .map((a) => {
      const then = new Set(a.winners ?? []);
      const now = new Set(current.winners);
      return {
        fullName: a.fullName,
        at: a.createdAt,
        holds: a.rankingHash === current.hash,
        gone: [...then].filter((w) => !now.has(w)),
        added: [...now].filter((w) => !then.has(w)),
      };
    });
  return {
    members: roster.map((m) => m.fullName),
    quorum: contest.lockQuorum,
    isMember: onRoster.has(actor.id ?? -1),
    // The ranking the page shows, which an approval from it agrees to.
    rankingHash: current.hash,
    lockApprovals,
    approvals: { lock: lockApprovals.filter((a) => a.holds).length, reopen },
  };
}

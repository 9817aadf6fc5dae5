/** Teams (đội) per unit for team entries and stage contests: members and a captain. */
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  attempts,
  contests,
  stageKnowledgeMarks,
  stageScores,
  teamMembers,
  teams,
  units,
  users,
} from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";

export async function listTeams(db: Db, contestId: number) {
  const rows = await db
    .select({
      id: teams.id,
      number: teams.number,
      name: teams.name,
      unitName: units.name,
      captainUserId: teams.captainUserId,
    })
    .from(teams)
    .leftJoin(units, eq(units.id, teams.unitId))
    .where(eq(teams.contestId, contestId))
    .orderBy(asc(teams.number));
  const members = await db
    .select({
      teamId: teamMembers.teamId,
      userId: teamMembers.userId,
      displayName: teamMembers.displayName,
      phone: users.phone,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .leftJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teams.contestId, contestId));
  return rows.map((t) => ({ ...t, members: members.filter((m) => m.teamId === t.id) }));
}

/** Teams are frozen with the results: nothing changes once the committee has locked them. */
export async function assertEditable(db: Db, contestId: number) {
  const [contest] = await db
    .select({ state: contests.state })
    .from(contests)
    .where(eq(contests.id, contestId));
  if (!contest) throw new DomainError("contest.notFound", 404);
  if (contest.state === "locked" || contest.state === "announced")
    throw new DomainError("review.locked", 409);
}

/** A new team gets the next number: đội số 1, 2, 3 … */
export async function createTeam(
  db: Db,
  contestId: number,
  input: { unitId: number | null; name: string },
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "team.manage");
  await assertEditable(db, contestId);
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${teams.number}), 0) + 1` })
    .from(teams)
    .where(eq(teams.contestId, contestId));
  const name = input.name.trim() || `Đội số ${next}`;
  // Judges and the projector must be able to tell teams apart.
  const [same] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.contestId, contestId), sql`lower(${teams.name}) = lower(${name})`));
  if (same) throw new DomainError("teams.duplicateName", 422);
  await db.batch([
    db.insert(teams).values({ contestId, unitId: input.unitId, number: next, name }),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "team.create",
        entity: "contest",
        entityId: contestId,
        after: { ...input, number: next },
      },
      now,
    ),
  ]);
}

/** Adds a member by phone (a registered person) or by name only (a performer without an account). */
export async function addMember(
  db: Db,
  teamId: number,
  input: { phone: string | null; name: string },
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "team.manage");
  let userId: number | null = null;
  let displayName = input.name;
  if (input.phone) {
    const [user] = await db
      .select({ id: users.id, fullName: users.fullName })
      .from(users)
      .where(eq(users.phone, input.phone));
    if (!user) throw new DomainError("teams.unknownPhone", 422);
    userId = user.id;
    displayName = user.fullName;
  }
  if (!displayName) throw new DomainError("field.required", 422);
  await db.batch([
    db.insert(teamMembers).values({ teamId, userId, displayName }),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "team.addMember",
        entity: "team",
        entityId: teamId,
        after: { userId, displayName },
      },
      now,
    ),
  ]);
}

/** The captain takes the quiz for the team, so they must be a member with an account. */
export async function setCaptain(db: Db, teamId: number, userId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "team.manage");
  const [member] = await db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  if (!member) throw new DomainError("teams.captainNotMember", 422);
  await db.batch([
    db.update(teams).set({ captainUserId: userId }).where(eq(teams.id, teamId)),
    auditInsert(
      db,
      { actorUserId: actor.id, action: "team.captain", entity: "team", entityId: teamId, after: { userId } },
      now,
    ),
  ]);
}

/** Removes a team entered by mistake; refused once it has an entry or a score. */
export async function deleteTeam(db: Db, contestId: number, teamId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "team.manage");
  await assertEditable(db, contestId);
  const [[a], [b], [c]] = await Promise.all([
    db.select({ n: count() }).from(attempts).where(eq(attempts.teamId, teamId)),
    db.select({ n: count() }).from(stageScores).where(eq(stageScores.teamId, teamId)),
    db.select({ n: count() }).from(stageKnowledgeMarks).where(eq(stageKnowledgeMarks.teamId, teamId)),
  ]);
  if (a.n + b.n + c.n > 0) throw new DomainError("teams.inUse", 409);
  await db.batch([
    auditInsert(db, { actorUserId: actor.id, action: "team.delete", entity: "team", entityId: teamId }, now),
    db.delete(teams).where(and(eq(teams.id, teamId), eq(teams.contestId, contestId))),
  ]);
}

/** Removes one member row (a duplicate or a mistake) by its position in the team's list. */
export async function removeMember(
  db: Db,
  contestId: number,
  teamId: number,
  displayName: string,
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "team.manage");
  await assertEditable(db, contestId);
  await db.batch([
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "team.removeMember",
        entity: "team",
        entityId: teamId,
        after: { displayName },
      },
      now,
    ),
    db.run(sql`DELETE FROM team_members WHERE rowid = (
      SELECT rowid FROM team_members WHERE team_id = ${teamId} AND display_name = ${displayName} LIMIT 1)`),
  ]);
}

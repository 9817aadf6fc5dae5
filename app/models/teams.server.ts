/**
 * Teams (đội) per unit for team entries and stage contests: members and a
 * captain. Names differ ignoring case, Vietnamese capitals included; a member
 * is listed once; a person is in at most one team of a contest (the database
 * holds the last two with a unique index and a trigger, migration 0011).
 */
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  attempts,
  contests,
  stageKnowledgeMarks,
  stageParts,
  stageScores,
  teamMembers,
  teams,
  units,
  users,
} from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";

/** A name as typed, tidied: one form of each accented letter (NFC), single spaces, trimmed. */
export const tidyName = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim();

/** A team name as compared: "Đội Tổ 1" and "đội  tổ 1" are the same name. */
export const teamNameKey = (name: string) => tidyName(name).toLocaleLowerCase("vi");

/** Who a member is, once per team: an account, or a performer's name as compared. */
export const memberKey = (userId: number | null, displayName: string) =>
  userId !== null ? `u:${userId}` : `n:${teamNameKey(displayName)}`;

/**
 * Runs a write the checks above allowed; when a concurrent one got in first
 * and the database refuses it (the unique indexes, the one-team trigger),
 * the user gets the same message as from the check.
 */
async function runChecked(work: () => Promise<unknown>, memberRefused?: DomainError) {
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : "";
    if (/teams\.contest_id, teams\.name_key/.test(message)) throw new DomainError("teams.duplicateName", 422);
    if (memberRefused && /team_members\.team_id, team_members\.name_key|one team per contest/.test(message))
      throw memberRefused;
    throw error;
  }
}

export async function listTeams(db: Db, contestId: number) {
  const rows = await db
    .select({
      id: teams.id,
      number: teams.number,
      name: teams.name,
      unitId: teams.unitId,
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

/** Another team of the contest with this name (as compared), if any. */
async function sameName(db: Db, contestId: number, name: string, exceptTeamId?: number) {
  const key = teamNameKey(name);
  // Compared on the names themselves, so rows keyed before migration 0011 count too.
  const rows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.contestId, contestId), exceptTeamId ? ne(teams.id, exceptTeamId) : undefined));
  return rows.find((t) => teamNameKey(t.name) === key);
}

async function assertUnit(db: Db, unitId: number | null) {
  if (unitId === null) return;
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId));
  if (!unit) throw new DomainError("teams.unknownUnit", 422);
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
  await assertUnit(db, input.unitId);
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${teams.number}), 0) + 1` })
    .from(teams)
    .where(eq(teams.contestId, contestId));
  const name = tidyName(input.name) || `Đội số ${next}`;
  // Judges and the projector must be able to tell teams apart.
  if (await sameName(db, contestId, name)) throw new DomainError("teams.duplicateName", 422);
  await runChecked(() =>
    db.batch([
      db
        .insert(teams)
        .values({ contestId, unitId: input.unitId, number: next, name, nameKey: teamNameKey(name) }),
      auditInsert(
        db,
        {
          actorUserId: actor.id,
          action: "team.create",
          entity: "contest",
          entityId: contestId,
          after: { ...input, name, number: next },
        },
        now,
      ),
    ]),
  );
}

/**
 * Once the contest has started (its opening time has passed, or it has an
 * entry or a score) a team keeps its name and unit: entrants, judges and
 * the scoreboard have seen them.
 */
async function hasStarted(db: Db, contestId: number, now: number) {
  const [contest] = await db
    .select({ opensAt: contests.opensAt })
    .from(contests)
    .where(eq(contests.id, contestId));
  if (!contest) throw new DomainError("contest.notFound", 404);
  if (now >= contest.opensAt) return true;
  const [[a], [b], [c]] = await Promise.all([
    db.select({ n: count() }).from(attempts).where(eq(attempts.contestId, contestId)),
    db
      .select({ n: count() })
      .from(stageScores)
      .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
      .where(eq(stageParts.contestId, contestId)),
    db
      .select({ n: count() })
      .from(stageKnowledgeMarks)
      .innerJoin(stageParts, eq(stageParts.id, stageKnowledgeMarks.partId))
      .where(eq(stageParts.contestId, contestId)),
  ]);
  return a.n + b.n + c.n > 0;
}

/** Renames a team and (re)links it to a unit, or to none, until the contest starts. */
export async function updateTeam(
  db: Db,
  contestId: number,
  teamId: number,
  input: { unitId: number | null; name: string },
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "team.manage");
  await assertEditable(db, contestId);
  const [before] = await db
    .select({ name: teams.name, unitId: teams.unitId, number: teams.number })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.contestId, contestId)));
  if (!before) throw new DomainError("contest.notFound", 404);
  if (await hasStarted(db, contestId, now)) throw new DomainError("teams.startedNoRename", 409);
  await assertUnit(db, input.unitId);
  const name = tidyName(input.name) || `Đội số ${before.number}`;
  if (await sameName(db, contestId, name, teamId)) throw new DomainError("teams.duplicateName", 422);
  await runChecked(() =>
    db.batch([
      db
        .update(teams)
        .set({ name, nameKey: teamNameKey(name), unitId: input.unitId })
        .where(and(eq(teams.id, teamId), eq(teams.contestId, contestId))),
      auditInsert(
        db,
        {
          actorUserId: actor.id,
          action: "team.update",
          entity: "team",
          entityId: teamId,
          before: { name: before.name, unitId: before.unitId },
          after: { name, unitId: input.unitId },
        },
        now,
      ),
    ]),
  );
}

/**
 * Adds a member by phone (a registered person) or by name only (a performer
 * without an account). A person already in a team of this contest, or a
 * name already in this team, is refused with who and where.
 */
export async function addMember(
  db: Db,
  teamId: number,
  input: { phone: string | null; name: string },
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "team.manage");
  const [team] = await db
    .select({ contestId: teams.contestId, name: teams.name })
    .from(teams)
    .where(eq(teams.id, teamId));
  if (!team) throw new DomainError("contest.notFound", 404);
  await assertEditable(db, team.contestId);
  let userId: number | null = null;
  let displayName = tidyName(input.name);
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
  const members = await db
    .select({
      teamId: teamMembers.teamId,
      teamName: teams.name,
      userId: teamMembers.userId,
      displayName: teamMembers.displayName,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teams.contestId, team.contestId));
  const elsewhere = userId !== null ? members.find((m) => m.userId === userId) : undefined;
  if (elsewhere)
    throw new DomainError("teams.personInTeam", 422, { name: displayName, team: elsewhere.teamName });
  // The same performer typed twice, or typed once and added by phone once (two accounts may share a name).
  const key = teamNameKey(displayName);
  const duplicate = new DomainError("teams.memberDuplicate", 422, { name: displayName, team: team.name });
  if (
    members.some(
      (m) =>
        m.teamId === teamId && (userId === null || m.userId === null) && teamNameKey(m.displayName) === key,
    )
  )
    throw duplicate;
  await runChecked(
    () =>
      db.batch([
        db
          .insert(teamMembers)
          .values({ teamId, userId, displayName, nameKey: memberKey(userId, displayName) }),
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
      ]),
    duplicate,
  );
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

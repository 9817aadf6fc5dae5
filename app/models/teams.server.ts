/** Teams (đội) per unit for team entries and stage contests: members and a captain. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { teamMembers, teams, units, users } from "#db/schema";
import { DomainError } from "~/utils/errors";
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

/** A new team gets the next number: đội số 1, 2, 3 … */
export async function createTeam(
  db: Db,
  contestId: number,
  input: { unitId: number | null; name: string },
  actorUserId: number,
  now = Date.now(),
) {
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${teams.number}), 0) + 1` })
    .from(teams)
    .where(eq(teams.contestId, contestId));
  await db.batch([
    db
      .insert(teams)
      .values({ contestId, unitId: input.unitId, number: next, name: input.name || `Đội số ${next}` }),
    auditInsert(
      db,
      {
        actorUserId,
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
  actorUserId: number,
  now = Date.now(),
) {
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
        actorUserId,
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
export async function setCaptain(
  db: Db,
  teamId: number,
  userId: number,
  actorUserId: number,
  now = Date.now(),
) {
  const [member] = await db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  if (!member) throw new DomainError("teams.captainNotMember", 422);
  await db.batch([
    db.update(teams).set({ captainUserId: userId }).where(eq(teams.id, teamId)),
    auditInsert(
      db,
      { actorUserId, action: "team.captain", entity: "team", entityId: teamId, after: { userId } },
      now,
    ),
  ]);
}

/**
 * Team entries in quiz contests: the captain takes the quiz for the team
 * (the attempt carries the team's id and is ranked in the team table), and
 * every member sees the team's entries. A team's allowance of attempts is
 * its own, apart from the captain's individual ones.
 */
import { and, count, desc, eq, isNotNull, or } from "drizzle-orm";
import type { Db } from "#db/client";
import { attempts, contests, teamMembers, teams, units, users } from "#db/schema";
import { DomainError } from "~/utils/errors";
import type { MessageKey } from "~/utils/i18n";
import { assertCanStart, countedAttempt, inSamePeriod, type ContestWindow } from "./attempt-policy.server";
import { recordedOnly } from "./practice.server";

type EntryModes = Pick<typeof contests.$inferSelect, "kind" | "entryModes">;

/** A quiz contest that takes team entries ("team" or "both"). */
export const takesTeamEntries = (c: EntryModes) => c.kind === "quiz" && c.entryModes !== "individual";

/** A contest that takes individual entries ("individual" or "both"). */
export const takesIndividualEntries = (c: EntryModes) => c.entryModes !== "team";

/**
 * The team a person belongs to in a contest (at most one), its captain, and
 * whether they are it. A captain counts as a member even without a member row.
 */
export async function teamOfMember(db: Db, contestId: number, userId: number) {
  const rows = await db
    .select({
      id: teams.id,
      name: teams.name,
      unitName: units.name,
      captainUserId: teams.captainUserId,
      captainName: users.fullName,
    })
    .from(teams)
    .leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, userId)))
    .leftJoin(units, eq(units.id, teams.unitId))
    .leftJoin(users, eq(users.id, teams.captainUserId))
    .where(
      and(eq(teams.contestId, contestId), or(eq(teams.captainUserId, userId), isNotNull(teamMembers.userId))),
    );
  const row = rows.find((r) => r.captainUserId === userId) ?? rows[0];
  return row ? { ...row, isCaptain: row.captainUserId === userId } : null;
}

/**
 * The team `userId` may enter for in this contest: refused unless the contest
 * takes team entries and they are the captain of a team in it.
 */
export async function teamToEnter(db: Db, contest: EntryModes & { id: number }, userId: number) {
  if (!takesTeamEntries(contest)) throw new DomainError("teamEntry.notTaken", 409);
  const team = await teamOfMember(db, contest.id, userId);
  if (!team) throw new DomainError("teamEntry.noTeam", 403);
  if (!team.isCaptain)
    throw new DomainError("teamEntry.notCaptain", 403, { team: team.name, captain: team.captainName ?? "" });
  return team;
}

/**
 * Checks an attempt about to start for `teamId` (or individually, when null):
 * a team entry needs the captain of that team of this contest; an individual
 * one a contest that takes them.
 */
export async function assertEntryMode(
  db: Db,
  contest: EntryModes & { id: number },
  userId: number,
  teamId: number | null,
) {
  if (teamId === null) {
    if (!takesIndividualEntries(contest)) throw new DomainError("teamEntry.teamOnly", 409);
    return;
  }
  const team = await teamToEnter(db, contest, userId);
  if (team.id !== teamId) throw new DomainError("teamEntry.noTeam", 403);
}

/**
 * An entry as the lists of entries show it (a resident's own, a team's), with
 * who made it and the contest's counting rule (to mark the one that counts);
 * selected from attempts joined to their contest and their maker.
 */
export const entryColumns = {
  id: attempts.id,
  contestId: attempts.contestId,
  attemptNo: attempts.attemptNo,
  status: attempts.status,
  startedAt: attempts.startedAt,
  deadlineAt: attempts.deadlineAt,
  submittedAt: attempts.submittedAt,
  score: attempts.score,
  maxScore: attempts.maxScore,
  durationMs: attempts.durationMs,
  receipt: attempts.receipt,
  byName: users.fullName,
  counting: contests.counting,
};

/** A team's entries, newest first, whoever the captain was, with the one that counts marked. */
export async function listTeamAttempts(db: Db, teamId: number) {
  const rows = await db
    .select(entryColumns)
    .from(attempts)
    .innerJoin(contests, eq(contests.id, attempts.contestId))
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(and(eq(attempts.teamId, teamId), recordedOnly))
    .orderBy(desc(attempts.startedAt));
  const counted = rows.length ? countedAttempt(rows, rows[0].counting) : undefined;
  return rows.map(({ counting: _, ...r }) => ({ ...r, counts: r.id === counted?.id }));
}

/**
 * How many attempts to hold against the contest's allowance before showing
 * answers: the fewest a person has used of any allowance they may still use
 * (their own, and their team's when they are its captain), so the key never
 * shows while one of them is left.
 */
export async function attemptsUsedTowardsReview(
  db: Db,
  contest: EntryModes & { id: number },
  userId: number,
) {
  const own = await db
    .select({ teamId: attempts.teamId })
    .from(attempts)
    // Practice attempts (thi thử) use up nothing: they never open the key.
    .where(and(eq(attempts.contestId, contest.id), eq(attempts.userId, userId), recordedOnly));
  const used: number[] = [];
  if (takesIndividualEntries(contest)) used.push(own.filter((a) => a.teamId === null).length);
  const team = takesTeamEntries(contest) ? await teamOfMember(db, contest.id, userId) : null;
  if (team?.isCaptain) {
    const [{ n }] = await db
      .select({ n: count() })
      .from(attempts)
      .where(and(eq(attempts.teamId, team.id), recordedOnly));
    used.push(n);
  }
  return used.length ? Math.min(...used) : own.length;
}

/**
 * What the contest page shows a member of a team: the team, its captain,
 * its entries and, for the captain, whether the team may start another
 * (null) or why not. Null for people in no team or contests without team entries.
 */
export async function teamEntryView(
  db: Db,
  contest: EntryModes & ContestWindow & { id: number },
  userId: number,
  now: number,
) {
  if (!takesTeamEntries(contest)) return null;
  const team = await teamOfMember(db, contest.id, userId);
  if (!team) return null;
  const entries = await listTeamAttempts(db, team.id);
  let blocked: MessageKey | null = null;
  try {
    assertCanStart(
      contest,
      entries.map((e) => e.startedAt),
      now,
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    blocked = error.code;
  }
  const samePeriod = entries.filter((e) => inSamePeriod(contest.attemptPeriod, e.startedAt, now)).length;
  return {
    ...team,
    entries: entries.map((e) => ({ ...e, open: e.status === "open" && e.deadlineAt > now })),
    blocked,
    attemptsLeft: Math.max(0, contest.maxAttempts - samePeriod),
  };
}

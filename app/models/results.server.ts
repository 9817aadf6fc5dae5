/**
 * From entries to announced winners: loading a contest's entries, computing
 * the ranking, the committee's disqualifications, approvals, lock (which
 * freezes a snapshot), announcement and audited reopen.
 */
import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  contestApprovals,
  contestPrizes,
  contestResults,
  contests,
  disqualifications,
  teams,
  units,
  users,
} from "#db/schema";
import { DomainError } from "~/utils/errors";
import { countedAttempt } from "./attempt-policy.server";
import { loadCandidates, type Candidate } from "./counted-entries.server";
import { computeStage, stageEntries } from "./stage-results.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditBy, auditInsertIf } from "./audit.server";
import { countApprovals, listApprovals, rankingDigest, requireRosterMember } from "./committee.server";
import { contestStatus, unitTakesPart } from "./contest.server";
import { rankEntries, rankUnits, type Entry, type RankedEntry, type UnitFigures } from "./ranking.server";
import type { ContestResults } from "./result-types.server";
import { passOverRule, prizesHeld, rankSeason, type SeasonRound } from "./season-ranking.server";

async function loadContest(db: Db, contestId: number) {
  const [c] = await db.select().from(contests).where(eq(contests.id, contestId));
  if (!c) throw new DomainError("contest.notFound", 404);
  return c;
}

type Contest = Awaited<ReturnType<typeof loadContest>>;

/** A stage contest's results: its teams ranked over the parts, nothing else. */
async function stageResults(db: Db, contest: Contest): Promise<ContestResults> {
  const stage = await computeStage(db, contest);
  const teamRanking = stageEntries(stage);
  const totalAmount = teamRanking.reduce((s, r) => s + (r.prize?.amount ?? 0), 0);
  return {
    contestId: contest.id,
    actual: null,
    individual: [],
    teams: teamRanking,
    collective: [],
    totalAmount,
    stage,
  };
}

/** Everything a ranking is computed from: counted entries, prizes, live disqualifications, teams, units. */
function loadRankingInputs(db: Db, contest: Contest) {
  const contestId = contest.id;
  return Promise.all([
    loadCandidates(db, contest, "person"),
    loadCandidates(db, contest, "team"),
    db.select().from(contestPrizes).where(eq(contestPrizes.contestId, contestId)),
    db
      .select()
      .from(disqualifications)
      .where(and(eq(disqualifications.contestId, contestId), isNull(disqualifications.revokedAt))),
    db
      .select({ id: teams.id, name: teams.name, unitId: teams.unitId })
      .from(teams)
      .where(eq(teams.contestId, contestId)),
    db.select().from(units).orderBy(units.id),
  ]);
}

type RankingInputs = Awaited<ReturnType<typeof loadRankingInputs>>;

/**
 * Per unit taking part: its ranked members' counted entries, and all their entries
 * except those disqualified one by one; staff, excluded and disqualified people
 * count for nothing.
 */
function unitFigures(
  contest: Contest,
  unitRows: RankingInputs[5],
  people: RankingInputs[0],
  individual: RankedEntry[],
  dqUsers: Set<string>,
): UnitFigures[] {
  const byUnit = new Map<number | null, { participants: number; total: number; entries: number }>();
  const figuresOf = (unitId: number | null) => {
    let f = byUnit.get(unitId);
    if (!f) byUnit.set(unitId, (f = { participants: 0, total: 0, entries: 0 }));
    return f;
  };
  // Excluded and disqualified people count for nothing prize-related, collective prizes included.
  for (const e of individual)
    if (e.status === "ranked" || e.status === "prized_earlier") {
      const f = figuresOf(e.unitId);
      f.participants++;
      f.total += e.score;
    }
  for (const [c] of people)
    if (!dqUsers.has(String(c.userId)) && !c.ineligible) figuresOf(c.unitId).entries += c.undisqualified;
  return unitRows
    .filter((u) => unitTakesPart(contest, u))
    .map((u) => {
      const f = byUnit.get(u.id);
      return {
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        denominator: u.denominator || null,
        participants: f?.participants ?? 0,
        entries: f?.entries ?? 0,
        averageScore: f?.participants ? f.total / f.participants : null,
      };
    });
}

/** A season's rounds in order, drafts included. */
export function seasonRounds(db: Db, seasonId: number) {
  return db.select().from(contests).where(eq(contests.seasonId, seasonId)).orderBy(asc(contests.roundNo));
}

/**
 * The frozen results of a round's earlier rounds: who already holds a prize
 * in the season. Only locked rounds count, and a round locks only after the
 * rounds before it (`approveLock`), so nothing here is still moving.
 */
async function earlierRoundResults(db: Db, round: Contest) {
  if (round.seasonId === null || round.roundNo === null) return [];
  const rows = await db
    .select({ snapshot: contestResults.snapshot })
    .from(contestResults)
    .innerJoin(contests, eq(contests.id, contestResults.contestId))
    .where(and(eq(contests.seasonId, round.seasonId), lt(contests.roundNo, round.roundNo)));
  return rows.map((r) => r.snapshot as ContestResults);
}

/** A season's results: its rounds' results (frozen or live) put together by the season's rules. */
async function seasonResults(db: Db, season: Contest) {
  const rounds = await seasonRounds(db, season.id);
  const withResults: SeasonRound[] = [];
  for (const r of rounds) {
    if (r.state === "draft" || r.roundNo === null) continue;
    const { results } = await currentResults(db, r.id);
    withResults.push({
      roundNo: r.roundNo,
      contestId: r.id,
      slug: r.slug,
      title: r.title,
      state: r.state,
      results,
    });
  }
  const [prizes, dq] = await Promise.all([
    db.select().from(contestPrizes).where(eq(contestPrizes.contestId, season.id)),
    db
      .select()
      .from(disqualifications)
      .where(and(eq(disqualifications.contestId, season.id), isNull(disqualifications.revokedAt))),
  ]);
  return rankSeason(
    season.id,
    withResults,
    {
      aggregate: season.seasonAggregate,
      prizeRule: season.seasonPrizeRule,
      requiredRounds: season.seasonRequiredRounds ?? [],
      collectiveRule: season.collectiveRule,
    },
    prizes,
    {
      users: new Set(dq.filter((d) => d.targetKind === "user").map((d) => d.targetId)),
      units: new Set(dq.filter((d) => d.targetKind === "unit").map((d) => Number(d.targetId))),
    },
  );
}

/** The season a round belongs to, or null. */
async function seasonOf(db: Db, round: Contest) {
  if (round.seasonId === null) return null;
  const [season] = await db.select().from(contests).where(eq(contests.id, round.seasonId));
  return season ?? null;
}

/**
 * Refuses unless every published round of `season` numbered below `before`
 * has its results locked (and, for the whole season, that it has one).
 */
async function requireRoundsFinal(db: Db, season: Contest, before: number) {
  const rounds = (await seasonRounds(db, season.id)).filter(
    (r) => r.state !== "draft" && (r.roundNo ?? 0) < before,
  );
  if (before === Infinity && rounds.length === 0) throw new DomainError("season.noRounds", 409);
  if (rounds.some((r) => !isFinal(r.state)))
    throw new DomainError(before === Infinity ? "season.roundsNotLocked" : "season.earlierRoundOpen", 409);
}

/**
 * A round's locked results are what later rounds and the season were ranked
 * from: it reopens only after they have (the season first, then the rounds
 * from the last one back).
 */
async function requireNothingBuiltOn(db: Db, round: Contest) {
  const season = await seasonOf(db, round);
  if (!season) return;
  if (isFinal(season.state)) throw new DomainError("season.seasonLocked", 409);
  const later = (await seasonRounds(db, season.id)).filter((r) => (r.roundNo ?? 0) > (round.roundNo ?? 0));
  if (later.some((r) => isFinal(r.state))) throw new DomainError("season.laterRoundLocked", 409);
}

/** Computes the full ranking from the database (deterministic for the same data). */
export async function computeResults(db: Db, contestId: number): Promise<ContestResults> {
  const contest = await loadContest(db, contestId);
  if (contest.kind === "stage") return stageResults(db, contest);
  if (contest.kind === "season") return seasonResults(db, contest);
  const [people, teamSubjects, prizes, dq, teamRows, unitRows] = await loadRankingInputs(db, contest);
  const season = await seasonOf(db, contest);
  const passOver = season
    ? passOverRule(season.seasonPrizeRule, prizesHeld(await earlierRoundResults(db, contest)))
    : undefined;

  const sum = (f: (c: Candidate) => number) =>
    people.reduce((s, [c]) => s + f(c), 0) + teamSubjects.reduce((s, [c]) => s + f(c), 0);
  const actual =
    contest.predictionTarget === "perfect_entries"
      ? sum((c) => c.perfect)
      : contest.predictionTarget === "entries"
        ? sum((c) => c.entries)
        : null;
  const dqOf = (kind: string) => new Set(dq.filter((d) => d.targetKind === kind).map((d) => d.targetId));
  const [dqAttempts, dqUsers, dqUnits, dqTeams] = [dqOf("attempt"), dqOf("user"), dqOf("unit"), dqOf("team")];
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const teamById = new Map(teamRows.map((t) => [t.id, t]));

  const toEntry = (key: string, c: Candidate, name = c.name, unitId = c.unitId): Entry => ({
    key,
    attemptId: c.id,
    name,
    unitId,
    unitName: unitId === null ? null : (unitName.get(unitId) ?? null),
    score: c.score,
    prediction: c.prediction,
    durationMs: c.durationMs ?? 0,
    submittedAt: c.submittedAt ?? 0,
  });
  const individualEntries: Entry[] = [];
  const ineligibleAttempts = new Set<string>();
  for (const tied of people) {
    const c = countedAttempt(tied, contest.counting);
    if (!c) continue;
    individualEntries.push(toEntry(`u${c.userId}`, c));
    if (c.ineligible) ineligibleAttempts.add(c.id);
  }
  const teamEntries: Entry[] = [];
  for (const tied of teamSubjects) {
    const c = countedAttempt(tied, contest.counting);
    const team = c && teamById.get(c.teamId!);
    if (team) teamEntries.push(toEntry(`t${team.id}`, c, team.name, team.unitId));
  }
  const unitIdOfEntry = (e: Entry) => (e.unitId === null ? "" : String(e.unitId));
  const individual = rankEntries(individualEntries, {
    actual,
    category: "individual",
    prizes,
    passOver,
    ineligible: (e) => ineligibleAttempts.has(e.attemptId),
    disqualified: (e) =>
      dqAttempts.has(e.attemptId) || dqUsers.has(e.key.slice(1)) || dqUnits.has(unitIdOfEntry(e)),
  });
  const teamRanking = rankEntries(teamEntries, {
    actual,
    category: "team",
    prizes,
    ineligible: () => false,
    disqualified: (e) =>
      dqAttempts.has(e.attemptId) || dqTeams.has(e.key.slice(1)) || dqUnits.has(unitIdOfEntry(e)),
  });

  const figures = unitFigures(contest, unitRows, people, individual, dqUsers);
  const collective = rankUnits(figures, {
    rule: contest.collectiveRule,
    prizes,
    individual,
    disqualifiedUnits: new Set([...dqUnits].map(Number)),
  });
  const totalAmount = [...individual, ...teamRanking, ...collective].reduce(
    (s, r) => s + (r.prize?.amount ?? 0),
    0,
  );
  return { contestId, actual, individual, teams: teamRanking, collective, totalAmount };
}

/** The results people may see: the frozen snapshot once locked, else the live computation. */
export async function currentResults(db: Db, contestId: number) {
  const [frozen] = await db.select().from(contestResults).where(eq(contestResults.contestId, contestId));
  if (frozen)
    return {
      results: frozen.snapshot as ContestResults,
      lockedAt: frozen.lockedAt,
      announcedAt: frozen.announcedAt,
    };
  return { results: await computeResults(db, contestId), lockedAt: null, announcedAt: null };
}

const isFinal = (state: string) => state === "locked" || state === "announced";

/** Disqualifies an entry, a person, a team or a unit, with a reason; refused once results are locked. */
export async function disqualify(
  db: Db,
  input: {
    contestId: number;
    targetKind: "attempt" | "user" | "unit" | "team";
    targetId: string;
    reason: string;
    actor: Actor;
  },
  now = Date.now(),
) {
  authorize(input.actor, "results.disqualify");
  await requireRosterMember(db, input.contestId, input.actor);
  if (input.reason.trim().length < 5) throw new DomainError("review.reasonRequired", 422);
  const contest = await loadContest(db, input.contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  try {
    // The state is checked again inside the insert, atomically with it.
    const result = await db.run(sql`
      INSERT INTO disqualifications (contest_id, target_kind, target_id, reason, by_user_id, created_at)
      SELECT ${input.contestId}, ${input.targetKind}, ${input.targetId}, ${input.reason.trim()}, ${input.actor.id}, ${now}
      WHERE EXISTS (SELECT 1 FROM contests WHERE id = ${input.contestId} AND state NOT IN ('locked', 'announced'))`);
    if (result.rowsAffected === 0) throw new DomainError("review.locked", 409);
  } catch (error) {
    if (String(error).includes("UNIQUE constraint failed"))
      throw new DomainError("review.alreadyDisqualified", 409);
    throw error;
  }
  await auditBy(
    db,
    input.actor,
    "review.disqualify",
    [input.targetKind, input.targetId],
    { after: { contestId: input.contestId, reason: input.reason } },
    now,
  );
}

export async function undoDisqualification(
  db: Db,
  input: { contestId: number; disqualificationId: number; reason: string; actor: Actor },
  now = Date.now(),
) {
  authorize(input.actor, "results.disqualify");
  await requireRosterMember(db, input.contestId, input.actor);
  if (input.reason.trim().length < 5) throw new DomainError("review.reasonRequired", 422);
  const result = await db.run(sql`
    UPDATE disqualifications SET revoked_at = ${now}, revoked_by_user_id = ${input.actor.id}, revoke_reason = ${input.reason.trim()}
    WHERE id = ${input.disqualificationId} AND contest_id = ${input.contestId} AND revoked_at IS NULL
      AND EXISTS (SELECT 1 FROM contests WHERE id = ${input.contestId} AND state NOT IN ('locked', 'announced'))`);
  if (result.rowsAffected === 0) throw new DomainError("review.cannotUndo", 409);
  await auditBy(
    db,
    input.actor,
    "review.undoDisqualify",
    ["disqualification", input.disqualificationId],
    { after: { reason: input.reason } },
    now,
  );
}

export function listDisqualifications(db: Db, contestId: number) {
  return db
    .select({
      id: disqualifications.id,
      targetKind: disqualifications.targetKind,
      targetId: disqualifications.targetId,
      reason: disqualifications.reason,
      createdAt: disqualifications.createdAt,
      revokedAt: disqualifications.revokedAt,
      revokeReason: disqualifications.revokeReason,
      byName: users.fullName,
    })
    .from(disqualifications)
    .leftJoin(users, eq(users.id, disqualifications.byUserId))
    .where(eq(disqualifications.contestId, contestId))
    .orderBy(disqualifications.id);
}

/**
 * A committee member's approval to lock, of the ranking `seen` (its digest's hash, as their page
 * showed it; left out by callers without a page): refused if the ranking is no longer that one.
 * When the approvals reach the contest's quorum the results are frozen: the snapshot is stored
 * and the state becomes "locked" in one batch, unless a disqualification or its undoing landed
 * meanwhile. Only after the contest has closed.
 */
export async function approveLock(db: Db, contestId: number, actor: Actor, now = Date.now(), seen?: string) {
  authorize(actor, "results.approve");
  await requireRosterMember(db, contestId, actor);
  const contest = await loadContest(db, contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  if (contest.kind === "stage") {
    // A stage contest ends when the committee has closed every part, whatever the clock says.
    const stage = await computeStage(db, contest);
    if (stage.parts.length === 0 || stage.parts.some((p) => p.closedAt === null))
      throw new DomainError("stage.partsOpen", 409);
    // A team without a score in some part would be ranked on a partial total.
    if (stage.teams.some((t) => t.status === "ranked" && t.parts.some((p) => p.hundredths === null)))
      throw new DomainError("stage.unscored", 409);
    if (stage.undecidedTies.length) throw new DomainError("stage.tieUndecided", 409);
  } else if (contest.kind === "season") await requireRoundsFinal(db, contest, Infinity);
  else if (contestStatus(contest, now) !== "closed" && contest.state !== "review")
    throw new DomainError("review.notClosed", 409);
  // A round is ranked against the prizes of the rounds before it: they lock first.
  if (contest.seasonId !== null && contest.roundNo !== null) {
    const season = await seasonOf(db, contest);
    if (season) await requireRoundsFinal(db, season, contest.roundNo);
  }
  // The disqualifications as the ranking below counts them: the lock happens only if they are
  // still these (one committee member may disqualify while another approves).
  const [{ decisions }] = await db.all<{ decisions: string }>(
    sql`SELECT ${disqualificationsNow(contestId)} AS decisions`,
  );
  // The approval is of this ranking: if it changes before the quorum is reached, it lapses.
  const results = await computeResults(db, contestId);
  const { hash, winners } = rankingDigest(results);
  if (seen !== undefined && seen !== hash) throw new DomainError("review.rankingChanged", 409);
  await db.batch([
    db
      .insert(contestApprovals)
      .values({ contestId, userId: actor.id!, kind: "lock", rankingHash: hash, winners, createdAt: now })
      .onConflictDoUpdate({
        target: [contestApprovals.contestId, contestApprovals.userId, contestApprovals.kind],
        set: { rankingHash: hash, winners, createdAt: now },
      }),
    auditBy(
      db,
      actor,
      "review.approveLock",
      ["contest", contestId],
      { after: { rankingHash: hash, winners } },
      now,
    ),
  ]);
  const n = await countApprovals(db, contestId, "lock", hash);
  if (n < contest.lockQuorum) return { locked: false, approvals: n, quorum: contest.lockQuorum };
  const unchanged = sql`${disqualificationsNow(contestId)} = ${decisions}`;
  const [, lock] = await db.batch([
    db.run(sql`
      INSERT INTO contest_results (contest_id, locked_at, snapshot)
      SELECT ${contestId}, ${now}, ${JSON.stringify(results)} WHERE ${unchanged}
      ON CONFLICT DO NOTHING`),
    db
      .update(contests)
      .set({ state: "locked", predictionActual: results.actual, updatedAt: now })
      .where(and(eq(contests.id, contestId), inArray(contests.state, ["published", "review"]), unchanged)),
    // Recorded only if the update just before it locked (changes(): that statement's rows).
    auditInsertIf(
      db,
      {
        actorUserId: actor.id,
        action: "review.lock",
        entity: "contest",
        entityId: contestId,
        after: { winners: [...results.individual, ...results.teams].filter((e) => e.prize).length },
      },
      sql`changes() = 1`,
      now,
    ),
  ]);
  // Not locked by this batch: another member's approval locked it meanwhile (done), or the
  // ranking changed under this one.
  if (lock.rowsAffected === 0 && !isFinal((await loadContest(db, contestId)).state))
    throw new DomainError("review.rankingChanged", 409);
  return { locked: true, approvals: n, quorum: contest.lockQuorum };
}

/** The contest's disqualifications and their undoing, as one comparable value (SQL). */
function disqualificationsNow(contestId: number) {
  return sql`(SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || count(revoked_at)
    FROM disqualifications WHERE contest_id = ${contestId})`;
}

export async function announce(db: Db, contestId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "results.announce");
  await requireRosterMember(db, contestId, actor);
  const contest = await loadContest(db, contestId);
  if (contest.state !== "locked") throw new DomainError("review.notLocked", 409);
  await db.batch([
    db
      .update(contests)
      .set({ state: "announced", updatedAt: now })
      .where(and(eq(contests.id, contestId), eq(contests.state, "locked"))),
    db.update(contestResults).set({ announcedAt: now }).where(eq(contestResults.contestId, contestId)),
    auditBy(db, actor, "review.announce", ["contest", contestId], {}, now),
  ]);
}

/**
 * The only way back from locked: each roster member asks with a reason, and
 * the results reopen when as many have asked as locking needed.
 */
export async function reopen(db: Db, contestId: number, reason: string, actor: Actor, now = Date.now()) {
  authorize(actor, "results.reopen");
  if (reason.trim().length < 5) throw new DomainError("review.reasonRequired", 422);
  await requireRosterMember(db, contestId, actor);
  const contest = await loadContest(db, contestId);
  if (!isFinal(contest.state)) throw new DomainError("review.notLocked", 409);
  await requireNothingBuiltOn(db, contest);
  await db.batch([
    db
      .insert(contestApprovals)
      .values({ contestId, userId: actor.id!, kind: "reopen", reason: reason.trim(), createdAt: now })
      .onConflictDoUpdate({
        target: [contestApprovals.contestId, contestApprovals.userId, contestApprovals.kind],
        set: { reason: reason.trim(), createdAt: now },
      }),
    auditBy(
      db,
      actor,
      "review.requestReopen",
      ["contest", contestId],
      { after: { reason: reason.trim() } },
      now,
    ),
  ]);
  const n = await countApprovals(db, contestId, "reopen");
  if (n < contest.lockQuorum) return { reopened: false, approvals: n, quorum: contest.lockQuorum };
  const reasons = (await listApprovals(db, contestId)).filter((a) => a.kind === "reopen");
  const [before] = await db.select().from(contestResults).where(eq(contestResults.contestId, contestId));
  await db.batch([
    db.update(contests).set({ state: "review", updatedAt: now }).where(eq(contests.id, contestId)),
    db.delete(contestResults).where(eq(contestResults.contestId, contestId)),
    db.delete(contestApprovals).where(eq(contestApprovals.contestId, contestId)),
    auditBy(
      db,
      actor,
      "review.reopen",
      ["contest", contestId],
      {
        before: before?.snapshot,
        after: { reasons: reasons.map((r) => ({ by: r.fullName, reason: r.reason })) },
      },
      now,
    ),
  ]);
  return { reopened: true, approvals: n, quorum: contest.lockQuorum };
}

/** The announced winners, without personal data beyond name and unit: for the public page, JSON and ceremony. */
export function publicWinners(results: ContestResults) {
  const people = (list: RankedEntry[]) =>
    list
      .filter((e) => e.prize)
      .map((e) => ({
        rank: e.rank!,
        prize: e.prize!.label,
        prizeRank: e.prize!.rank,
        amount: e.prize!.amount,
        name: e.name,
        unit: e.unitName,
        score: e.score,
        // A stage team has part scores and, when level with a neighbour, how the tie was settled;
        // a quiz entry has its time.
        ...(e.parts ? { parts: e.parts, tie: e.tie ?? null } : { durationMs: e.durationMs }),
      }));
  return {
    individual: people(results.individual),
    teams: people(results.teams),
    collective: results.collective
      .filter((u) => u.prize)
      .map((u) => ({
        rank: u.rank!,
        prize: u.prize!.label,
        prizeRank: u.prize!.rank,
        amount: u.prize!.amount,
        name: u.name,
        participants: u.participants,
        entries: u.entries,
        participationRate: u.participationRate,
        averageScore: u.averageScore,
      })),
    totalAmount: results.totalAmount,
    actual: results.actual,
  };
}

/** An announced contest's public results by slug, or a 404 while not announced. */
export async function announcedResults(db: Db, slug: string) {
  const [contest] = await db.select().from(contests).where(eq(contests.slug, slug));
  if (!contest || contest.state !== "announced") throw new DomainError("results.notYet", 404);
  const { results, announcedAt } = await currentResults(db, contest.id);
  return { contest, announcedAt, winners: publicWinners(results) };
}

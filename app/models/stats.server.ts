/**
 * Participation statistics of a quiz contest, computed in SQL and stored per
 * contest (`contest_statistics`, decision 011) until its entries change.
 */
import { createHash } from "node:crypto";
import { and, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { contestStatistics, contests, type Picture } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { VN_OFFSET_S } from "~/utils/vietnam-time";
import { COUNTED_ORDER } from "./counted-entries.server";
import { contestStatus, unitTakesPart } from "./contest.server";
import { RECORDED, recordedAs } from "./practice.server";

export type UnitStats = {
  id: number;
  name: string;
  kind: string;
  denominator: number | null;
  participants: number;
  entries: number;
  participationRate: number | null;
  averageScore: number | null;
  bestScore: number | null;
  perfectScores: number;
  assistedShare: number | null;
};

export type QuestionStats = {
  questionId: number;
  prompt: string;
  /** The question's picture as the bank has it now. */
  image: Picture | null;
  answered: number;
  /** Facility: share of entries that got it right. */
  correctRate: number;
  /** Share right in the upper third of entries minus the lower third. */
  discrimination: number | null;
  flag: "nobodyRight" | "everybodyRight" | null;
};

/** A rate that is null, never a division by zero, when the denominator is missing or 0. */
export function rate(part: number, whole: number | null | undefined) {
  return whole ? part / whole : null;
}

/** Discrimination index from the correct counts of the upper and lower thirds. */
export function discriminationIndex(
  upperRight: number,
  upperTotal: number,
  lowerRight: number,
  lowerTotal: number,
) {
  if (!upperTotal || !lowerTotal) return null;
  return upperRight / upperTotal - lowerRight / lowerTotal;
}

export function questionFlag(correct: number, answered: number): QuestionStats["flag"] {
  if (answered < 5) return null;
  if (correct === 0) return "nobodyRight";
  if (correct === answered) return "everybodyRight";
  return null;
}

async function loadContest(db: Db, slugOrId: string | number) {
  const [c] = await db
    .select()
    .from(contests)
    .where(typeof slugOrId === "number" ? eq(contests.id, slugOrId) : eq(contests.slug, slugOrId));
  if (!c || c.state === "draft" || c.kind !== "quiz") throw new DomainError("contest.notFound", 404);
  return c;
}

type Contest = Awaited<ReturnType<typeof loadContest>>;

async function unitStats(db: Db, c: Contest): Promise<UnitStats[]> {
  const rows = await db.all<{
    id: number;
    name: string;
    kind: string;
    denominator: number | null;
    createdAt: number;
    retiredAt: number | null;
    participants: number;
    entries: number;
    averageScore: number | null;
    bestScore: number | null;
    perfectScores: number | null;
    assisted: number | null;
  }>(sql`
    WITH e AS (
      SELECT us.unit_id AS unit_id, a.user_id, a.score, a.max_score, a.assisted_by_user_id,
        -- 1 on each person's counted entry (the contest's rule), as the prize ranking counts it
        row_number() OVER (PARTITION BY a.user_id ORDER BY ${COUNTED_ORDER[c.counting]}) AS place
      FROM attempts a JOIN users us ON us.id = a.user_id
      WHERE a.contest_id = ${c.id} AND a.status = 'submitted' AND a.score IS NOT NULL AND ${recordedAs("a")}
    )
    SELECT u.id, u.name, u.kind, u.denominator, u.created_at AS createdAt, u.retired_at AS retiredAt,
      count(DISTINCT e.user_id) AS participants,
      count(e.user_id) AS entries,
      avg(CASE WHEN e.place = 1 THEN e.score END) AS averageScore,
      max(e.score) AS bestScore,
      sum(e.score = e.max_score) AS perfectScores,
      sum(e.assisted_by_user_id IS NOT NULL) AS assisted
    FROM units u LEFT JOIN e ON e.unit_id = u.id
    GROUP BY u.id
    ORDER BY u.id`);
  return rows
    .filter((u) => unitTakesPart(c, u))
    .map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      denominator: u.denominator || null,
      participants: u.participants,
      entries: u.entries,
      participationRate: rate(u.participants, u.denominator),
      averageScore: u.averageScore,
      bestScore: u.bestScore,
      perfectScores: u.perfectScores ?? 0,
      assistedShare: rate(u.assisted ?? 0, u.entries),
    }));
}

async function overall(db: Db, c: Contest) {
  const [totals] = await db.all<{
    participants: number;
    entries: number;
    started: number;
    complete: number;
  }>(sql`
    SELECT count(DISTINCT CASE WHEN status = 'submitted' THEN user_id END) AS participants,
      sum(status = 'submitted' AND score IS NOT NULL) AS entries,
      count(*) AS started,
      sum(status = 'submitted' AND submit_kind = 'manual') AS complete
    FROM attempts WHERE contest_id = ${c.id} AND ${RECORDED}`);
  const byDay = await db.all<{ day: string; entries: number }>(sql`
    SELECT strftime('%Y-%m-%d', submitted_at / 1000 + ${VN_OFFSET_S}, 'unixepoch') AS day, count(*) AS entries
    FROM attempts WHERE contest_id = ${c.id} AND status = 'submitted' AND ${RECORDED} GROUP BY day ORDER BY day`);
  const byHour = await db.all<{ hour: number; entries: number }>(sql`
    SELECT cast(strftime('%H', submitted_at / 1000 + ${VN_OFFSET_S}, 'unixepoch') AS integer) AS hour, count(*) AS entries
    FROM attempts WHERE contest_id = ${c.id} AND status = 'submitted' AND ${RECORDED} GROUP BY hour ORDER BY hour`);
  const scores = await db.all<{ score: number; entries: number }>(sql`
    SELECT score, count(*) AS entries FROM attempts
    WHERE contest_id = ${c.id} AND status = 'submitted' AND score IS NOT NULL AND ${RECORDED} GROUP BY score ORDER BY score`);
  const devices = await db.all<{ device: string; entries: number }>(sql`
    SELECT CASE
        WHEN user_agent LIKE '%Android%' THEN 'Android'
        WHEN user_agent LIKE '%iPhone%' OR user_agent LIKE '%iPad%' THEN 'iPhone/iPad'
        WHEN user_agent LIKE '%Windows%' THEN 'Windows'
        WHEN user_agent LIKE '%Macintosh%' THEN 'Mac'
        WHEN user_agent IS NULL THEN 'Không rõ'
        ELSE 'Khác' END AS device,
      count(*) AS entries
    FROM attempts WHERE contest_id = ${c.id} AND status = 'submitted' AND ${RECORDED} GROUP BY device ORDER BY entries DESC`);
  return {
    participants: totals?.participants ?? 0,
    entries: totals?.entries ?? 0,
    completionRate: rate(totals?.complete ?? 0, totals?.started ?? 0),
    byDay,
    byHour,
    scores,
    devices,
  };
}

/** Facility and discrimination (upper vs lower third of entries by score) per question. */
async function questionStats(db: Db, c: Contest): Promise<QuestionStats[]> {
  const rows = await db.all<{
    questionId: number;
    prompt: string;
    image: string | null;
    answered: number;
    correct: number;
    upperRight: number;
    upperTotal: number;
    lowerRight: number;
    lowerTotal: number;
  }>(sql`
    WITH ranked AS (
      SELECT id, ntile(3) OVER (ORDER BY score DESC, id) AS third
      FROM attempts WHERE contest_id = ${c.id} AND status = 'submitted' AND score IS NOT NULL AND ${RECORDED}
    ),
    marks AS (
      SELECT aq.question_id, r.third, (an.selected IS NOT NULL AND an.selected = aq.correct) AS right
      FROM ranked r
      JOIN attempt_questions aq ON aq.attempt_id = r.id
      LEFT JOIN answers an ON an.attempt_id = aq.attempt_id AND an.question_id = aq.question_id
    ),
    figures AS (
      SELECT question_id, count(*) AS answered, sum(right) AS correct,
        sum(CASE WHEN third = 1 THEN right ELSE 0 END) AS upperRight, sum(third = 1) AS upperTotal,
        sum(CASE WHEN third = 3 THEN right ELSE 0 END) AS lowerRight, sum(third = 3) AS lowerTotal
      FROM marks GROUP BY question_id
    )
    -- The prompt is joined after grouping: joined before, it rode through the sort of 2 million marks.
    SELECT f.question_id AS questionId, q.prompt AS prompt, q.image AS image, f.answered AS answered, f.correct AS correct,
      f.upperRight AS upperRight, f.upperTotal AS upperTotal, f.lowerRight AS lowerRight, f.lowerTotal AS lowerTotal
    FROM figures f JOIN questions q ON q.id = f.question_id
    ORDER BY f.question_id`);
  return rows.map((r) => ({
    questionId: r.questionId,
    prompt: r.prompt,
    image: r.image ? (JSON.parse(r.image) as Picture) : null,
    answered: r.answered,
    correctRate: r.answered ? r.correct / r.answered : 0,
    discrimination: discriminationIndex(r.upperRight, r.upperTotal, r.lowerRight, r.lowerTotal),
    flag: questionFlag(r.correct, r.answered),
  }));
}

export type ContestStats = Awaited<ReturnType<typeof computeStats>>;

async function computeStats(db: Db, c: Contest, now: number) {
  const [unitRows, totals] = await Promise.all([unitStats(db, c), overall(db, c)]);
  return {
    contest: {
      id: c.id,
      slug: c.slug,
      title: c.title,
      status: contestStatus(c, now),
      opensAt: c.opensAt,
      closesAt: c.closesAt,
    },
    totals: {
      units: unitRows.length,
      unitsWithParticipants: unitRows.filter((u) => u.participants > 0).length,
      participants: totals.participants,
      entries: totals.entries,
      completionRate: totals.completionRate,
    },
    units: unitRows,
    byDay: totals.byDay,
    byHour: totals.byHour,
    scores: totals.scores,
    devices: totals.devices,
    computedAt: now,
  };
}

/** Stored figures are served for this long before the entries (and units) are rechecked. */
export const STATS_LAG_MS = 3_000;
/** A worker recomputing holds the contest this long at most; meanwhile the others serve the stored figures. */
const CLAIM_MS = 60_000;
/** After closing, auto-submits (deadline + grace, run every 5 s) are done within this. */
const SETTLE_MS = 60_000;

type Stored = typeof contestStatistics.$inferSelect;

async function readStored(db: Db, contestId: number): Promise<Stored | undefined> {
  const [row] = await db.select().from(contestStatistics).where(eq(contestStatistics.contestId, contestId));
  return row;
}

/** Everything but the entries that the figures depend on: known without reading the entries. */
const versionPrefix = (c: Contest, status: string) => `${c.updatedAt}|${status}|`;

/**
 * What the figures are computed from, in three index-only reads (~30 ms at
 * 100,000 entries): the contest's recorded attempts (started; submitted,
 * scored and the latest submission: a score is set once, when an attempt is
 * scored, and who assisted when it starts) and the units (names, kinds,
 * denominators, dates). A resident moving to another unit is not seen here
 * (decision 011).
 */
async function currentVersion(db: Db, c: Contest, status: string) {
  const [started] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM attempts WHERE contest_id = ${c.id} AND ${RECORDED}`,
  );
  const [a] = await db.all<{ n: number; scored: number; last: number | null }>(sql`
    SELECT count(*) AS n, count(score) AS scored, max(submitted_at) AS last
    FROM attempts WHERE contest_id = ${c.id} AND status = 'submitted' AND ${RECORDED}`);
  const [u] = await db.all<{ units: string | null }>(sql`
    SELECT group_concat(id || ':' || name || ':' || kind || ':' || ifnull(denominator, '') || ':' || created_at || ':' || ifnull(retired_at, ''), '|') AS units
    FROM (SELECT * FROM units ORDER BY id)`);
  const units = createHash("sha256")
    .update(u?.units ?? "")
    .digest("base64url");
  return `${versionPrefix(c, status)}${started.n}|${a.n}|${a.scored}|${a.last}|${units}`;
}

function storedFigures(row: Stored, asOf: number): ContestStats {
  return { ...(JSON.parse(row.figures) as ContestStats), computedAt: asOf };
}

/**
 * Statistics for a contest, stored in `contest_statistics` and shared by
 * every worker (decision 011). Stored figures are served for up to
 * STATS_LAG_MS, then the entries and units are rechecked (three index-only
 * reads, ~30 ms at 100,000 entries); when they changed, one worker recomputes
 * while the others keep serving the stored figures, so a figure lags a
 * submission by STATS_LAG_MS plus one recomputation (~0.6 s at 100,000
 * entries) at most. A closed contest's figures are computed once, by the
 * sweeper (storeClosedContestStatistics), and then only rechecked.
 * `computedAt` is when the figures were last known to be current.
 */
export async function contestStats(
  db: Db,
  slugOrId: string | number,
  now = Date.now(),
): Promise<ContestStats> {
  const c = await loadContest(db, slugOrId);
  const status = contestStatus(c, now);
  const stored = await readStored(db, c.id);
  if (
    stored &&
    stored.version.startsWith(versionPrefix(c, status)) &&
    stored.checkedAt <= now &&
    now - stored.checkedAt < STATS_LAG_MS
  )
    return storedFigures(stored, stored.checkedAt);
  const version = await currentVersion(db, c, status);
  if (stored?.version === version) {
    await db
      .update(contestStatistics)
      .set({ checkedAt: now })
      .where(and(eq(contestStatistics.contestId, c.id), lt(contestStatistics.checkedAt, now)));
    return storedFigures(stored, now);
  }
  if (stored) {
    // One worker recomputes; the others serve what is stored until it is done.
    const claimed = await db
      .update(contestStatistics)
      .set({ refreshingUntil: now + CLAIM_MS })
      .where(
        and(
          eq(contestStatistics.contestId, c.id),
          or(isNull(contestStatistics.refreshingUntil), lte(contestStatistics.refreshingUntil, now)),
        ),
      );
    if (claimed.rowsAffected === 0) return storedFigures(stored, stored.checkedAt);
  }
  let stats: ContestStats;
  try {
    stats = await computeStats(db, c, now);
  } catch (error) {
    if (stored)
      await db
        .update(contestStatistics)
        .set({ refreshingUntil: null })
        .where(eq(contestStatistics.contestId, c.id));
    throw error;
  }
  const figures = JSON.stringify(stats);
  // The per-question table is left with its old version: it is recomputed when next asked for.
  await db
    .insert(contestStatistics)
    .values({ contestId: c.id, version, computedAt: now, checkedAt: now, figures })
    .onConflictDoUpdate({
      target: contestStatistics.contestId,
      set: { version, computedAt: now, checkedAt: now, figures, refreshingUntil: null },
    });
  return stats;
}

/**
 * Per-question figures read every answer of every entry (2 million rows at
 * 100,000 entries), so only the private page and the export ask for them;
 * they are stored next to the figures they go with and recomputed only after
 * those changed.
 */
export async function contestQuestionStats(db: Db, stats: ContestStats): Promise<QuestionStats[]> {
  const stored = await readStored(db, stats.contest.id);
  if (stored?.questions && stored.questionsVersion === stored.version)
    return JSON.parse(stored.questions) as QuestionStats[];
  const questions = await questionStats(db, await loadContest(db, stats.contest.id));
  if (stored)
    await db
      .update(contestStatistics)
      .set({ questions: JSON.stringify(questions), questionsVersion: stored.version })
      .where(
        and(eq(contestStatistics.contestId, stats.contest.id), eq(contestStatistics.version, stored.version)),
      );
  return questions;
}

/**
 * The sweeper's part: computes and stores the figures and the per-question
 * table of one quiz contest that closed (a minute ago or more) since its
 * figures were last computed, so the first visitor after the close reads
 * them instead of waiting. One contest a call; returns its id, if any.
 */
export async function storeClosedContestStatistics(db: Db, now = Date.now()) {
  const [due] = await db.all<{ id: number }>(sql`
    SELECT c.id FROM contests c LEFT JOIN contest_statistics s ON s.contest_id = c.id
    WHERE c.kind = 'quiz' AND c.state <> 'draft' AND c.closes_at + ${SETTLE_MS} <= ${now}
      AND (s.contest_id IS NULL OR s.computed_at < c.closes_at + ${SETTLE_MS})
    ORDER BY c.closes_at DESC LIMIT 1`);
  if (!due) return null;
  const stats = await contestStats(db, due.id, now);
  await contestQuestionStats(db, stats);
  return due.id;
}

/** DESIGN.md's public stats.json: no personal data. */
export function publicStats(s: ContestStats) {
  return {
    contest: {
      slug: s.contest.slug,
      title: s.contest.title,
      status: s.contest.status,
      opensAt: new Date(s.contest.opensAt).toISOString(),
      closesAt: new Date(s.contest.closesAt).toISOString(),
    },
    totals: {
      units: s.totals.units,
      unitsWithParticipants: s.totals.unitsWithParticipants,
      participants: s.totals.participants,
      entries: s.totals.entries,
    },
    units: s.units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      denominator: u.denominator,
      participants: u.participants,
      entries: u.entries,
      participationRate: u.participationRate,
      averageScore: u.averageScore,
    })),
  };
}

/** Private: entries with the person's name and phone (newest first), for organisers and the committee only. */
export function listParticipants(db: Db, contestId: number, limit = -1) {
  return db.all<{
    name: string;
    phone: string;
    unit: string | null;
    score: number;
    submittedAt: number;
    assisted: number;
  }>(sql`
    SELECT us.full_name AS name, us.phone AS phone, u.name AS unit, a.score AS score, a.submitted_at AS submittedAt,
      a.assisted_by_user_id IS NOT NULL AS assisted
    FROM attempts a JOIN users us ON us.id = a.user_id LEFT JOIN units u ON u.id = us.unit_id
    WHERE a.contest_id = ${contestId} AND a.status = 'submitted' AND a.score IS NOT NULL AND ${recordedAs("a")}
    ORDER BY a.submitted_at DESC LIMIT ${limit}`);
}

/**
 * Participation statistics of a quiz contest, computed in SQL so they stay
 * fast with 100,000 entries, and memoised per contest until its entries change.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { attempts, contests, units, type Picture } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { VN_OFFSET_S } from "~/utils/vietnam-time";
import { COUNTED_ORDER } from "./counted-entries.server";
import { contestStatus, unitTakesPart } from "./contest.server";
import { RECORDED, recordedAs, recordedOnly } from "./practice.server";

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

const memo = new Map<number, { version: string; updatedAt: number; stats: ContestStats }>();
/** When each contest's figures were last really recomputed (not just re-validated). */
const memoComputedAt = new Map<number, number>();

/**
 * Statistics for a contest, memoised per contest: reused while its entries
 * are unchanged (count and latest submission, one index-only query), and
 * without even that check for 15 s while open or 5 min once closed.
 */
export async function contestStats(db: Db, slugOrId: string | number, now = Date.now()) {
  const c = await loadContest(db, slugOrId);
  const status = contestStatus(c, now);
  const hit = memo.get(c.id);
  if (hit && hit.updatedAt === c.updatedAt) {
    const age = now - hit.stats.computedAt;
    // Open: figures up to 15 s old are fine for a live view. Closed (and swept): entries no longer
    // change, so only unit edits matter; recheck those every 5 minutes.
    if (status === "open" && age < 15_000) return hit.stats;
    if (status !== "open" && hit.stats.computedAt > c.closesAt + 60_000 && age < 300_000) return hit.stats;
  }
  const [v] = await db
    .select({ n: sql<number>`count(*)`, last: sql<number | null>`max(${attempts.submittedAt})` })
    .from(attempts)
    .where(and(eq(attempts.contestId, c.id), eq(attempts.status, "submitted"), recordedOnly));
  const [u] = await db
    .select({ n: sql<number>`count(*)`, sum: sql<number | null>`total(${units.denominator})` })
    .from(units);
  const version = `${v.n}|${v.last}|${u.n}|${u.sum}|${status}`;
  if (hit && hit.version === version && hit.updatedAt === c.updatedAt) {
    hit.stats = { ...hit.stats, computedAt: now };
    return hit.stats;
  }
  const stats = await computeStats(db, c, now);
  memo.set(c.id, { version, updatedAt: c.updatedAt, stats });
  memoComputedAt.set(c.id, Date.now());
  return stats;
}

const questionMemo = new Map<number, { basedOn: number; questions: QuestionStats[] }>();

/**
 * Per-question figures read every answer of every entry (2 million rows at
 * 100,000 entries), so only the private page asks for them, and they are
 * recomputed only after the contest's other figures were.
 */
export async function contestQuestionStats(db: Db, stats: ContestStats) {
  const basedOn = memoComputedAt.get(stats.contest.id) ?? 0;
  const hit = questionMemo.get(stats.contest.id);
  if (hit && hit.basedOn === basedOn) return hit.questions;
  const questions = await questionStats(db, await loadContest(db, stats.contest.id));
  questionMemo.set(stats.contest.id, { basedOn, questions });
  return questions;
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

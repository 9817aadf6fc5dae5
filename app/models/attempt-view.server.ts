/** What a resident sees of their own attempts: the open quiz, the result, the list. */
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import {
  answers,
  attemptQuestions,
  attempts,
  contests,
  disqualifications,
  teamMembers,
  teams,
  users,
  type OptionSnapshot,
  type Picture,
} from "#db/schema";
import { countedAttempt } from "./attempt-policy.server";
import { loadOwnAttempt } from "./attempt.server";
import { practiceOffered, recordedOnly } from "./practice.server";
import { attemptsUsedTowardsReview, entryColumns } from "./team-entries.server";

/** The quiz page's three reads, built once (db/prepared.ts): every resident's quiz page makes them. */
const takerQueries = prepared((db) => ({
  head: db
    .select({
      id: attempts.id,
      deadlineAt: attempts.deadlineAt,
      prediction: attempts.prediction,
      predictionVersion: attempts.predictionVersion,
      practice: attempts.practice,
      contestTitle: contests.title,
      contestSlug: contests.slug,
      predictionPrompt: contests.predictionPrompt,
      predictionTarget: contests.predictionTarget,
    })
    .from(attempts)
    .innerJoin(contests, eq(contests.id, attempts.contestId))
    .where(eq(attempts.id, sql.placeholder("attemptId")))
    .prepare(),
  items: db
    .select({
      questionId: attemptQuestions.questionId,
      position: attemptQuestions.position,
      kind: attemptQuestions.kind,
      prompt: attemptQuestions.prompt,
      image: attemptQuestions.image,
      options: attemptQuestions.options,
    })
    .from(attemptQuestions)
    .where(eq(attemptQuestions.attemptId, sql.placeholder("attemptId")))
    .orderBy(asc(attemptQuestions.position))
    .prepare(),
  saved: db
    .select({ questionId: answers.questionId, selected: answers.selected, version: answers.version })
    .from(answers)
    .where(eq(answers.attemptId, sql.placeholder("attemptId")))
    .prepare(),
}));

/**
 * The open attempt as the quiz page needs it. Columns are chosen one by one:
 * the answer key and explanations are never read here.
 */
export async function getAttemptForTaker(db: Db, attemptId: string, userId: number, now: number) {
  const own = await loadOwnAttempt(db, attemptId, userId, now);
  if (own.status !== "open") return { status: "submitted" as const, id: own.id };
  const queries = takerQueries(db);
  const [[head], items, saved] = await Promise.all([
    queries.head.all({ attemptId }),
    queries.items.all({ attemptId }),
    queries.saved.all({ attemptId }),
  ]);
  return {
    status: "open" as const,
    ...head,
    remainingMs: Math.max(0, head.deadlineAt - now),
    questions: items,
    answers: saved,
  };
}

/**
 * Whether a person may see the answers and explanations of their submitted
 * attempt. "Right after submitting" never shows the key while the contest is
 * open and the person could still enter again (attempts left, or a new
 * allowance each day or week): otherwise one blank attempt reads the key for
 * the next.
 */
export function reviewAllowed(
  c: {
    reviewPolicy: "after_submit" | "after_close" | "never";
    closesAt: number;
    maxAttempts: number;
    attemptPeriod: "contest" | "day" | "week";
  },
  attemptsUsed: number,
  now: number,
) {
  if (c.reviewPolicy === "never") return false;
  if (now >= c.closesAt) return true;
  return c.reviewPolicy === "after_submit" && c.attemptPeriod === "contest" && attemptsUsed >= c.maxAttempts;
}

/** A submitted attempt's result; the review (key and explanations) only when the policy allows. */
export async function getAttemptResult(db: Db, attemptId: string, userId: number, now: number) {
  const own = await loadOwnAttempt(db, attemptId, userId, now);
  if (own.status === "open") return { status: "open" as const, id: own.id };
  const [row] = await db
    .select({
      id: attempts.id,
      attemptNo: attempts.attemptNo,
      startedAt: attempts.startedAt,
      submittedAt: attempts.submittedAt,
      submitKind: attempts.submitKind,
      score: attempts.score,
      maxScore: attempts.maxScore,
      correctCount: attempts.correctCount,
      questionCount: attempts.questionCount,
      durationMs: attempts.durationMs,
      prediction: attempts.prediction,
      receipt: attempts.receipt,
      practice: attempts.practice,
      // An entry the captain made for the team: the result says whose it is.
      teamName: teams.name,
      contestTitle: contests.title,
      contestSlug: contests.slug,
      reviewPolicy: contests.reviewPolicy,
      closesAt: contests.closesAt,
      maxAttempts: contests.maxAttempts,
      attemptPeriod: contests.attemptPeriod,
      contestId: attempts.contestId,
      kind: contests.kind,
      entryModes: contests.entryModes,
      state: contests.state,
      opensAt: contests.opensAt,
      practiceEnabled: contests.practiceEnabled,
    })
    .from(attempts)
    .innerJoin(contests, eq(contests.id, attempts.contestId))
    .leftJoin(teams, eq(teams.id, attempts.teamId))
    .where(eq(attempts.id, attemptId));
  // A practice attempt's key follows the same rule as the person's real entries (practice uses none of them).
  const used = await attemptsUsedTowardsReview(db, { ...row, id: row.contestId }, userId);
  const showReview = reviewAllowed(row, used, now);
  let review: {
    position: number;
    prompt: string;
    image: Picture | null;
    options: OptionSnapshot[];
    correct: number[];
    selected: number[];
    explanation: string | null;
    legalSource: string | null;
  }[] = [];
  if (showReview) {
    const items = await db
      .select({
        questionId: attemptQuestions.questionId,
        position: attemptQuestions.position,
        prompt: attemptQuestions.prompt,
        image: attemptQuestions.image,
        options: attemptQuestions.options,
        correct: attemptQuestions.correct,
        explanation: attemptQuestions.explanation,
        legalSource: attemptQuestions.legalSource,
      })
      .from(attemptQuestions)
      .where(eq(attemptQuestions.attemptId, attemptId))
      .orderBy(asc(attemptQuestions.position));
    const saved = await db
      .select({ questionId: answers.questionId, selected: answers.selected })
      .from(answers)
      .where(eq(answers.attemptId, attemptId));
    const byQ = new Map(saved.map((a) => [a.questionId, a.selected]));
    review = items.map(({ questionId, ...q }) => ({ ...q, selected: byQ.get(questionId) ?? [] }));
  }
  const { state: _state, opensAt: _opensAt, practiceEnabled: _practiceEnabled, ...shown } = row;
  return {
    status: "submitted" as const,
    ...shown,
    // "Thi thử lần nữa" on a practice result while the contest is still open for practice.
    practiceAgain: row.practice && practiceOffered(row, now),
    showReview,
    review,
  };
}

/**
 * "Bài dự thi của tôi": every attempt of a person and every entry of the
 * teams they are a member of (made by the captain), newest first, with the
 * one that counts marked, for the person and for each team apart.
 */
export async function listMyAttempts(db: Db, userId: number) {
  const myTeams = db
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  const rows = await db
    .select({
      ...entryColumns,
      userId: attempts.userId,
      unitId: users.unitId,
      teamId: attempts.teamId,
      teamName: teams.name,
      contestTitle: contests.title,
      contestSlug: contests.slug,
    })
    .from(attempts)
    .innerJoin(contests, eq(contests.id, attempts.contestId))
    .innerJoin(users, eq(users.id, attempts.userId))
    .leftJoin(teams, eq(teams.id, attempts.teamId))
    // Practice attempts (thi thử) are not entries.
    .where(and(or(eq(attempts.userId, userId), inArray(attempts.teamId, myTeams)), recordedOnly))
    .orderBy(desc(attempts.startedAt));
  // The committee's disqualifications in force: a disqualified entry never counts (the ranking
  // counts the person's next one), and a disqualified person, team or unit has none that counts.
  const contestIds = [...new Set(rows.map((r) => r.contestId))];
  const decisions = contestIds.length
    ? await db
        .select({
          contestId: disqualifications.contestId,
          kind: disqualifications.targetKind,
          id: disqualifications.targetId,
        })
        .from(disqualifications)
        .where(and(inArray(disqualifications.contestId, contestIds), isNull(disqualifications.revokedAt)))
    : [];
  const out = new Set(decisions.map((d) => `${d.contestId}:${d.kind}:${d.id}`));
  const disqualified = (r: (typeof rows)[number]) =>
    out.has(`${r.contestId}:attempt:${r.id}`) ||
    (r.teamId === null
      ? out.has(`${r.contestId}:user:${r.userId}`) || out.has(`${r.contestId}:unit:${r.unitId}`)
      : out.has(`${r.contestId}:team:${r.teamId}`));
  const counted = new Set<string>();
  const bySubject = new Map<string, typeof rows>();
  for (const r of rows) {
    if (disqualified(r)) continue;
    const key = `${r.contestId}:${r.teamId ?? ""}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), r]);
  }
  for (const list of bySubject.values()) {
    const c = countedAttempt(list, list[0].counting);
    if (c) counted.add(c.id);
  }
  return rows.map(({ userId: by, unitId: _unit, ...r }) => ({
    ...r,
    own: by === userId,
    counts: counted.has(r.id),
  }));
}

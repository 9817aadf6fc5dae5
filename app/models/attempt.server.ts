/**
 * The life of a quiz attempt: start, save answers, submit, and finalise at
 * the deadline. Every write is a single statement or one batch whose
 * conditions are checked by SQLite itself, so parallel requests (and several
 * processes on one database) cannot produce two open attempts, an answer
 * after submission, or two scores.
 */
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import type { Db } from "#db/client";
import { groupCommit, type MergedWrite } from "#db/group-commit";
import { prepared } from "#db/prepared";
import { answers, attemptQuestions, attempts, contests, questionOptions, questions } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { liveSessionUserId, sessionUserId } from "~/utils/session.server";
import { assertCanStart, attemptDeadline, GRACE_MS } from "./attempt-policy.server";
import { auditInsert } from "./audit.server";
import {
  pickQuestions,
  secureRandomInt,
  snapshotQuestions,
  type BankEntry,
  type BankQuestion,
  type RandomInt,
} from "./draw.server";
import { normaliseSelection, receiptCode, scoreAnswers } from "./scoring.server";
import { assertCanPractise } from "./practice.server";
import { assertEntryMode } from "./team-entries.server";

export function newAttemptId() {
  return randomBytes(12).toString("base64url");
}

type Contest = typeof contests.$inferSelect;

/** The active bank as the draw needs it (id and category): a start reads the whole bank, but only this. */
const bankEntries = prepared((db) =>
  db
    .select({ id: questions.id, category: questions.category })
    .from(questions)
    .where(eq(questions.status, "active"))
    .prepare(),
);
function loadBankEntries(db: Db): Promise<BankEntry[]> {
  return bankEntries(db).all();
}

/** The picked questions in full, with their options, in the order picked. */
async function loadPicked(db: Db, picked: BankEntry[]): Promise<BankQuestion[]> {
  const ids = picked.map((q) => q.id);
  const [rows, options] = await Promise.all([
    db
      .select({
        id: questions.id,
        kind: questions.kind,
        category: questions.category,
        prompt: questions.prompt,
        image: questions.image,
        explanation: questions.explanation,
        legalSource: questions.legalSource,
      })
      .from(questions)
      .where(inArray(questions.id, ids)),
    db
      .select()
      .from(questionOptions)
      .where(inArray(questionOptions.questionId, ids))
      .orderBy(asc(questionOptions.questionId), asc(questionOptions.position)),
  ]);
  const byQuestion = new Map<number, BankQuestion["options"]>();
  for (const o of options) {
    const list = byQuestion.get(o.questionId) ?? [];
    list.push({ id: o.id, text: o.text, image: o.image, isCorrect: o.isCorrect });
    byQuestion.set(o.questionId, list);
  }
  const byId = new Map(rows.map((q) => [q.id, q]));
  return ids.map((id) => {
    const q = byId.get(id);
    // Deleted between the two reads (a draft's delete cannot reach an active question, but still).
    if (!q) throw new DomainError("start.bankTooSmall", 409);
    return { ...q, options: byQuestion.get(id) ?? [] };
  });
}

const openAttempt = prepared((db) =>
  db
    .select({ id: attempts.id, deadlineAt: attempts.deadlineAt })
    .from(attempts)
    .where(
      and(
        eq(attempts.contestId, sql.placeholder("contestId")),
        eq(attempts.userId, sql.placeholder("userId")),
        eq(attempts.status, "open"),
        eq(attempts.practice, sql.placeholder("practice")),
      ),
    )
    .prepare(),
);

async function findOpenAttempt(db: Db, contestId: number, userId: number, practice: boolean) {
  const [row] = await openAttempt(db).all({ contestId, userId, practice });
  return row;
}

export type StartInput = {
  contest: Contest;
  userId: number;
  now: number;
  teamId?: number | null;
  /** Thi thử: an unrecorded practice attempt (practice.server.ts), always individual. */
  practice?: boolean;
  assistedByUserId?: number | null;
  ip?: string | null;
  userAgent?: string | null;
  random?: RandomInt;
};

/**
 * Starts an attempt, or resumes the person's open one. The deadline is
 * min(start + time limit, close). Parallel starts resolve to one attempt:
 * the partial unique index on open attempts lets only one insert win.
 * A practice attempt (thi thử) has its own open slot and numbering, uses no
 * allowance and needs only a contest open for practice.
 */
export async function startAttempt(db: Db, input: StartInput): Promise<{ id: string; resumed: boolean }> {
  const { contest, userId, now } = input;
  if (contest.kind !== "quiz") throw new DomainError("start.notQuiz", 404);
  const practice = input.practice === true;
  if (practice) assertCanPractise(contest, now);

  const open = await findOpenAttempt(db, contest.id, userId, practice);
  if (open) {
    if (now <= open.deadlineAt + GRACE_MS) return { id: open.id, resumed: true };
    await finaliseAttempt(db, open.id, now);
  }

  // A team entry is the captain's, for their team; its allowance is the team's, apart from their own.
  const teamId = practice ? null : (input.teamId ?? null);
  if (!practice) await assertEntryMode(db, contest, userId, teamId);
  const { attemptNo, countedStarts } = await previousStarts(db, contest.id, userId, teamId, practice);
  if (!practice) assertCanStart(contest, countedStarts, now);

  const random = input.random ?? secureRandomInt;
  const picked = pickQuestions(await loadBankEntries(db), contest.draw, contest, random);
  const drawn = snapshotQuestions(await loadPicked(db, picked), contest, random);
  const id = newAttemptId();
  try {
    // One commit, shared with the starts, saves and submits of the same moment (db/group-commit.ts).
    await groupCommit(db).batch(attemptInserts(db, input, { id, attemptNo, teamId, practice, drawn }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A parallel start won the race: hand back its attempt.
    const winner = await findOpenAttempt(db, contest.id, userId, practice);
    if (winner) return { id: winner.id, resumed: true };
    throw new DomainError("start.noAttemptsLeft", 409);
  }
  return { id, resumed: false };
}

const ownStarts = prepared((db) =>
  db
    .select({ startedAt: attempts.startedAt, attemptNo: attempts.attemptNo, teamId: attempts.teamId })
    .from(attempts)
    .where(
      and(
        eq(attempts.contestId, sql.placeholder("contestId")),
        eq(attempts.userId, sql.placeholder("userId")),
        eq(attempts.practice, sql.placeholder("practice")),
      ),
    )
    .prepare(),
);

/**
 * The next attempt number of this person (practice apart), and the starts
 * that count against the allowance: the person's own entries, or the team's
 * for a team entry.
 */
async function previousStarts(
  db: Db,
  contestId: number,
  userId: number,
  teamId: number | null,
  practice: boolean,
) {
  const [previous, teamPrevious] = await Promise.all([
    ownStarts(db).all({ contestId, userId, practice }),
    teamId === null
      ? []
      : db
          .select({ startedAt: attempts.startedAt })
          .from(attempts)
          .where(and(eq(attempts.teamId, teamId), eq(attempts.practice, false))),
  ]);
  const counted = teamId === null ? previous.filter((p) => p.teamId === null) : teamPrevious;
  return {
    attemptNo: Math.max(0, ...previous.map((p) => p.attemptNo)) + 1,
    countedStarts: counted.map((p) => p.startedAt),
  };
}

/** The statements that create an attempt: the attempt, its drawn questions (a snapshot) and the audit row. */
function attemptInserts(
  db: Db,
  input: StartInput,
  a: {
    id: string;
    attemptNo: number;
    teamId: number | null;
    practice: boolean;
    drawn: ReturnType<typeof snapshotQuestions>;
  },
) {
  const { contest, userId, now } = input;
  const { id, attemptNo, teamId, practice, drawn } = a;
  return [
    db.insert(attempts).values({
      id,
      contestId: contest.id,
      userId,
      teamId,
      attemptNo,
      practice,
      status: "open",
      startedAt: now,
      deadlineAt: attemptDeadline(now, contest.timeLimitSec, contest.closesAt),
      maxScore: drawn.length * contest.pointsPerQuestion,
      questionCount: drawn.length,
      assistedByUserId: input.assistedByUserId ?? null,
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    }),
    db.insert(attemptQuestions).values(
      drawn.map((q) => ({
        attemptId: id,
        questionId: q.questionId,
        position: q.position,
        kind: q.kind,
        category: q.category,
        prompt: q.prompt,
        image: q.image,
        options: q.options,
        correct: q.correct,
        explanation: q.explanation,
        legalSource: q.legalSource,
        points: contest.pointsPerQuestion,
      })),
    ),
    auditInsert(
      db,
      {
        actorUserId: input.assistedByUserId ?? userId,
        action: "attempt.start",
        entity: "attempt",
        entityId: id,
        after: {
          contestId: contest.id,
          userId,
          attemptNo,
          assisted: Boolean(input.assistedByUserId),
          ...(teamId === null ? {} : { teamId }),
          ...(practice ? { practice: true } : {}),
        },
        ip: input.ip ?? null,
      },
      now,
    ),
  ];
}

function isUniqueViolation(error: unknown) {
  const text = String((error as { cause?: unknown })?.cause ?? "") + String(error);
  return text.includes("UNIQUE constraint failed");
}

const attemptOwnership = prepared((db) =>
  db
    .select({
      id: attempts.id,
      contestId: attempts.contestId,
      userId: attempts.userId,
      status: attempts.status,
      deadlineAt: attempts.deadlineAt,
      score: attempts.score,
    })
    .from(attempts)
    .where(eq(attempts.id, sql.placeholder("attemptId")))
    .prepare(),
);

/** Loads an attempt owned by `userId`, finalising it first if its time is over. */
export async function loadOwnAttempt(db: Db, attemptId: string, userId: number, now: number) {
  const [row] = await attemptOwnership(db).all({ attemptId });
  // Someone else's attempt looks exactly like a missing one.
  if (!row || row.userId !== userId) throw new DomainError("attempt.notFound", 404);
  if (
    (row.status === "open" && now > row.deadlineAt + GRACE_MS) ||
    (row.status === "submitted" && row.score === null)
  ) {
    await finaliseAttempt(db, row.id, now);
    return { ...row, status: "submitted" as const };
  }
  return row;
}

/** The person saving: their id, or their session (the answer API's check, made inside the save's statement). */
export type Saver = number | { sessionIdHash: string };

export type SaveAnswerInput = {
  attemptId: string;
  userId: Saver;
  questionId: number;
  optionIds: number[];
  /** The version of this answer the page saw when the choice was made (0: none saved yet). */
  base: number;
  now: number;
};

/**
 * What a save did. `saved`: the server holds this choice as `version`.
 * `conflict`: the page's base is not the server's version any more (another
 * device or tab saved since), so nothing changed and the reply carries the
 * answer the server holds. Decision 006: the server orders saves, never a
 * phone's clock.
 */
export type SaveOutcome<T> = { deadlineAt: number; version: number } & (
  { outcome: "saved" } | { outcome: "conflict"; held: T }
);

/**
 * Saves one answer when the page saw the version the server holds (`base`),
 * giving it version base + 1. Refused with 409 once the attempt is submitted
 * or past deadline + grace; a save from a page that saw an older version is a
 * `conflict` and changes nothing.
 *
 * It is the request residents send most, so the usual case is one statement:
 * the person's open attempt, the question in it, the chosen options among
 * the question's, and the versioned upsert. Only when that writes nothing does
 * `explainUnsaved` look at why (a conflict, a closed attempt, bad input).
 */
export async function saveAnswer(db: Db, input: SaveAnswerInput): Promise<SaveOutcome<number[]>> {
  // The saves arriving together are written by one statement in one transaction (db/group-commit.ts).
  const saved = await groupCommit(db).merge(answerSaves, input);
  if (saved) return { outcome: "saved", version: input.base + 1, deadlineAt: saved.deadlineAt };
  const userId = await userIdOf(db, input.userId, input.now);
  return explainUnsaved(db, { ...input, userId }, normaliseSelection(input.optionIds));
}

/**
 * The versioned upsert of answers (decision 006), as one statement: for each
 * input, the person's open attempt, the question in it, the chosen options
 * among the question's. Writes nothing for an input when any of that does not
 * hold. The inputs are applied in their order (CROSS JOIN keeps `input` the
 * outer loop), so a later save of the same answer builds on an earlier one.
 * Returns a row for each input it wrote.
 */
function answerUpserts(inputs: SaveAnswerInput[]) {
  // Values only in the rows (the SQL text stays short for the database to parse), the session check once.
  const rows = inputs.map(({ userId, ...input }) => {
    const selected = normaliseSelection(input.optionIds);
    const [user, session] = typeof userId === "number" ? [userId, null] : [null, userId.sessionIdHash];
    return sql`(${input.attemptId}, ${user}, ${session}, ${input.questionId}, ${JSON.stringify(selected)},
      ${selected.length}, ${input.base + 1}, ${input.now})`;
  });
  // Padded to a power of two with rows that match no attempt, so the statement has a few texts
  // only, which an embedded file prepares once each (db/statement-cache.ts).
  while (rows.length & (rows.length - 1)) rows.push(sql`(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  return sql`
    WITH input (attempt_id, user_id, session, question_id, selected, chosen, version, now)
      AS (VALUES ${sql.join(rows, sql`, `)})
    INSERT INTO answers (attempt_id, question_id, selected, seq, version, saved_at)
    SELECT a.id, q.question_id, i.selected, 0, i.version, i.now
    FROM input i CROSS JOIN attempts a CROSS JOIN attempt_questions q
    WHERE a.id = i.attempt_id AND q.attempt_id = a.id AND q.question_id = i.question_id
      AND a.user_id = COALESCE(i.user_id, ${liveSessionUserId(sql`i.session`, sql`i.now`)})
      AND a.status = 'open' AND a.deadline_at + ${GRACE_MS} >= i.now
      AND (q.kind = 'multiple' OR i.chosen <= 1)
      AND NOT EXISTS (
        SELECT 1 FROM json_each(i.selected) chosen
        WHERE chosen.value NOT IN (SELECT json_extract(o.value, '$.id') FROM json_each(q.options) o))
    ON CONFLICT (attempt_id, question_id) DO UPDATE
      SET selected = excluded.selected, version = excluded.version, saved_at = excluded.saved_at
      WHERE answers.version + 1 = excluded.version
    RETURNING attempt_id AS attemptId, question_id AS questionId, version,
      (SELECT deadline_at FROM attempts WHERE id = answers.attempt_id) AS deadlineAt`;
}

type WrittenAnswer = { attemptId: string; questionId: number; version: number; deadlineAt: number };

/**
 * Answer saves as the group commit's merged write: each input's written row
 * (attempt, question and the version it gave), or undefined when it wrote
 * nothing. Of two inputs that would give the same version to the same answer
 * only the first can have written it.
 */
const answerSaves: MergedWrite<SaveAnswerInput, WrittenAnswer | undefined> = {
  statement: answerUpserts,
  split(inputs, rows) {
    const written = rows as WrittenAnswer[];
    return inputs.map((input) => {
      const at = written.findIndex(
        (row) =>
          row.attemptId === input.attemptId &&
          row.questionId === input.questionId &&
          row.version === input.base + 1,
      );
      return at === -1 ? undefined : written.splice(at, 1)[0];
    });
  },
};

async function userIdOf(db: Db, saver: Saver, now: number) {
  const userId = typeof saver === "number" ? saver : await sessionUserId(db, saver.sessionIdHash, now);
  // Nobody (an ended session, say) has no attempts.
  if (userId === null) throw new DomainError("attempt.notFound", 404);
  return userId;
}

const sameSelection = (a: number[], b: number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** Why a save wrote nothing: 404, 409 or 422, or a conflict that replies with the answer the server holds. */
async function explainUnsaved(
  db: Db,
  input: SaveAnswerInput & { userId: number },
  selected: number[],
): Promise<SaveOutcome<number[]>> {
  const attempt = await loadOwnAttempt(db, input.attemptId, input.userId, input.now);
  if (attempt.status !== "open") throw new DomainError("attempt.closed", 409);

  const [question] = await db
    .select({ kind: attemptQuestions.kind, options: attemptQuestions.options })
    .from(attemptQuestions)
    .where(
      and(eq(attemptQuestions.attemptId, input.attemptId), eq(attemptQuestions.questionId, input.questionId)),
    );
  if (!question) throw new DomainError("answer.invalid", 422);
  const allowed = new Set(question.options.map((o) => o.id));
  if (selected.some((id) => !allowed.has(id))) throw new DomainError("answer.invalid", 422);
  if (question.kind !== "multiple" && selected.length > 1) throw new DomainError("answer.invalid", 422);

  // Everything checks out, so the server holds another version (or the save raced a submit or the deadline).
  await assertStillOpen(db, input.attemptId);
  const [held] = await db
    .select({ selected: answers.selected, version: answers.version })
    .from(answers)
    .where(and(eq(answers.attemptId, input.attemptId), eq(answers.questionId, input.questionId)));
  if (!held) throw new DomainError("attempt.closed", 409);
  // A retry of a save whose reply was lost: the server already holds exactly this choice.
  if (sameSelection(held.selected, selected))
    return { outcome: "saved", version: held.version, deadlineAt: attempt.deadlineAt };
  return { outcome: "conflict", held: held.selected, version: held.version, deadlineAt: attempt.deadlineAt };
}

/** Saves the prediction (Dự đoán) with the same rules as an answer. */
export async function savePrediction(
  db: Db,
  input: { attemptId: string; userId: Saver; value: number | null; base: number; now: number },
): Promise<SaveOutcome<number | null>> {
  const userId = await userIdOf(db, input.userId, input.now);
  const attempt = await loadOwnAttempt(db, input.attemptId, userId, input.now);
  if (attempt.status !== "open") throw new DomainError("attempt.closed", 409);
  const version = input.base + 1;
  const result = await db
    .update(attempts)
    .set({ prediction: input.value, predictionVersion: version })
    .where(
      and(
        eq(attempts.id, input.attemptId),
        eq(attempts.status, "open"),
        sql`${attempts.deadlineAt} + ${GRACE_MS} >= ${input.now}`,
        eq(attempts.predictionVersion, input.base),
      ),
    );
  if (result.rowsAffected > 0) return { outcome: "saved", version, deadlineAt: attempt.deadlineAt };
  await assertStillOpen(db, input.attemptId);
  const [held] = await db
    .select({ prediction: attempts.prediction, version: attempts.predictionVersion })
    .from(attempts)
    .where(eq(attempts.id, input.attemptId));
  if (!held) throw new DomainError("attempt.closed", 409);
  if (held.prediction === input.value)
    return { outcome: "saved", version: held.version, deadlineAt: attempt.deadlineAt };
  return {
    outcome: "conflict",
    held: held.prediction,
    version: held.version,
    deadlineAt: attempt.deadlineAt,
  };
}

async function assertStillOpen(db: Db, attemptId: string) {
  const [row] = await db.select({ status: attempts.status }).from(attempts).where(eq(attempts.id, attemptId));
  if (row?.status !== "open") throw new DomainError("attempt.closed", 409);
}

export type UnsentSave =
  { questionId: number; optionIds: number[]; base: number } | { prediction: number | null; base: number };

/**
 * "Nộp bài" with the answers the browser could not deliver yet: they are
 * saved by the usual rules (so a late or invalid one, or one chosen on a
 * version another device has replaced since, is simply not counted), and the
 * attempt is submitted, logged and scored, all in one commit (decision 012).
 */
export async function submitWithUnsent(
  db: Db,
  input: {
    attemptId: string;
    /** The person submitting, or SQL that gives their id (the submit API's session check, run in the same read). */
    userId: number | SQL;
    unsent: UnsentSave[];
    now: number;
  },
) {
  const unsentQuestions = input.unsent.flatMap((item) => ("questionId" in item ? [item.questionId] : []));
  const held = await readForClosing(db, input.attemptId, input.userId, unsentQuestions);
  // Someone else's attempt looks exactly like a missing one, and so does any attempt to nobody (an ended session).
  if (!held || held.submitter === null || held.userId !== held.submitter)
    throw new DomainError("attempt.notFound", 404);
  await closeAndScore(db, input.attemptId, held, input.now, "manual", input.unsent);
  return input.attemptId;
}

/** Manual submission ("Nộp bài"). Idempotent: a second submit returns the first result. */
export async function submitAttempt(db: Db, input: { attemptId: string; userId: number; now: number }) {
  return submitWithUnsent(db, { ...input, unsent: [] });
}

/**
 * Closes an attempt and scores it: the flip open → submitted (one
 * conditional UPDATE, so exactly one caller wins and no answer is accepted
 * afterwards), its audit line and the score go in one commit. A submitted
 * attempt still without a score (a crash, or a score that could not be
 * written in that commit) is scored here.
 */
export async function finaliseAttempt(
  db: Db,
  attemptId: string,
  now: number,
  kind: "manual" | "auto" = "auto",
) {
  const held = await readForClosing(db, attemptId);
  if (held) await closeAndScore(db, attemptId, held, now, kind, []);
}

/** What closing an attempt needs, read in one statement (one round trip to a database server). */
type HeldAttempt = {
  userId: number;
  /** Who is asking: the userId given (or the session's user), null for nobody. */
  submitter: number | null;
  status: string;
  deadlineAt: number;
  startedAt: number;
  submittedAt: number | null;
  score: number | null;
  practice: boolean;
  /** optionIds: only of the questions with an unsent answer (the rest: none, never needed). */
  questions: {
    questionId: number;
    kind: string;
    optionIds: number[] | null;
    correct: number[];
    points: number;
  }[];
  saved: Map<number, { selected: number[]; version: number }>;
  predictionVersion: number;
};

async function readForClosing(
  db: Db,
  attemptId: string,
  submitter: number | SQL | null = null,
  unsentQuestions: number[] = [],
): Promise<HeldAttempt | undefined> {
  const [row] = await db.all<{
    userId: number;
    submitter: number | null;
    status: string;
    deadlineAt: number;
    startedAt: number;
    submittedAt: number | null;
    score: number | null;
    practice: number;
    predictionVersion: number;
    questions: string;
    saved: string;
  }>(sql`
    SELECT a.user_id AS userId, a.status, a.deadline_at AS deadlineAt, a.started_at AS startedAt,
      a.submitted_at AS submittedAt, a.score, a.practice, a.prediction_version AS predictionVersion,
      ${submitter} AS submitter,
      (SELECT json_group_array(json_array(q.question_id, q.kind,
          json(CASE WHEN q.question_id IN (SELECT value FROM json_each(${JSON.stringify(unsentQuestions)}))
            THEN (SELECT json_group_array(json_extract(o.value, '$.id')) FROM json_each(q.options) o) END),
          json(q.correct), q.points))
        FROM attempt_questions q WHERE q.attempt_id = a.id) AS questions,
      (SELECT json_group_array(json_array(s.question_id, json(s.selected), s.version))
        FROM answers s WHERE s.attempt_id = a.id) AS saved
    FROM attempts a WHERE a.id = ${attemptId}`);
  if (!row) return undefined;
  const questions = (JSON.parse(row.questions) as [number, string, number[] | null, number[], number][]).map(
    ([questionId, kind, optionIds, correct, points]) => ({ questionId, kind, optionIds, correct, points }),
  );
  const saved = new Map(
    (JSON.parse(row.saved) as [number, number[], number][]).map(([questionId, selected, version]) => [
      questionId,
      { selected, version },
    ]),
  );
  return { ...row, practice: Boolean(row.practice), questions, saved };
}

/** The answers' fingerprint: every save raises a version or adds a row, so any save changes it. */
const versionSum = (saved: HeldAttempt["saved"]) => [...saved.values()].reduce((n, a) => n + a.version, 0);

/**
 * One commit: the unsent saves (each the same conditional upsert as
 * saveAnswer/savePrediction), the flip, its audit line (only when this batch
 * flipped: changes() of the flip), and the score. The score and receipt are
 * computed from the answers read just before, as they will be once the unsent
 * saves that can succeed have; the UPDATE writes them only if the answers in
 * the transaction still are exactly those (the sum of their versions). If not
 * (an answer saved in between, another device, a lost race), the score is left
 * empty and computed again from the stored answers, after the flip, when no
 * answer can change any more.
 */
async function closeAndScore(
  db: Db,
  attemptId: string,
  held: HeldAttempt,
  now: number,
  kind: "manual" | "auto",
  unsent: UnsentSave[],
) {
  if (held.status !== "open" && held.score !== null) return;
  const open = held.status === "open";
  const accepting = open && held.deadlineAt + GRACE_MS >= now;
  const answersNow = new Map(held.saved);
  const writes: SQL[] = [];
  const unsentAnswers = (accepting ? unsent : []).flatMap((item) =>
    "questionId" in item ? [{ attemptId, userId: held.userId, ...item, now }] : [],
  );
  if (unsentAnswers.length > 0) writes.push(answerUpserts(unsentAnswers));
  for (const item of accepting ? unsent : []) {
    if ("questionId" in item) {
      const question = held.questions.find((q) => q.questionId === item.questionId);
      const selected = normaliseSelection(item.optionIds);
      const before = answersNow.get(item.questionId);
      if (
        question &&
        (question.kind === "multiple" || selected.length <= 1) &&
        selected.every((id) => question.optionIds?.includes(id)) &&
        (!before || before.version === item.base)
      )
        answersNow.set(item.questionId, { selected, version: item.base + 1 });
    } else {
      writes.push(
        sql`
        UPDATE attempts SET prediction = ${item.prediction}, prediction_version = ${item.base + 1}
        WHERE id = ${attemptId} AND status = 'open' AND deadline_at + ${GRACE_MS} >= ${now}
          AND prediction_version = ${item.base}`,
      );
    }
  }
  if (open) {
    writes.push(
      sql`
        UPDATE attempts SET
          status = 'submitted',
          submitted_at = MIN(${now}, deadline_at),
          submit_kind = CASE WHEN ${now} >= deadline_at THEN 'auto' ELSE ${kind} END
        WHERE id = ${attemptId} AND status = 'open'`,
      // Only the caller that closed the attempt logs it: one entry however many race.
      sql`
        INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id)
        SELECT ${now}, CASE WHEN submit_kind = 'manual' THEN user_id END,
          CASE WHEN submit_kind = 'manual' THEN 'attempt.submit' ELSE 'attempt.autoSubmit' END, 'attempt', id
        FROM attempts WHERE id = ${attemptId} AND changes() = 1`,
    );
  }
  const submittedAt = open ? Math.min(now, held.deadlineAt) : held.submittedAt;
  if (submittedAt !== null) {
    const { score, correctCount } = scoreAnswers(
      held.questions,
      new Map([...answersNow].map(([questionId, a]) => [questionId, a.selected])),
    );
    // A practice attempt proves nothing: no receipt (mã xác nhận).
    const receipt = held.practice ? null : receiptCode(attemptId, submittedAt, score);
    writes.push(
      sql`
        UPDATE attempts SET score = ${score}, correct_count = ${correctCount},
          duration_ms = submitted_at - started_at, receipt = ${receipt}
        WHERE id = ${attemptId} AND status = 'submitted' AND score IS NULL AND submitted_at = ${submittedAt}
          AND (SELECT COALESCE(SUM(version), 0) FROM answers WHERE attempt_id = ${attemptId}) = ${versionSum(answersNow)}`,
    );
  }
  // One commit, shared with whatever saves and submits arrive at the same moment (db/group-commit.ts).
  const results = await groupCommit(db).batch([
    ...writes,
    sql`SELECT score IS NOT NULL AS scored FROM attempts WHERE id = ${attemptId}`,
  ]);
  const [after] = results.at(-1) as { scored: number }[];
  if (after && !after.scored) await scoreStored(db, attemptId);
}

/** Scores a submitted attempt from its stored answers, filling only a score that is still empty. */
async function scoreStored(db: Db, attemptId: string) {
  const [attempt] = await db
    .select({
      startedAt: attempts.startedAt,
      submittedAt: attempts.submittedAt,
      score: attempts.score,
      practice: attempts.practice,
    })
    .from(attempts)
    .where(eq(attempts.id, attemptId));
  if (!attempt || attempt.score !== null || attempt.submittedAt === null) return;

  const keyed = await db
    .select({
      questionId: attemptQuestions.questionId,
      correct: attemptQuestions.correct,
      points: attemptQuestions.points,
    })
    .from(attemptQuestions)
    .where(eq(attemptQuestions.attemptId, attemptId));
  const saved = await db
    .select({ questionId: answers.questionId, selected: answers.selected })
    .from(answers)
    .where(eq(answers.attemptId, attemptId));
  const { score, correctCount } = scoreAnswers(keyed, new Map(saved.map((a) => [a.questionId, a.selected])));
  await db
    .update(attempts)
    .set({
      score,
      correctCount,
      durationMs: attempt.submittedAt - attempt.startedAt,
      receipt: attempt.practice ? null : receiptCode(attemptId, attempt.submittedAt, score),
    })
    .where(and(eq(attempts.id, attemptId), isNull(attempts.score)));
}

/**
 * The sweeper: finalises every open attempt past deadline + grace and scores
 * any submitted attempt left without a score. Safe to run concurrently.
 */
export async function sweepExpiredAttempts(db: Db, now: number) {
  const due = await db
    .select({ id: attempts.id })
    .from(attempts)
    .where(
      sql`(${attempts.status} = 'open' AND ${attempts.deadlineAt} + ${GRACE_MS} < ${now})
          OR (${attempts.status} = 'submitted' AND ${attempts.score} IS NULL)`,
    )
    .limit(500);
  for (const { id } of due) await finaliseAttempt(db, id, now);
  return due.length;
}

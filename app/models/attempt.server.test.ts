import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { answers, attempts, auditLog, disqualifications } from "#db/schema";
import { createContest, createQuestion, createUser, createWard, createUnit } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { GRACE_MS } from "./attempt-policy.server";
import { getAttemptForTaker, getAttemptResult, listMyAttempts } from "./attempt-view.server";
import {
  saveAnswer,
  savePrediction,
  startAttempt,
  submitAttempt,
  submitWithUnsent,
  sweepExpiredAttempts,
} from "./attempt.server";

let db: Db;
let userId: number;

beforeEach(async () => {
  ({ db } = await createTestDb());
  const ward = await createWard(db);
  const unit = await createUnit(db, { wardId: ward.id });
  userId = (await createUser(db, { unitId: unit.id })).id;
  for (let i = 0; i < 4; i++) await createQuestion(db, { category: "CCHC" });
  await createQuestion(db, {
    category: "CCHC",
    kind: "multiple",
    options: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C" }],
  });
});

async function contestAndAttempt(values: Parameters<typeof createContest>[1] = {}) {
  const contest = await createContest(db, {
    draw: { mode: "category", rules: [{ category: "CCHC", count: 5 }] },
    ...values,
  });
  const now = Date.now();
  const { id } = await startAttempt(db, { contest, userId, now });
  const view = await getAttemptForTaker(db, id, userId, now);
  if (view.status !== "open") throw new Error("expected open attempt");
  return { contest, id, now, view };
}

/** The correct option ids of a question, read as the server would when scoring. */
async function key(attemptId: string) {
  const rows = await db.query.attemptQuestions.findMany({ where: (t, { eq }) => eq(t.attemptId, attemptId) });
  return new Map(rows.map((r) => [r.questionId, r.correct]));
}

describe("a resident's attempt", () => {
  it("starts with a deadline of start + limit, capped by the close, and the questions drawn", async () => {
    const now = Date.now();
    const contest = await createContest(db, {
      timeLimitSec: 600,
      closesAt: now + 5 * 60_000,
      draw: { mode: "category", rules: [{ category: "CCHC", count: 5 }] },
    });
    const { id } = await startAttempt(db, { contest, userId, now });
    const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
    expect(row.deadlineAt).toBe(now + 5 * 60_000);
    expect(row.questionCount).toBe(5);
    expect(row.status).toBe("open");
  });

  it("never sends the answer key or explanations to the quiz page", async () => {
    const { view } = await contestAndAttempt();
    const json = JSON.stringify(view);
    expect(json).not.toContain("correct");
    expect(json).not.toContain("isCorrect");
    expect(json).not.toContain("explanation");
    expect(view.questions).toHaveLength(5);
  });

  it("resumes the same attempt when started again, on reload or another device", async () => {
    const { contest, id, now } = await contestAndAttempt();
    const again = await startAttempt(db, { contest, userId, now: now + 1000 });
    expect(again).toEqual({ id, resumed: true });
  });

  it("creates exactly one attempt from five parallel starts", async () => {
    const contest = await createContest(db, {
      draw: { mode: "category", rules: [{ category: "CCHC", count: 5 }] },
    });
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => startAttempt(db, { contest, userId, now })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const rows = await db.select().from(attempts).where(eq(attempts.contestId, contest.id));
    expect(rows).toHaveLength(1);
  });

  it("orders saves by the server's version: a save from a page that saw version N replaces version N only", async () => {
    const { id, now, view } = await contestAndAttempt();
    const q = view.questions[0];
    const [first, second, third] = q.options;
    const input = { attemptId: id, userId, questionId: q.questionId, now };
    // Phone A saves first; phone B, whose page loaded after that (version 1), changes the answer.
    expect(await saveAnswer(db, { ...input, optionIds: [first.id], base: 0 })).toMatchObject({
      outcome: "saved",
      version: 1,
    });
    expect(await saveAnswer(db, { ...input, optionIds: [second.id], base: 1 })).toMatchObject({
      outcome: "saved",
      version: 2,
    });
    // Phone A, still showing version 1 (or an offline save of it sent late), loses and hears what is held.
    const late = await saveAnswer(db, { ...input, optionIds: [third.id], base: 1 });
    expect(late).toEqual({
      outcome: "conflict",
      held: [second.id],
      version: 2,
      deadlineAt: expect.any(Number),
    });
    // The same save retried after its reply was lost is acknowledged, not a conflict.
    expect(await saveAnswer(db, { ...input, optionIds: [second.id], base: 1 })).toMatchObject({
      outcome: "saved",
      version: 2,
    });
    const rows = await db.select().from(answers).where(eq(answers.attemptId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ selected: [second.id], version: 2 });
    const reloaded = await getAttemptForTaker(db, id, userId, now);
    if (reloaded.status !== "open") throw new Error("expected open");
    expect(reloaded.answers).toEqual([{ questionId: q.questionId, selected: [second.id], version: 2 }]);
  });

  it("orders saves that arrive together as they arrived, each hearing its own outcome", async () => {
    const { id, now, view } = await contestAndAttempt();
    const [q1, q2, q3] = view.questions;
    const save = (q: typeof q1, option: number, base: number) =>
      saveAnswer(db, {
        attemptId: id,
        userId,
        questionId: q.questionId,
        optionIds: [q.options[option].id],
        base,
        now,
      });
    // Sent at the same moment, so written by one statement: a change on top of a first save; two
    // tabs that both saw nothing for q2; a save with an option of another question.
    const outcomes = await Promise.all(
      [
        save(q1, 0, 0),
        save(q1, 1, 1),
        save(q2, 0, 0),
        save(q2, 1, 0),
        saveAnswer(db, {
          attemptId: id,
          userId,
          questionId: q3.questionId,
          optionIds: [q1.options[0].id],
          base: 0,
          now,
        }),
      ].map((p) => p.catch((error: unknown) => error)),
    );
    expect(outcomes.slice(0, 4)).toEqual([
      { outcome: "saved", version: 1, deadlineAt: expect.any(Number) },
      { outcome: "saved", version: 2, deadlineAt: expect.any(Number) },
      { outcome: "saved", version: 1, deadlineAt: expect.any(Number) },
      { outcome: "conflict", held: [q2.options[0].id], version: 1, deadlineAt: expect.any(Number) },
    ]);
    expect(outcomes[4]).toMatchObject({ code: "answer.invalid", status: 422 });
    const rows = await db.select().from(answers).where(eq(answers.attemptId, id));
    expect(Object.fromEntries(rows.map((r) => [r.questionId, [r.selected, r.version]]))).toEqual({
      [q1.questionId]: [[q1.options[1].id], 2],
      [q2.questionId]: [[q2.options[0].id], 1],
    });
  });

  it("counts at submission only the unsent answers chosen on the version the server still holds", async () => {
    const { id, now, view } = await contestAndAttempt();
    const [q1, q2] = view.questions;
    await saveAnswer(db, {
      attemptId: id,
      userId,
      questionId: q1.questionId,
      optionIds: [q1.options[1].id],
      base: 0,
      now,
    });
    await submitWithUnsent(db, {
      attemptId: id,
      userId,
      now: now + 1000,
      unsent: [
        // Chosen offline before the other device's save: not counted.
        { questionId: q1.questionId, optionIds: [q1.options[0].id], base: 0 },
        { questionId: q2.questionId, optionIds: [q2.options[0].id], base: 0 },
      ],
    });
    const rows = await db.select().from(answers).where(eq(answers.attemptId, id));
    expect(Object.fromEntries(rows.map((r) => [r.questionId, r.selected]))).toEqual({
      [q1.questionId]: [q1.options[1].id],
      [q2.questionId]: [q2.options[0].id],
    });
  });

  it("rejects an option of another question, a question not in the attempt, and someone else's attempt", async () => {
    const { id, now, view } = await contestAndAttempt();
    const [q1, q2] = view.questions;
    await expect(
      saveAnswer(db, {
        attemptId: id,
        userId,
        questionId: q1.questionId,
        optionIds: [q2.options[0].id],
        base: 0,
        now,
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      saveAnswer(db, { attemptId: id, userId, questionId: 999_999, optionIds: [1], base: 0, now }),
    ).rejects.toMatchObject({ status: 422 });
    const other = await createUser(db);
    await expect(
      saveAnswer(db, {
        attemptId: id,
        userId: other.id,
        questionId: q1.questionId,
        optionIds: [q1.options[0].id],
        base: 0,
        now,
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(getAttemptForTaker(db, id, other.id, now)).rejects.toMatchObject({ status: 404 });
    expect(await db.select().from(answers).where(eq(answers.attemptId, id))).toHaveLength(0);
  });

  it("rejects two options for a single-choice question", async () => {
    const { id, now, view } = await contestAndAttempt();
    const q = view.questions.find((x) => x.kind === "single")!;
    await expect(
      saveAnswer(db, {
        attemptId: id,
        userId,
        questionId: q.questionId,
        optionIds: [q.options[0].id, q.options[1].id],
        base: 0,
        now,
      }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("scores on submit with the correct count, the server-measured duration and a receipt", async () => {
    const { id, now, view } = await contestAndAttempt();
    const keys = await key(id);
    // Answer the first three correctly and the fourth wrongly; leave the fifth.
    for (const [i, q] of view.questions.slice(0, 4).entries()) {
      const right = keys.get(q.questionId)!;
      const chosen = i < 3 ? right : [q.options.find((o) => !right.includes(o.id))!.id];
      await saveAnswer(db, {
        attemptId: id,
        userId,
        questionId: q.questionId,
        optionIds: chosen,
        base: 0,
        now: now + 1000,
      });
    }
    await submitAttempt(db, { attemptId: id, userId, now: now + 90_000 });
    const result = await getAttemptResult(db, id, userId, now + 90_000);
    expect(result.status).toBe("submitted");
    if (result.status !== "submitted") return;
    expect(result.score).toBe(3);
    expect(result.correctCount).toBe(3);
    expect(result.maxScore).toBe(5);
    expect(result.durationMs).toBe(90_000);
    expect(result.receipt).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(result.submitKind).toBe("manual");
  });

  it("changes nothing on a second submit or on answers sent after submission", async () => {
    const { id, now, view } = await contestAndAttempt();
    const q = view.questions[0];
    await saveAnswer(db, {
      attemptId: id,
      userId,
      questionId: q.questionId,
      optionIds: [q.options[0].id],
      base: 0,
      now,
    });
    await submitAttempt(db, { attemptId: id, userId, now: now + 10_000 });
    const [before] = await db.select().from(attempts).where(eq(attempts.id, id));
    await submitAttempt(db, { attemptId: id, userId, now: now + 20_000 });
    await expect(
      saveAnswer(db, {
        attemptId: id,
        userId,
        questionId: q.questionId,
        optionIds: [q.options[1].id],
        base: 0,
        now: now + 11_000,
      }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      savePrediction(db, { attemptId: id, userId, value: 5, base: 0, now: now + 11_000 }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const [after] = await db.select().from(attempts).where(eq(attempts.id, id));
    expect(after).toEqual(before);
    const saved = await db.select().from(answers).where(eq(answers.attemptId, id));
    expect(saved[0].selected).toEqual([q.options[0].id]);
  });

  it("gives one submission from five parallel submits", async () => {
    const { id, now } = await contestAndAttempt();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => submitAttempt(db, { attemptId: id, userId, now: now + 1000 + i })),
    );
    const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
    // On a database server the five really race, so any one of them may be the one that counts.
    expect([0, 1, 2, 3, 4].map((i) => now + 1000 + i)).toContain(row.submittedAt);
    expect(row.score).not.toBeNull();
  });

  it("logs the start and exactly one submission in the audit log, manual or automatic", async () => {
    const manual = await contestAndAttempt();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        submitAttempt(db, { attemptId: manual.id, userId, now: manual.now + 1000 }),
      ),
    );
    const auto = await contestAndAttempt({ timeLimitSec: 60 });
    const [row] = await db.select().from(attempts).where(eq(attempts.id, auto.id));
    await Promise.all([
      sweepExpiredAttempts(db, row.deadlineAt + GRACE_MS + 1),
      sweepExpiredAttempts(db, row.deadlineAt + GRACE_MS + 2),
    ]);
    const log = await db.select().from(auditLog).where(eq(auditLog.entity, "attempt"));
    expect(log.map((e) => [e.action, e.entityId, e.actorUserId]).sort()).toEqual(
      [
        ["attempt.start", manual.id, userId],
        ["attempt.submit", manual.id, userId],
        ["attempt.start", auto.id, userId],
        ["attempt.autoSubmit", auto.id, null],
      ].sort(),
    );
  });

  it("keeps a save within the grace period and refuses one after it", async () => {
    const { id, view } = await contestAndAttempt({ timeLimitSec: 60 });
    const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
    const [q1, q2] = view.questions;
    await saveAnswer(db, {
      attemptId: id,
      userId,
      questionId: q1.questionId,
      optionIds: [q1.options[0].id],
      base: 0,
      now: row.deadlineAt - 1000,
    });
    await saveAnswer(db, {
      attemptId: id,
      userId,
      questionId: q2.questionId,
      optionIds: [q2.options[0].id],
      base: 0,
      now: row.deadlineAt + GRACE_MS - 1,
    });
    await expect(
      saveAnswer(db, {
        attemptId: id,
        userId,
        questionId: q1.questionId,
        optionIds: [q1.options[1].id],
        base: 1,
        now: row.deadlineAt + GRACE_MS + 1000,
      }),
    ).rejects.toMatchObject({ status: 409 });
    const [final] = await db.select().from(attempts).where(eq(attempts.id, id));
    expect(final.status).toBe("submitted");
    expect(final.submitKind).toBe("auto");
    expect(final.submittedAt).toBe(row.deadlineAt);
    const saved = await db.select().from(answers).where(eq(answers.attemptId, id));
    expect(saved).toHaveLength(2);
    expect(saved.find((a) => a.questionId === q1.questionId)?.selected).toEqual([q1.options[0].id]);
  });

  it("is submitted by the sweeper at the deadline with the answers saved so far, even with the browser gone", async () => {
    const { id, view } = await contestAndAttempt({ timeLimitSec: 60 });
    const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
    const keys = await key(id);
    const q = view.questions[0];
    await saveAnswer(db, {
      attemptId: id,
      userId,
      questionId: q.questionId,
      optionIds: keys.get(q.questionId)!,
      base: 0,
      now: row.deadlineAt - 5000,
    });
    expect(await sweepExpiredAttempts(db, row.deadlineAt + 1000)).toBe(0);
    const swept = await Promise.all([
      sweepExpiredAttempts(db, row.deadlineAt + GRACE_MS + 1),
      sweepExpiredAttempts(db, row.deadlineAt + GRACE_MS + 2),
      submitAttempt(db, { attemptId: id, userId, now: row.deadlineAt + GRACE_MS + 3 }),
    ]);
    expect(swept[0] + swept[1]).toBeGreaterThanOrEqual(1);
    const [final] = await db.select().from(attempts).where(eq(attempts.id, id));
    expect(final).toMatchObject({
      status: "submitted",
      submitKind: "auto",
      score: 1,
      correctCount: 1,
      durationMs: 60_000,
    });
  });

  it("scores a submitted attempt left without a score (a crash between the two steps)", async () => {
    const { id, now } = await contestAndAttempt();
    await db
      .update(attempts)
      .set({ status: "submitted", submittedAt: now + 5000, submitKind: "manual" })
      .where(eq(attempts.id, id));
    expect(await sweepExpiredAttempts(db, now + 6000)).toBe(1);
    const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
    expect(row.score).toBe(0);
    expect(row.receipt).not.toBeNull();
  });

  it("refuses a new attempt beyond the allowance and allows it when more are allowed", async () => {
    const { contest, id, now } = await contestAndAttempt({ maxAttempts: 1 });
    await submitAttempt(db, { attemptId: id, userId, now: now + 1000 });
    await expect(startAttempt(db, { contest, userId, now: now + 2000 })).rejects.toMatchObject({
      code: "start.noAttemptsLeft",
    });
    const two = await createContest(db, {
      maxAttempts: 2,
      draw: { mode: "category", rules: [{ category: "CCHC", count: 2 }] },
    });
    const a = await startAttempt(db, { contest: two, userId, now });
    await submitAttempt(db, { attemptId: a.id, userId, now: now + 1000 });
    const b = await startAttempt(db, { contest: two, userId, now: now + 2000 });
    expect(b.resumed).toBe(false);
    expect(b.id).not.toBe(a.id);
  });

  it("keeps the prediction by version, a page that saw an older one losing", async () => {
    const { id, now } = await contestAndAttempt({
      predictionTarget: "entries",
      predictionPrompt: "Bao nhiêu bài?",
    });
    await savePrediction(db, { attemptId: id, userId, value: 100, base: 0, now });
    expect(await savePrediction(db, { attemptId: id, userId, value: 240, base: 1, now })).toMatchObject({
      outcome: "saved",
      version: 2,
    });
    expect(await savePrediction(db, { attemptId: id, userId, value: 7, base: 1, now })).toMatchObject({
      outcome: "conflict",
      held: 240,
      version: 2,
    });
    const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
    expect(row.prediction).toBe(240);
  });

  it("shows the review only as the contest's policy allows", async () => {
    const now = Date.now();
    for (const [policy, expected] of [
      ["after_submit", true],
      ["after_close", false],
      ["never", false],
    ] as const) {
      const { id } = await contestAndAttempt({ reviewPolicy: policy });
      await submitAttempt(db, { attemptId: id, userId, now: now + 1000 });
      const result = await getAttemptResult(db, id, userId, now + 2000);
      expect(result.status === "submitted" && result.showReview).toBe(expected);
      expect(result.status === "submitted" && result.review.length > 0).toBe(expected);
    }
  });

  it("never shows the key right after submitting while the person can still enter again", async () => {
    // Two attempts, answers "right after submitting": a blank first attempt must not read the key.
    const { contest, id, now } = await contestAndAttempt({ reviewPolicy: "after_submit", maxAttempts: 2 });
    await submitAttempt(db, { attemptId: id, userId, now: now + 1000 });
    const first = await getAttemptResult(db, id, userId, now + 2000);
    expect(first.status === "submitted" && [first.showReview, first.review.length]).toEqual([false, 0]);
    const { id: second } = await startAttempt(db, { contest, userId, now: now + 3000 });
    await submitAttempt(db, { attemptId: second, userId, now: now + 4000 });
    // Both attempts used: now the key may be shown, for either attempt.
    const again = await getAttemptResult(db, id, userId, now + 5000);
    expect(again.status === "submitted" && again.showReview).toBe(true);
    // With a new allowance every day, only the close shows it.
    const daily = await contestAndAttempt({ reviewPolicy: "after_submit", attemptPeriod: "day" });
    await submitAttempt(db, { attemptId: daily.id, userId, now: daily.now + 1000 });
    const open = await getAttemptResult(db, daily.id, userId, daily.now + 2000);
    expect(open.status === "submitted" && open.showReview).toBe(false);
    const closed = await getAttemptResult(db, daily.id, userId, daily.contest.closesAt + 1);
    expect(closed.status === "submitted" && closed.showReview).toBe(true);
  });

  it("lists a resident's entries and marks the one that counts", async () => {
    const contest = await createContest(db, {
      maxAttempts: 2,
      counting: "best",
      draw: { mode: "category", rules: [{ category: "CCHC", count: 2 }] },
    });
    const now = Date.now();
    const a = await startAttempt(db, { contest, userId, now });
    const keys = await key(a.id);
    for (const [questionId, correct] of keys) {
      await saveAnswer(db, { attemptId: a.id, userId, questionId, optionIds: correct, base: 0, now });
    }
    await submitAttempt(db, { attemptId: a.id, userId, now: now + 1000 });
    const b = await startAttempt(db, { contest, userId, now: now + 2000 });
    await submitAttempt(db, { attemptId: b.id, userId, now: now + 3000 });
    const list = await listMyAttempts(db, userId);
    expect(list.map((r) => [r.id, r.counts])).toEqual([
      [b.id, false],
      [a.id, true],
    ]);
    // The committee disqualifies the best entry: the other one counts, as in the ranking.
    // (Before: the disqualified entry was still marked "Lần được tính".)
    await db.insert(disqualifications).values({
      contestId: contest.id,
      targetKind: "attempt",
      targetId: a.id,
      reason: "Nhờ người khác làm bài hộ",
      createdAt: now,
    });
    expect((await listMyAttempts(db, userId)).map((r) => [r.id, r.counts])).toEqual([
      [b.id, true],
      [a.id, false],
    ]);
    // The person disqualified: no entry counts. Undone: the best one counts again.
    await db.insert(disqualifications).values({
      contestId: contest.id,
      targetKind: "user",
      targetId: String(userId),
      reason: "Dùng hai tài khoản",
      createdAt: now,
    });
    expect((await listMyAttempts(db, userId)).every((r) => !r.counts)).toBe(true);
    await db
      .update(disqualifications)
      .set({ revokedAt: now + 1 })
      .where(eq(disqualifications.contestId, contest.id));
    expect((await listMyAttempts(db, userId)).map((r) => [r.id, r.counts])).toEqual([
      [b.id, false],
      [a.id, true],
    ]);
  });
});

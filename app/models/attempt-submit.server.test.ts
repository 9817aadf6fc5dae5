/**
 * "Nộp bài" in one commit (decision 012): the unsent answers, the flip, the
 * audit line and the score written together, and the score always the one of
 * the answers stored when the attempt closed, however saves race the submit.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { answers, attemptQuestions, attempts, auditLog } from "#db/schema";
import { createContest, createQuestion, createUser, createWard, createUnit } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { getAttemptForTaker } from "./attempt-view.server";
import { saveAnswer, startAttempt, submitAttempt, submitWithUnsent } from "./attempt.server";
import { receiptCode, scoreAnswers } from "./scoring.server";

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

async function openAttempt() {
  const contest = await createContest(db, {
    draw: { mode: "category", rules: [{ category: "CCHC", count: 5 }] },
  });
  const now = Date.now();
  const { id } = await startAttempt(db, { contest, userId, now });
  const view = await getAttemptForTaker(db, id, userId, now);
  if (view.status !== "open") throw new Error("expected open attempt");
  return { id, now, view };
}

/** The score, correct count and receipt the stored answers give: what the attempt must hold. */
async function expectScoredFromStored(id: string) {
  const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
  const keyed = await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, id));
  const saved = await db.select().from(answers).where(eq(answers.attemptId, id));
  const { score, correctCount } = scoreAnswers(keyed, new Map(saved.map((a) => [a.questionId, a.selected])));
  expect(row.status).toBe("submitted");
  expect([row.score, row.correctCount]).toEqual([score, correctCount]);
  expect(row.durationMs).toBe(row.submittedAt! - row.startedAt);
  expect(row.receipt).toBe(receiptCode(id, row.submittedAt!, score));
  return row;
}

describe("submitting in one commit", () => {
  it("keeps the valid unsent answers, drops the invalid ones, and scores what was kept", async () => {
    const { id, now, view } = await openAttempt();
    const [q1, q2, q3] = view.questions;
    const correct = new Map(
      (await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, id))).map((q) => [
        q.questionId,
        q.correct,
      ]),
    );
    await saveAnswer(db, {
      attemptId: id,
      userId,
      questionId: q1.questionId,
      optionIds: [q1.options[0].id],
      base: 0,
      now,
    });
    await submitWithUnsent(db, {
      attemptId: id,
      userId,
      now: now + 1000,
      unsent: [
        // The correct answer on the version held: counted.
        { questionId: q1.questionId, optionIds: correct.get(q1.questionId)!, base: 1 },
        // An option of another question: not kept.
        { questionId: q2.questionId, optionIds: [q3.options[0].id], base: 0 },
        // Correct, and then changed again on the next version: the last one counts.
        { questionId: q3.questionId, optionIds: correct.get(q3.questionId)!, base: 0 },
        {
          questionId: q3.questionId,
          optionIds: [q3.options.find((o) => !correct.get(q3.questionId)!.includes(o.id))!.id],
          base: 1,
        },
        { prediction: 42, base: 0 },
      ],
    });
    const row = await expectScoredFromStored(id);
    expect(row.prediction).toBe(42);
    const saved = await db.select().from(answers).where(eq(answers.attemptId, id));
    expect(saved.map((a) => [a.questionId, a.version]).sort()).toEqual(
      [
        [q1.questionId, 2],
        [q3.questionId, 2],
      ].sort(),
    );
    expect(row.correctCount).toBe(1);
  });

  it("scores exactly the answers stored at the close when saves race the submit, and refuses every save after it", async () => {
    for (let round = 0; round < 6; round++) {
      const { id, now, view } = await openAttempt();
      const [q1, q2] = view.questions;
      const saves = view.questions.map((q, i) =>
        saveAnswer(db, {
          attemptId: id,
          userId,
          questionId: q.questionId,
          optionIds: [q.options[i % 2].id],
          base: 0,
          now: now + 10,
        }).then(
          (r) => r.outcome,
          (e: { status?: number }) => e.status,
        ),
      );
      const submits = [0, 1].map((k) =>
        submitWithUnsent(db, {
          attemptId: id,
          userId,
          now: now + 20 + k,
          unsent: [{ questionId: [q1, q2][k].questionId, optionIds: [[q1, q2][k].options[1].id], base: 0 }],
        }),
      );
      const outcomes = await Promise.all(saves);
      await Promise.all(submits);
      // A save either landed (and counts) or was refused as too late: never accepted after the flip.
      for (const outcome of outcomes) expect(["saved", "conflict", 409]).toContain(outcome);
      await expectScoredFromStored(id);
      const log = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
      expect(log.filter((e) => e.action === "attempt.submit")).toHaveLength(1);
      await expect(
        saveAnswer(db, {
          attemptId: id,
          userId,
          questionId: q1.questionId,
          optionIds: [q1.options[0].id],
          base: 5,
          now: now + 30,
        }),
      ).rejects.toMatchObject({ status: 409 });
    }
  });

  it("changes nothing on a second submit, and refuses someone else's", async () => {
    const { id, now } = await openAttempt();
    await submitAttempt(db, { attemptId: id, userId, now: now + 1000 });
    const [first] = await db.select().from(attempts).where(eq(attempts.id, id));
    await submitWithUnsent(db, {
      attemptId: id,
      userId,
      now: now + 2000,
      unsent: [{ prediction: 7, base: 0 }],
    });
    const [second] = await db.select().from(attempts).where(eq(attempts.id, id));
    expect(second).toEqual(first);
    const ward = await createWard(db);
    const other = await createUser(db, { unitId: (await createUnit(db, { wardId: ward.id })).id });
    await expect(
      submitAttempt(db, { attemptId: id, userId: other.id, now: now + 3000 }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});

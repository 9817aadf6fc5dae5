import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { attemptQuestions, attempts } from "#db/schema";
import {
  createContest,
  createFinishedAttempts,
  createQuestion,
  createUnit,
  createUser,
  createWard,
} from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { getAttemptResult, listMyAttempts } from "./attempt-view.server";
import { saveAnswer, startAttempt, submitAttempt } from "./attempt.server";
import { hasStarted } from "./contest-admin.server";
import { assertCanPractise, practiceOffered } from "./practice.server";
import { checkReceipt } from "./receipts.server";
import { computeResults } from "./results.server";
import { reviewFlags } from "./review-flags.server";
import { contestStats, listParticipants } from "./stats.server";

let db: Db;
let unitId: number;

const HOUR = 3_600_000;

beforeEach(async () => {
  ({ db } = await createTestDb());
  const ward = await createWard(db);
  unitId = (await createUnit(db, { wardId: ward.id, denominator: 100 })).id;
  for (let i = 0; i < 4; i++) await createQuestion(db, { category: "CCHC" });
  for (let i = 0; i < 3; i++) await createQuestion(db, { category: "CDS" });
});

const practiceContest = (values: Parameters<typeof createContest>[1] = {}) =>
  createContest(db, {
    practiceEnabled: true,
    maxAttempts: 1,
    draw: {
      mode: "category",
      rules: [
        { category: "CCHC", count: 3 },
        { category: "CDS", count: 2 },
      ],
    },
    ...values,
  });

/** Starts a practice attempt, answers every question right, submits it; returns its row. */
async function practise(
  contest: Awaited<ReturnType<typeof practiceContest>>,
  userId: number,
  now = Date.now(),
) {
  const { id } = await startAttempt(db, { contest, userId, now, practice: true });
  const qs = await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, id));
  for (const q of qs)
    await saveAnswer(db, {
      attemptId: id,
      userId,
      questionId: q.questionId,
      optionIds: q.correct,
      base: 0,
      now,
    });
  await submitAttempt(db, { attemptId: id, userId, now: now + 1000 });
  const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
  return row;
}

describe("practice mode (thi thử)", () => {
  it("is only possible when the contest allows it, and only while it is open", async () => {
    const now = Date.now();
    const user = await createUser(db, { unitId });
    const off = await practiceContest({ practiceEnabled: false });
    await expect(
      startAttempt(db, { contest: off, userId: user.id, now, practice: true }),
    ).rejects.toMatchObject({
      code: "practice.off",
    });
    const closed = await practiceContest({ opensAt: now - 3 * HOUR, closesAt: now - HOUR });
    await expect(
      startAttempt(db, { contest: closed, userId: user.id, now, practice: true }),
    ).rejects.toMatchObject({
      code: "start.closed",
    });
    const later = await practiceContest({ opensAt: now + HOUR, closesAt: now + 3 * HOUR });
    await expect(
      startAttempt(db, { contest: later, userId: user.id, now, practice: true }),
    ).rejects.toMatchObject({
      code: "start.notOpenYet",
    });
    const review = await practiceContest({ state: "review" });
    expect(() => assertCanPractise(review, now)).toThrow();
    expect(practiceOffered(off, now)).toBe(false);
    expect(practiceOffered(closed, now)).toBe(false);
    expect(practiceOffered(await practiceContest(), now)).toBe(true);
    expect(await db.select().from(attempts)).toHaveLength(0);
  });

  it("draws a fresh paper by the contest's rules, is unlimited and uses up no attempt", async () => {
    const contest = await practiceContest();
    const user = await createUser(db, { unitId });
    const now = Date.now();
    // The one real attempt, used up.
    const real = await startAttempt(db, { contest, userId: user.id, now });
    await submitAttempt(db, { attemptId: real.id, userId: user.id, now: now + 1000 });
    await expect(startAttempt(db, { contest, userId: user.id, now: now + 2000 })).rejects.toMatchObject({
      code: "start.noAttemptsLeft",
    });
    // Practice still works, again and again, each with the same categories and counts.
    for (let i = 0; i < 3; i++) {
      const row = await practise(contest, user.id, now + 10_000 * (i + 1));
      expect(row.practice).toBe(true);
      expect(row.attemptNo).toBe(i + 1);
      expect(row.questionCount).toBe(5);
      const qs = await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, row.id));
      expect(qs.filter((q) => q.category === "CCHC")).toHaveLength(3);
      expect(qs.filter((q) => q.category === "CDS")).toHaveLength(2);
    }
    await expect(startAttempt(db, { contest, userId: user.id, now: now + 60_000 })).rejects.toMatchObject({
      code: "start.noAttemptsLeft",
    });
  });

  it("leaves the allowance untouched and never resumes in place of a real attempt", async () => {
    const contest = await practiceContest();
    const user = await createUser(db, { unitId });
    const now = Date.now();
    const p = await startAttempt(db, { contest, userId: user.id, now, practice: true });
    // A practice attempt still open: the real start is a new, real attempt, not the practice one.
    const real = await startAttempt(db, { contest, userId: user.id, now: now + 1000 });
    expect(real.resumed).toBe(false);
    expect(real.id).not.toBe(p.id);
    const again = await startAttempt(db, { contest, userId: user.id, now: now + 2000, practice: true });
    expect(again).toEqual({ id: p.id, resumed: true });
    const [row] = await db.select().from(attempts).where(eq(attempts.id, real.id));
    expect(row.practice).toBe(false);
    expect(row.attemptNo).toBe(1);
  });

  it("gets no receipt, and no code it could have checks", async () => {
    const contest = await practiceContest();
    const user = await createUser(db, { unitId });
    const row = await practise(contest, user.id);
    expect(row.status).toBe("submitted");
    expect(row.score).toBe(5);
    expect(row.receipt).toBeNull();
    // Even a practice row carrying a code (it never should) is not a receipt.
    await db.update(attempts).set({ receipt: "ABCDE-FGH23" }).where(eq(attempts.id, row.id));
    expect((await checkReceipt(db, "ABCDE-FGH23")).valid).toBe(false);
  });

  it("changes no ranking, statistic, counted entry, review flag or list of entries", async () => {
    const contest = await practiceContest({ counting: "best", maxAttempts: 2 });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createUser(db, { unitId })));
    const ids = await createFinishedAttempts(db, [
      { contestId: contest.id, userId: a.id, score: 3, maxScore: 5 },
      { contestId: contest.id, userId: b.id, score: 2, maxScore: 5 },
    ]);
    const before = await computeResults(db, contest.id);
    const statsBefore = await contestStats(db, contest.id);
    // a practises to a perfect score; c, who never entered, practises too.
    const pa = await practise(contest, a.id);
    const pc = await practise(contest, c.id);
    expect(pa.score).toBe(5);

    const after = await computeResults(db, contest.id);
    expect(after).toEqual(before);
    expect(after.individual.map((e) => e.attemptId).sort()).toEqual([...ids].sort());
    expect(after.individual.find((e) => e.attemptId === ids[0])?.score).toBe(3);
    expect(after.collective[0]?.entries ?? 0).toBe(before.collective[0]?.entries ?? 0);

    // Fresh figures (a later "now" passes the memo's live window): the same as before.
    const stats = await contestStats(db, contest.id, Date.now() + 60_000);
    expect(stats.totals).toEqual(statsBefore.totals);
    expect(stats.totals.entries).toBe(2);
    expect(stats.totals.participants).toBe(2);
    expect(stats.units).toEqual(statsBefore.units);
    expect(stats.scores).toEqual(statsBefore.scores);
    expect(await listParticipants(db, contest.id)).toHaveLength(2);
    const flags = await reviewFlags(db, contest.id);
    expect(Object.keys(flags)).not.toContain(pa.id);
    expect(Object.keys(flags)).not.toContain(pc.id);
    expect((await listMyAttempts(db, c.id)).map((e) => e.id)).toEqual([]);
    expect((await listMyAttempts(db, a.id)).map((e) => e.id)).toEqual([ids[0]]);
  });

  it("computes statistics without the practice attempts even when nothing else is cached", async () => {
    const contest = await practiceContest();
    const [a, c] = await Promise.all([1, 2].map(() => createUser(db, { unitId })));
    await createFinishedAttempts(db, [{ contestId: contest.id, userId: a.id, score: 1, maxScore: 5 }]);
    await practise(contest, c.id);
    await practise(contest, c.id);
    const stats = await contestStats(db, contest.id);
    expect(stats.totals.entries).toBe(1);
    expect(stats.totals.participants).toBe(1);
    expect(stats.totals.completionRate).toBe(1);
    expect(stats.units.find((u) => u.id === unitId)).toMatchObject({
      entries: 1,
      participants: 1,
      bestScore: 1,
    });
    expect(stats.scores).toEqual([{ score: 1, entries: 1 }]);
  });

  it("does not freeze the settings: practice alone is no start", async () => {
    const contest = await practiceContest();
    const user = await createUser(db, { unitId });
    await practise(contest, user.id);
    expect(await hasStarted(db, contest.id)).toBe(false);
    await createFinishedAttempts(db, [{ contestId: contest.id, userId: user.id, score: 1 }]);
    expect(await hasStarted(db, contest.id)).toBe(true);
  });

  it("shows the key of a practice attempt by the contest's rule, never while real attempts are left", async () => {
    const contest = await practiceContest({ reviewPolicy: "after_submit", maxAttempts: 1 });
    const user = await createUser(db, { unitId });
    const now = Date.now();
    const first = await practise(contest, user.id, now);
    const held = await getAttemptResult(db, first.id, user.id, now + 5000);
    expect(held.status === "submitted" && held.practice).toBe(true);
    expect(held.status === "submitted" && held.showReview).toBe(false);
    expect(held.status === "submitted" && held.receipt).toBeNull();
    expect(held.status === "submitted" && held.practiceAgain).toBe(true);
    // The real attempt used up: now the key shows, for the practice too.
    const real = await startAttempt(db, { contest, userId: user.id, now: now + 6000 });
    await submitAttempt(db, { attemptId: real.id, userId: user.id, now: now + 7000 });
    const shown = await getAttemptResult(db, first.id, user.id, now + 8000);
    expect(shown.status === "submitted" && shown.showReview).toBe(true);
  });
});

import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { contestStatistics, units } from "#db/schema";
import {
  createContest,
  createFinishedAttempts,
  createQuestion,
  createUnit,
  createUser,
  createWard,
} from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import type { Actor } from "~/utils/permissions.server";
import { saveAnswer, startAttempt, submitAttempt } from "./attempt.server";
import { approveLock, disqualify, reopen } from "./results.server";
import {
  contestQuestionStats,
  contestStats,
  discriminationIndex,
  publicStats,
  questionFlag,
  rate,
  STATS_LAG_MS,
  storeClosedContestStatistics,
} from "./stats.server";

let db: Db;

beforeEach(async () => {
  ({ db } = await createTestDb());
});

describe("statistics figures", () => {
  it("never divides by zero: a missing or zero denominator gives no rate", () => {
    expect(rate(3, 10)).toBe(0.3);
    expect(rate(3, 0)).toBeNull();
    expect(rate(3, null)).toBeNull();
    expect(discriminationIndex(2, 2, 0, 0)).toBeNull();
    expect(discriminationIndex(3, 4, 1, 4)).toBe(0.5);
    expect(questionFlag(0, 10)).toBe("nobodyRight");
    expect(questionFlag(10, 10)).toBe("everybodyRight");
    expect(questionFlag(0, 3)).toBeNull();
  });

  it("computes every figure of a small hand-checked contest", async () => {
    const ward = await createWard(db);
    const u1 = await createUnit(db, { wardId: ward.id, name: "Tổ 1", denominator: 10 });
    const u2 = await createUnit(db, { wardId: ward.id, name: "Tổ 2", denominator: 0 });
    const u3 = await createUnit(db, { wardId: ward.id, name: "Trường", kind: "school", denominator: null });
    const u4 = await createUnit(db, { wardId: ward.id, name: "Tổ 4", denominator: 50 });
    const q1 = await createQuestion(db, { prompt: "Câu một?" });
    const q2 = await createQuestion(db, { prompt: "Câu hai?" });
    const contest = await createContest(db, {
      draw: { mode: "fixed", questionIds: [q1.id, q2.id] },
      shuffleOptions: false,
    });
    const helper = await createUser(db, { role: "organiser" });
    const right = (q: typeof q1) => [q.options.find((o) => o.isCorrect)!.id];
    const wrong = (q: typeof q1) => [q.options.find((o) => !o.isCorrect)!.id];
    // name, unit, answer to q1, answer to q2 (null = no answer), assisted
    const people = [
      ["A", u1, right(q1), right(q2), false],
      ["B", u1, right(q1), wrong(q2), false],
      ["C", u1, right(q1), wrong(q2), true],
      ["D", u2, wrong(q1), wrong(q2), false],
      ["E", u2, right(q1), right(q2), false],
      ["F", u3, null, null, false],
    ] as const;
    const now = Date.now();
    for (const [name, unit, a1, a2, assisted] of people) {
      const user = await createUser(db, { fullName: name, unitId: unit.id });
      const { id } = await startAttempt(db, {
        contest,
        userId: user.id,
        now,
        assistedByUserId: assisted ? helper.id : null,
      });
      if (a1)
        await saveAnswer(db, {
          attemptId: id,
          userId: user.id,
          questionId: q1.id,
          optionIds: [...a1],
          base: 0,
          now,
        });
      if (a2)
        await saveAnswer(db, {
          attemptId: id,
          userId: user.id,
          questionId: q2.id,
          optionIds: [...a2],
          base: 0,
          now,
        });
      await submitAttempt(db, { attemptId: id, userId: user.id, now: now + 60_000 });
    }

    const stats = await contestStats(db, contest.slug, now + 120_000);
    expect(stats.totals).toMatchObject({
      units: 4,
      unitsWithParticipants: 3,
      participants: 6,
      entries: 6,
      completionRate: 1,
    });
    const unit = (id: number) => stats.units.find((u) => u.id === id)!;
    expect(unit(u1.id)).toMatchObject({
      participants: 3,
      entries: 3,
      participationRate: 0.3,
      bestScore: 2,
      perfectScores: 1,
    });
    expect(unit(u1.id).averageScore).toBeCloseTo(4 / 3);
    expect(unit(u1.id).assistedShare).toBeCloseTo(1 / 3);
    expect(unit(u2.id)).toMatchObject({
      denominator: null,
      participationRate: null,
      averageScore: 1,
      perfectScores: 1,
    });
    expect(unit(u3.id)).toMatchObject({ participationRate: null, averageScore: 0, perfectScores: 0 });
    expect(unit(u4.id)).toMatchObject({
      participants: 0,
      entries: 0,
      participationRate: 0,
      averageScore: null,
    });

    const [s1, s2] = await contestQuestionStats(db, stats);
    expect(s1).toMatchObject({ questionId: q1.id, answered: 6, discrimination: 1, flag: null });
    expect(s1.correctRate).toBeCloseTo(4 / 6);
    expect(s2).toMatchObject({ questionId: q2.id, discrimination: 1 });
    expect(s2.correctRate).toBeCloseTo(2 / 6);
    expect(stats.scores).toEqual([
      { score: 0, entries: 2 },
      { score: 1, entries: 2 },
      { score: 2, entries: 2 },
    ]);
    expect(stats.byDay.reduce((s, d) => s + d.entries, 0)).toBe(6);
  });

  it("publishes exactly the DESIGN.md shape in stats.json, without personal data", async () => {
    const ward = await createWard(db);
    await createUnit(db, { wardId: ward.id, name: "Tổ 1", denominator: 100 });
    await createQuestion(db);
    const contest = await createContest(db, {
      draw: { mode: "category", rules: [{ category: "CCHC", count: 1 }] },
    });
    const json = publicStats(await contestStats(db, contest.slug));
    expect(Object.keys(json)).toEqual(["contest", "totals", "units"]);
    expect(Object.keys(json.contest)).toEqual(["slug", "title", "status", "opensAt", "closesAt"]);
    expect(Object.keys(json.totals)).toEqual(["units", "unitsWithParticipants", "participants", "entries"]);
    expect(Object.keys(json.units[0])).toEqual([
      "id",
      "name",
      "kind",
      "denominator",
      "participants",
      "entries",
      "participationRate",
      "averageScore",
    ]);
    expect(json.contest.opensAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("answers 404 for a contest that does not exist", async () => {
    await expect(contestStats(db, "khong-co")).rejects.toMatchObject({ status: 404 });
  });
});

describe("one definition of a unit's average score", () => {
  it("is the same on the statistics page and in the prize ranking: each person's counted entry", async () => {
    const { createFinishedAttempts } = await import("../../tests/factories");
    const { computeResults } = await import("./results.server");
    const ward = await createWard(db);
    const now = Date.now();
    const unit = await createUnit(db, {
      wardId: ward.id,
      name: "Tổ trung bình",
      denominator: 50,
      createdAt: now - 72 * 3_600_000,
    });
    const contest = await createContest(db, {
      opensAt: now - 48 * 3_600_000,
      closesAt: now - 3_600_000,
      maxAttempts: 2,
      counting: "best",
    });
    const [an, binh] = [await createUser(db, { unitId: unit.id }), await createUser(db, { unitId: unit.id })];
    await createFinishedAttempts(db, [
      { contestId: contest.id, userId: an.id, score: 5, attemptNo: 1 },
      { contestId: contest.id, userId: an.id, score: 10, attemptNo: 2 },
      { contestId: contest.id, userId: binh.id, score: 5 },
    ]);
    const stats = await contestStats(db, contest.id);
    const ranking = await computeResults(db, contest.id);
    const onStats = stats.units.find((u) => u.name === "Tổ trung bình")!;
    const inRanking = ranking.collective.find((u) => u.name === "Tổ trung bình")!;
    // An's best (10) and Bình's 5: 7.5 everywhere, never the 6.67 of all three entries.
    expect(onStats.averageScore).toBe(7.5);
    expect(inRanking.averageScore).toBe(7.5);
    expect([onStats.entries, inRanking.entries]).toEqual([3, 3]);
  });
});

describe("stored statistics (decision 011)", () => {
  const HOUR = 3_600_000;

  async function openContestWithEntries(scores: number[]) {
    const ward = await createWard(db);
    const unit = await createUnit(db, { wardId: ward.id, name: "Tổ lưu", denominator: 20 });
    const contest = await createContest(db);
    const enter = async (score: number) => {
      const user = await createUser(db, { unitId: unit.id });
      await createFinishedAttempts(db, [{ contestId: contest.id, userId: user.id, score }]);
    };
    for (const score of scores) await enter(score);
    return { contest, enter };
  }

  /** The same figures computed from nothing, as a first visitor would get them. */
  async function fromScratch(id: number, now: number) {
    const [row] = await db.select().from(contestStatistics).where(eq(contestStatistics.contestId, id));
    await db.delete(contestStatistics).where(eq(contestStatistics.contestId, id));
    const fresh = await contestStats(db, id, now);
    if (row)
      await db
        .insert(contestStatistics)
        .values(row)
        .onConflictDoUpdate({ target: contestStatistics.contestId, set: row });
    return fresh;
  }

  it("a new submission shows in the statistics within STATS_LAG_MS, for every worker", async () => {
    const { contest, enter } = await openContestWithEntries([10, 12]);
    const t0 = Date.now();
    expect((await contestStats(db, contest.id, t0)).totals.entries).toBe(2);
    await enter(20);
    // Within the lag the stored figures are served, saying when they were current.
    const lagging = await contestStats(db, contest.id, t0 + 1000);
    expect(lagging.totals.entries).toBe(2);
    expect(lagging.computedAt).toBe(t0);
    // Then the entries are rechecked and the new one is counted: nothing is kept in the process,
    // so a worker that never saw this contest reads the same stored row.
    const later = await contestStats(db, contest.id, t0 + STATS_LAG_MS);
    expect(later.totals.entries).toBe(3);
    expect(later.units.find((u) => u.name === "Tổ lưu")).toMatchObject({
      entries: 3,
      bestScore: 20,
      perfectScores: 1,
    });
    expect(later.scores).toEqual([
      { score: 10, entries: 1 },
      { score: 12, entries: 1 },
      { score: 20, entries: 1 },
    ]);
    expect(later).toEqual(await fromScratch(contest.id, t0 + STATS_LAG_MS));
    // Unchanged entries: only rechecked, the figures say they are current as of the recheck.
    expect((await contestStats(db, contest.id, t0 + 2 * STATS_LAG_MS)).computedAt).toBe(
      t0 + 2 * STATS_LAG_MS,
    );
  });

  it("while one worker recomputes, the others serve the stored figures, then the new ones", async () => {
    const { contest, enter } = await openContestWithEntries([5]);
    const t0 = Date.now();
    await contestStats(db, contest.id, t0);
    await enter(7);
    await db
      .update(contestStatistics)
      .set({ refreshingUntil: t0 + 30_000 })
      .where(eq(contestStatistics.contestId, contest.id));
    const meanwhile = await contestStats(db, contest.id, t0 + STATS_LAG_MS);
    expect(meanwhile.totals.entries).toBe(1);
    expect(meanwhile.computedAt).toBe(t0);
    // A claim left by a worker that died runs out; the next visitor recomputes.
    expect((await contestStats(db, contest.id, t0 + 30_000)).totals.entries).toBe(2);
  });

  it("the per-question table is stored with its figures and recomputed after a new submission", async () => {
    const ward = await createWard(db);
    await createUnit(db, { wardId: ward.id, name: "Tổ câu hỏi", denominator: 5 });
    const q = await createQuestion(db, { prompt: "Câu lưu?" });
    const contest = await createContest(db, {
      draw: { mode: "fixed", questionIds: [q.id] },
      shuffleOptions: false,
    });
    const right = [q.options.find((o) => o.isCorrect)!.id];
    const t0 = Date.now();
    const enter = async (now: number) => {
      const user = await createUser(db);
      const { id } = await startAttempt(db, { contest, userId: user.id, now });
      await saveAnswer(db, {
        attemptId: id,
        userId: user.id,
        questionId: q.id,
        optionIds: right,
        base: 0,
        now,
      });
      await submitAttempt(db, { attemptId: id, userId: user.id, now: now + 1000 });
    };
    await enter(t0);
    const first = await contestQuestionStats(db, await contestStats(db, contest.id, t0 + 2000));
    expect(first).toMatchObject([{ questionId: q.id, answered: 1, correctRate: 1 }]);
    const [row] = await db
      .select()
      .from(contestStatistics)
      .where(eq(contestStatistics.contestId, contest.id));
    expect(JSON.parse(row.questions!)).toEqual(first);
    await enter(t0 + 3000);
    const again = await contestQuestionStats(
      db,
      await contestStats(db, contest.id, t0 + 5000 + STATS_LAG_MS),
    );
    expect(again).toMatchObject([{ questionId: q.id, answered: 2, correctRate: 1 }]);
  });

  it("a closed contest's figures are stored once by the sweeper; a disqualification and a reopen are reflected", async () => {
    const now = Date.now();
    const committee: Actor = { id: (await createUser(db, { role: "committee" })).id, role: "committee" };
    const ward = await createWard(db);
    const unit = await createUnit(db, {
      wardId: ward.id,
      name: "Tổ đã thi",
      denominator: 10,
      createdAt: now - 72 * HOUR,
    });
    const contest = await createContest(db, { opensAt: now - 48 * HOUR, closesAt: now - HOUR });
    const people = [await createUser(db, { unitId: unit.id }), await createUser(db, { unitId: unit.id })];
    const [first] = await createFinishedAttempts(db, [
      { contestId: contest.id, userId: people[0].id, score: 18, submittedAt: now - 2 * HOUR },
      { contestId: contest.id, userId: people[1].id, score: 9, submittedAt: now - 2 * HOUR },
    ]);
    expect(await storeClosedContestStatistics(db, now)).toBe(contest.id);
    // Stored once: the next sweep has nothing to do.
    expect(await storeClosedContestStatistics(db, now + 5000)).toBeNull();
    const [row] = await db
      .select()
      .from(contestStatistics)
      .where(eq(contestStatistics.contestId, contest.id));
    expect(row.questionsVersion).toBe(row.version);
    const stored = await contestStats(db, contest.id, now + 1000);
    expect(stored).toMatchObject({ computedAt: now, totals: { entries: 2, participants: 2 } });

    await disqualify(db, {
      contestId: contest.id,
      targetKind: "attempt",
      targetId: first,
      reason: "Vi phạm thể lệ",
      actor: committee,
    });
    // Participation statistics count every entry, disqualified or not: the same figures as from scratch.
    const afterDisqualify = await contestStats(db, contest.id, now + STATS_LAG_MS + 1000);
    expect(afterDisqualify).toEqual(await fromScratch(contest.id, now + STATS_LAG_MS + 1000));

    expect(await approveLock(db, contest.id, committee, now + 10_000)).toMatchObject({ locked: true });
    // The contest's state is part of what the figures are stored for: seen at once, no lag.
    expect((await contestStats(db, contest.id, now + 10_001)).contest.status).toBe("locked");
    expect(await reopen(db, contest.id, "Có khiếu nại cần xem lại", committee, now + 20_000)).toMatchObject({
      reopened: true,
    });
    const reopened = await contestStats(db, contest.id, now + 20_001);
    expect(reopened.contest.status).toBe("review");
    expect(reopened).toEqual(await fromScratch(contest.id, now + 20_001));
  });

  it("a unit's new denominator is reflected within the lag", async () => {
    const { contest } = await openContestWithEntries([10]);
    const t0 = Date.now();
    expect((await contestStats(db, contest.id, t0)).units[0].participationRate).toBe(1 / 20);
    await db.update(units).set({ denominator: 4 }).where(eq(units.name, "Tổ lưu"));
    expect((await contestStats(db, contest.id, t0 + STATS_LAG_MS)).units[0].participationRate).toBe(1 / 4);
  });
});

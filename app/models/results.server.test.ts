import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import {
  answers,
  attempts,
  auditLog,
  contestExclusions,
  contests,
  disqualifications,
  teams,
} from "#db/schema";
import {
  createContest,
  createFinishedAttempts,
  createPrizes,
  createUnit,
  createUser,
  createWard,
} from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import {
  announce,
  approveLock,
  computeResults,
  currentResults,
  disqualify,
  reopen,
  undoDisqualification,
} from "./results.server";
import type { Actor } from "~/utils/permissions.server";
import { countedAttempt } from "./attempt-policy.server";
import { rankingDigest } from "./committee.server";
import { reviewFlags } from "./review-flags.server";

let db: Db;
let committee: Actor;
const HOUR = 3_600_000;

beforeEach(async () => {
  ({ db } = await createTestDb());
  committee = { id: (await createUser(db, { role: "committee" })).id, role: "committee" };
});

/** A closed contest: four residents in two units, one organiser who scored best. */
async function closedContest(values: Parameters<typeof createContest>[1] = {}) {
  const now = Date.now();
  const ward = await createWard(db);
  const u1 = await createUnit(db, {
    wardId: ward.id,
    name: "Tổ 1",
    denominator: 100,
    createdAt: now - 72 * HOUR,
  });
  const u2 = await createUnit(db, {
    wardId: ward.id,
    name: "Tổ 2",
    denominator: 10,
    createdAt: now - 72 * HOUR,
  });
  // Set up after the contest closed: it must not appear in that contest's collective ranking.
  await createUnit(db, { wardId: ward.id, name: "Tổ mới", denominator: 5 });
  const contest = await createContest(db, {
    opensAt: now - 48 * HOUR,
    closesAt: now - HOUR,
    predictionTarget: "entries",
    ...values,
  });
  await createPrizes(db, contest.id, [
    { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 500_000 },
    { category: "individual", rank: 2, label: "Nhì", count: 1, amount: 300_000 },
    { category: "collective", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
  ]);
  const organiser = await createUser(db, { role: "organiser", unitId: u1.id, fullName: "Cán bộ" });
  const people = [];
  for (const [name, unit] of [
    ["An", u1],
    ["Bình", u1],
    ["Chi", u2],
    ["Dũng", u2],
  ] as const) {
    people.push(await createUser(db, { fullName: name, unitId: unit.id }));
  }
  const [orgAttempt, a, b, c, d] = await createFinishedAttempts(db, [
    { contestId: contest.id, userId: organiser.id, score: 20 },
    { contestId: contest.id, userId: people[0].id, score: 19, prediction: 5 },
    { contestId: contest.id, userId: people[1].id, score: 19, prediction: 9 },
    { contestId: contest.id, userId: people[2].id, score: 17 },
    { contestId: contest.id, userId: people[3].id, score: 15 },
  ]);
  return { contest, units: [u1, u2], people, attempts: { orgAttempt, a, b, c, d } };
}

describe("results of a closed contest", () => {
  it("ranks residents, skips the organiser, and uses the actual entry count for the prediction tie-break", async () => {
    const { contest } = await closedContest();
    const results = await computeResults(db, contest.id);
    expect(results.actual).toBe(5);
    expect(
      results.individual.map((e) => [e.name, e.status, e.rank, e.prize?.label ?? null, e.separatedBy]),
    ).toEqual([
      ["Cán bộ", "ineligible", null, null, null],
      ["An", "ranked", 1, "Nhất", "score"],
      ["Bình", "ranked", 2, "Nhì", "prediction"],
      ["Chi", "ranked", 3, null, "score"],
      ["Dũng", "ranked", 4, null, "score"],
    ]);
    // Tổ 2: 2 of 10 (20%) beats Tổ 1: 2 of 100; the organiser, never ranked, counts for nothing there.
    expect(
      results.collective.map((u) => [u.name, u.rank, u.prize?.label ?? null, u.participants, u.entries]),
    ).toEqual([
      ["Tổ 2", 1, "Nhất", 2, 2],
      ["Tổ 1", 2, null, 2, 2],
    ]);
    expect(results.collective.find((u) => u.name === "Tổ 1")?.averageScore).toBe(19);
    expect(results.totalAmount).toBe(1_800_000);
    expect(JSON.stringify(await computeResults(db, contest.id))).toBe(JSON.stringify(results));
  });

  it("disqualifying a person's counted entry counts their next entry instead", async () => {
    const { contest, people, attempts } = await closedContest();
    await createFinishedAttempts(db, [
      { contestId: contest.id, userId: people[0].id, score: 18, attemptNo: 2 },
    ]);
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "attempt",
      targetId: attempts.a,
      reason: "Bài này làm hộ",
      actor: committee,
    });
    const { individual } = await computeResults(db, contest.id);
    expect(individual.find((e) => e.name === "An")).toMatchObject({ status: "ranked", score: 18 });
    // Disqualifying the person is its own action: then no entry of theirs counts.
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "user",
      targetId: String(people[0].id),
      reason: "Vi phạm thể lệ",
      actor: committee,
    });
    const after = await computeResults(db, contest.id);
    expect(after.individual.find((e) => e.name === "An")).toMatchObject({ status: "disqualified" });
  });

  it("a unit wins nothing through excluded people", async () => {
    const { contest, units } = await closedContest();
    // Tổ 3's only entrant is on the exclusion list, with the best score of all.
    const u3 = await createUnit(db, {
      wardId: units[0].wardId,
      name: "Tổ 3",
      denominator: 1,
      createdAt: Date.now() - 72 * HOUR,
    });
    const excluded = await createUser(db, { fullName: "Người bị loại trừ", unitId: u3.id });
    await db.insert(contestExclusions).values({ contestId: contest.id, phone: excluded.phone });
    await createFinishedAttempts(db, [{ contestId: contest.id, userId: excluded.id, score: 20 }]);
    const results = await computeResults(db, contest.id);
    expect(results.individual.find((e) => e.name === "Người bị loại trừ")?.status).toBe("ineligible");
    expect(results.collective.find((u) => u.name === "Tổ 3")).toMatchObject({ participants: 0, prize: null });
  });

  it("moves the next person up when an entry is disqualified, and back when undone", async () => {
    const { contest, attempts } = await closedContest();
    await expect(
      disqualify(db, {
        contestId: contest.id,
        targetKind: "attempt",
        targetId: attempts.a,
        reason: "",
        actor: committee,
      }),
    ).rejects.toMatchObject({
      code: "review.reasonRequired",
    });
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "attempt",
      targetId: attempts.a,
      reason: "Dùng hai tài khoản",
      actor: committee,
    });
    let results = await computeResults(db, contest.id);
    expect(results.individual.filter((e) => e.prize).map((e) => e.name)).toEqual(["Bình", "Chi"]);
    const [dq] = await db.select().from(disqualifications);
    await undoDisqualification(db, {
      contestId: contest.id,
      disqualificationId: dq.id,
      reason: "Đã xác minh lại",
      actor: committee,
    });
    results = await computeResults(db, contest.id);
    expect(results.individual.filter((e) => e.prize).map((e) => e.name)).toEqual(["An", "Bình"]);
  });

  it("leaves one consistent state when two members disqualify and undo at the same moment", async () => {
    const { contest, attempts } = await closedContest();
    const input = {
      contestId: contest.id,
      targetKind: "attempt" as const,
      targetId: attempts.c,
      reason: "Nghi vấn gian lận",
      actor: committee,
    };
    const outcomes = await Promise.allSettled([disqualify(db, input), disqualify(db, input)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const [dq] = await db.select().from(disqualifications);
    const undo = {
      contestId: contest.id,
      disqualificationId: dq.id,
      reason: "Hủy vì nhầm",
      actor: committee,
    };
    const undos = await Promise.allSettled([undoDisqualification(db, undo), undoDisqualification(db, undo)]);
    expect(undos.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((await db.select().from(disqualifications)).filter((d) => d.revokedAt === null)).toHaveLength(0);
  });

  it("disqualifying a unit removes it and its members from the prizes", async () => {
    const { contest, units } = await closedContest();
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "unit",
      targetId: String(units[1].id),
      reason: "Đơn vị vi phạm thể lệ",
      actor: committee,
    });
    const results = await computeResults(db, contest.id);
    expect(results.collective.find((u) => u.name === "Tổ 2")?.status).toBe("disqualified");
    expect(results.collective.find((u) => u.name === "Tổ 1")?.prize?.label).toBe("Nhất");
    expect(results.individual.filter((e) => e.status === "disqualified").map((e) => e.name)).toEqual([
      "Chi",
      "Dũng",
    ]);
  });

  it("refuses to lock an open contest and to announce an unlocked one", async () => {
    const { contest } = await closedContest({ closesAt: Date.now() + HOUR });
    await expect(approveLock(db, contest.id, committee)).rejects.toMatchObject({ code: "review.notClosed" });
    await expect(announce(db, contest.id, committee)).rejects.toMatchObject({ code: "review.notLocked" });
  });

  it("locks after the quorum approves, freezes the results, announces, and reopens only with a reason", async () => {
    // Both members are on the roster: the contest's committee is made with it.
    const second: Actor = { id: (await createUser(db, { role: "committee" })).id, role: "committee" };
    const { contest, attempts } = await closedContest({ lockQuorum: 2 });
    expect(await approveLock(db, contest.id, committee)).toMatchObject({
      locked: false,
      approvals: 1,
      quorum: 2,
    });
    expect(await approveLock(db, contest.id, committee)).toMatchObject({ locked: false, approvals: 1 });
    expect(await approveLock(db, contest.id, second)).toMatchObject({ locked: true });
    await expect(
      disqualify(db, {
        contestId: contest.id,
        targetKind: "attempt",
        targetId: attempts.b,
        reason: "Quá muộn rồi",
        actor: committee,
      }),
    ).rejects.toMatchObject({ code: "review.locked" });
    const frozen = await currentResults(db, contest.id);
    expect(frozen.lockedAt).not.toBeNull();
    await announce(db, contest.id, committee);
    const [row] = await db.select().from(contests).where(eq(contests.id, contest.id));
    expect(row.state).toBe("announced");
    expect(row.predictionActual).toBe(5);
    await expect(reopen(db, contest.id, "", committee)).rejects.toMatchObject({
      code: "review.reasonRequired",
    });
    // Reopening needs the same quorum as locking: one member alone only asks.
    expect(await reopen(db, contest.id, "Có khiếu nại cần xem lại", committee)).toMatchObject({
      reopened: false,
      approvals: 1,
      quorum: 2,
    });
    expect((await currentResults(db, contest.id)).lockedAt).not.toBeNull();
    expect(await reopen(db, contest.id, "Đồng ý xem lại khiếu nại", second)).toMatchObject({
      reopened: true,
    });
    expect((await currentResults(db, contest.id)).lockedAt).toBeNull();
  });

  it("an approval is of the ranking it saw: it lapses when the ranking changes before the quorum", async () => {
    const second: Actor = { id: (await createUser(db, { role: "committee" })).id, role: "committee" };
    const { contest, attempts } = await closedContest({ lockQuorum: 2 });
    expect(await approveLock(db, contest.id, committee)).toMatchObject({ locked: false, approvals: 1 });
    // The ranking changes after the first approval: it no longer counts.
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "attempt",
      targetId: attempts.b,
      reason: "Dùng hai tài khoản",
      actor: second,
    });
    expect(await approveLock(db, contest.id, second)).toMatchObject({ locked: false, approvals: 1 });
    const { committeeStatus } = await import("./committee.server");
    const status = await committeeStatus(
      db,
      contest.id,
      committee,
      (await currentResults(db, contest.id)).results,
    );
    const mine = status.lockApprovals.find((a) => !a.holds)!;
    expect(mine.gone.length + mine.added.length).toBeGreaterThan(0);
    // Approving again, of the ranking as it is now, reaches the quorum.
    expect(await approveLock(db, contest.id, committee)).toMatchObject({ locked: true, approvals: 2 });
  });

  it("approves only the ranking the member's page showed, and never locks over a disqualification made meanwhile", async () => {
    const { contest, attempts } = await closedContest({ lockQuorum: 1 });
    const shown = rankingDigest((await currentResults(db, contest.id)).results).hash;
    const dq = (targetId: string) =>
      disqualify(db, {
        contestId: contest.id,
        targetKind: "attempt",
        targetId,
        reason: "Nhờ người khác làm bài hộ",
        actor: committee,
      });
    // Another member's tab disqualifies; this member's page still shows the ranking before it.
    await dq(attempts.b);
    await expect(approveLock(db, contest.id, committee, Date.now(), shown)).rejects.toMatchObject({
      code: "review.rankingChanged",
    });
    // A disqualification landing while the approval is being written (after it computed the
    // ranking): the contest is not locked on the ranking without it. (Before: it was, and the
    // disqualified entry was announced with its prize.)
    const batch = db.batch.bind(db);
    db.batch = (async (queries: Parameters<typeof batch>[0]) => {
      db.batch = batch;
      await dq(attempts.a);
      return batch(queries);
    }) as unknown as typeof db.batch;
    await expect(approveLock(db, contest.id, committee)).rejects.toMatchObject({
      code: "review.rankingChanged",
    });
    expect((await currentResults(db, contest.id)).lockedAt).toBeNull();
    const locks = async () =>
      (await db.select().from(auditLog).where(eq(auditLog.action, "review.lock"))).length;
    expect(await locks()).toBe(0);
    // Approved again, of the ranking as it is now, it locks: without either entry.
    const now = rankingDigest((await currentResults(db, contest.id)).results).hash;
    expect(await approveLock(db, contest.id, committee, Date.now(), now)).toMatchObject({ locked: true });
    const locked = await currentResults(db, contest.id);
    const prized = locked.results.individual.filter((e) => e.prize).map((e) => e.name);
    expect(prized).toEqual(["Chi", "Dũng"]);
    expect(await locks()).toBe(1);
  });

  it("flags several accounts from one device, implausibly fast entries, duplicate identities and answers in lockstep", async () => {
    const { contest, units, attempts: plain } = await closedContest();
    const twins = [
      await createUser(db, { fullName: "Lê Văn Tám", birthYear: 1970, unitId: units[0].id }),
      await createUser(db, { fullName: "Lê Văn Tám", birthYear: 1970, unitId: units[0].id }),
    ];
    const third = await createUser(db, { unitId: units[0].id });
    const ids = await createFinishedAttempts(db, [
      { contestId: contest.id, userId: twins[0].id, score: 10, ip: "10.0.0.9", userAgent: "UA" },
      { contestId: contest.id, userId: twins[1].id, score: 10, ip: "10.0.0.9", userAgent: "UA" },
      {
        contestId: contest.id,
        userId: third.id,
        score: 20,
        durationMs: 30_000,
        ip: "10.0.0.9",
        userAgent: "UA",
      },
    ]);
    // Two more entries answered in lockstep, a second apart, from different devices.
    const [p1, p2] = [
      await createUser(db, { unitId: units[1].id }),
      await createUser(db, { unitId: units[1].id }),
    ];
    const start = Date.now() - 2 * HOUR;
    const lockstep = await createFinishedAttempts(db, [
      { contestId: contest.id, userId: p1.id, score: 18, submittedAt: start + 600_000, durationMs: 600_000 },
      {
        contestId: contest.id,
        userId: p2.id,
        score: 18,
        submittedAt: start + 660_000,
        durationMs: 600_000 + 59_000,
      },
    ]);
    await db.insert(answers).values(
      lockstep.flatMap((attemptId, i) =>
        Array.from({ length: 12 }, (_, q) => ({
          attemptId,
          questionId: q + 1,
          selected: [1],
          seq: 1,
          savedAt: start + 30_000 * (q + 1) + i * 1000,
        })),
      ),
    );
    const flags = await reviewFlags(db, contest.id);
    expect(flags[ids[0]]).toEqual(["duplicateIdentity", "sameDevice"]);
    expect(flags[ids[2]]).toEqual(["sameDevice", "tooFast"]);
    expect(flags[lockstep[0]]).toEqual(["sameTiming"]);
    expect(flags[lockstep[1]]).toEqual(["sameTiming"]);
    expect(flags[plain.a]).toBeUndefined();
  });
});

describe("the attempt that counts, chosen in SQL", () => {
  it("follows the contest's rule (best, first, last) like countedAttempt, ties included, for people and teams", async () => {
    const now = Date.now();
    const T = now - 10 * HOUR;
    const ward = await createWard(db);
    const unit = await createUnit(db, {
      wardId: ward.id,
      name: "Tổ 1",
      denominator: 10,
      createdAt: now - 72 * HOUR,
    });
    const contest = await createContest(db, {
      opensAt: now - 48 * HOUR,
      closesAt: now - HOUR,
      maxAttempts: 5,
      predictionTarget: "entries",
    });
    const people = [];
    for (const name of ["An", "Bình", "Chi", "Dũng"])
      people.push(await createUser(db, { fullName: name, unitId: unit.id }));
    const [team] = await db
      .insert(teams)
      .values({
        contestId: contest.id,
        unitId: unit.id,
        number: 1,
        name: "Đội 1",
        captainUserId: people[0].id,
      })
      .returning();
    let attemptNo = 0;
    const entry = (
      id: string,
      userId: number,
      score: number | null,
      durationMs: number | null,
      submittedAt: number,
      extra: Partial<typeof attempts.$inferInsert> = {},
    ) => ({
      id,
      contestId: contest.id,
      userId,
      attemptNo: ++attemptNo,
      status: "submitted" as const,
      startedAt: submittedAt - 600_000,
      deadlineAt: submittedAt + 600_000,
      submittedAt,
      submitKind: "manual" as const,
      score,
      maxScore: 20,
      questionCount: 20,
      durationMs,
      ...extra,
    });
    // Ids tied on every rule differ only in case: the locale order countedAttempt uses ("a" before
    // "A") is the reverse of SQLite's binary order.
    const rows = [
      entry("a-first", people[0].id, 18, 400_000, T + 1000),
      entry("A-first", people[0].id, 18, 400_000, T + 1000),
      entry("B-best", people[0].id, 19, 500_000, T + 2000),
      entry("b-best", people[0].id, 19, 500_000, T + 2000),
      entry("z-last", people[0].id, 12, null, T + 5000),
      entry("Z-last", people[0].id, 12, null, T + 5000),
      entry("a-unscored", people[0].id, null, null, T + 9000),
      // Equal scores: a missing duration counts as the longest.
      entry("b-no-duration", people[1].id, 15, null, T + 1000),
      entry("b-timed", people[1].id, 15, 600_000, T + 3000),
      // Only an unscored submission and an open attempt: no entry at all.
      entry("c-unscored", people[2].id, null, null, T + 1000),
      entry("c-open", people[2].id, null, null, T + 2000, { status: "open", submittedAt: null }),
      entry("d-one", people[3].id, 16, 300_000, T + 1000),
      entry("d-two", people[3].id, 17, 300_000, T + 2000),
      entry("t-one", people[0].id, 10, 300_000, T + 1000, { teamId: team.id }),
      entry("t-two", people[0].id, 11, 300_000, T + 2000, { teamId: team.id }),
    ];
    await db.insert(attempts).values(rows);
    // Dũng is disqualified as a person; one of An's entries on its own.
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "user",
      targetId: String(people[3].id),
      reason: "Dùng hai tài khoản",
      actor: committee,
    });
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "attempt",
      targetId: "z-last",
      reason: "Nộp hộ người khác",
      actor: committee,
    });

    const expected = {
      best: { An: "b-best", Bình: "b-timed", Dũng: "d-two", team: "t-two" },
      first: { An: "a-first", Bình: "b-no-duration", Dũng: "d-one", team: "t-one" },
      last: { An: "Z-last", Bình: "b-timed", Dũng: "d-two", team: "t-two" },
    } as const;
    for (const counting of ["best", "first", "last"] as const) {
      await db.update(contests).set({ counting }).where(eq(contests.id, contest.id));
      const results = await computeResults(db, contest.id);
      const chosen = Object.fromEntries(results.individual.map((e) => [e.name, e.attemptId]));
      expect(chosen).toEqual({
        An: expected[counting].An,
        Bình: expected[counting].Bình,
        Dũng: expected[counting].Dũng,
      });
      for (const person of people.filter((p) => p.fullName !== "Chi")) {
        const own = rows.filter((r) => r.userId === person.id && !r.teamId && r.status === "submitted");
        expect(chosen[person.fullName]).toBe(countedAttempt(own, counting)?.id);
      }
      expect(results.teams.map((e) => [e.name, e.attemptId])).toEqual([["Đội 1", expected[counting].team]]);
      expect(results.individual.find((e) => e.name === "Dũng")?.status).toBe("disqualified");
      // Every scored submission, whoever and whatever counts.
      expect(results.actual).toBe(12);
      // An's and Bình's entries except the one disqualified; none of Dũng's; not the team's.
      expect(results.collective.map((u) => [u.name, u.participants, u.entries])).toEqual([["Tổ 1", 2, 7]]);
    }
  });
});

import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { answers, contests, disqualifications } from "#db/schema";
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
import { reviewFlags } from "./review-flags.server";

let db: Db;
let committee: number;
const HOUR = 3_600_000;

beforeEach(async () => {
  ({ db } = await createTestDb());
  committee = (await createUser(db, { role: "committee" })).id;
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
    // Tổ 2: 2 of 10 (20%) beats Tổ 1: 2 of 100 (the organiser counts as a participant there).
    expect(results.collective.map((u) => [u.name, u.rank, u.prize?.label ?? null])).toEqual([
      ["Tổ 2", 1, "Nhất"],
      ["Tổ 1", 2, null],
    ]);
    expect(results.totalAmount).toBe(1_800_000);
    expect(JSON.stringify(await computeResults(db, contest.id))).toBe(JSON.stringify(results));
  });

  it("moves the next person up when an entry is disqualified, and back when undone", async () => {
    const { contest, attempts } = await closedContest();
    await expect(
      disqualify(db, {
        contestId: contest.id,
        targetKind: "attempt",
        targetId: attempts.a,
        reason: "",
        actorUserId: committee,
      }),
    ).rejects.toMatchObject({
      code: "review.reasonRequired",
    });
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "attempt",
      targetId: attempts.a,
      reason: "Dùng hai tài khoản",
      actorUserId: committee,
    });
    let results = await computeResults(db, contest.id);
    expect(results.individual.filter((e) => e.prize).map((e) => e.name)).toEqual(["Bình", "Chi"]);
    const [dq] = await db.select().from(disqualifications);
    await undoDisqualification(db, {
      contestId: contest.id,
      disqualificationId: dq.id,
      reason: "Đã xác minh lại",
      actorUserId: committee,
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
      actorUserId: committee,
    };
    const outcomes = await Promise.allSettled([disqualify(db, input), disqualify(db, input)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const [dq] = await db.select().from(disqualifications);
    const undo = {
      contestId: contest.id,
      disqualificationId: dq.id,
      reason: "Hủy vì nhầm",
      actorUserId: committee,
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
      actorUserId: committee,
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
    const { contest, attempts } = await closedContest({ lockQuorum: 2 });
    const second = (await createUser(db, { role: "committee" })).id;
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
        actorUserId: committee,
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
    await reopen(db, contest.id, "Có khiếu nại cần xem lại", committee);
    expect((await currentResults(db, contest.id)).lockedAt).toBeNull();
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

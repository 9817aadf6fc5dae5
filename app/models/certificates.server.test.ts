import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { attempts, teams } from "#db/schema";
import {
  createContest,
  createFinishedAttempts,
  createPrizes,
  createUnit,
  createUser,
  createWard,
} from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import type { Actor } from "~/utils/permissions.server";
import { certificateSheet, placeOf } from "./certificates.server";
import { announce, approveLock } from "./results.server";

let db: Db;
let committee: Actor;
const HOUR = 3_600_000;

beforeEach(async () => {
  ({ db } = await createTestDb());
  committee = { id: (await createUser(db, { role: "committee" })).id, role: "committee" };
});

/**
 * A closed quiz: six residents in two units and one organiser, scores 20 down
 * to 15; prizes 1 nhất, 1 nhì, 2 khuyến khích (individual) and 1 nhất (collective).
 */
async function closedQuiz() {
  const now = Date.now();
  const ward = await createWard(db);
  const units = [
    await createUnit(db, {
      wardId: ward.id,
      name: "Tổ dân phố 1",
      denominator: 10,
      createdAt: now - 72 * HOUR,
    }),
    await createUnit(db, {
      wardId: ward.id,
      name: "Tổ dân phố 2",
      denominator: 100,
      createdAt: now - 72 * HOUR,
    }),
  ];
  const contest = await createContest(db, {
    title: "Tìm hiểu CCHC 2026",
    wardName: "Phường Hòa Thuận",
    opensAt: now - 48 * HOUR,
    closesAt: now - HOUR,
  });
  await createPrizes(db, contest.id, [
    { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 500_000 },
    { category: "individual", rank: 2, label: "Nhì", count: 1, amount: 300_000 },
    { category: "individual", rank: 4, label: "Khuyến khích", count: 2, amount: 100_000 },
    { category: "collective", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
  ]);
  const people = [];
  for (let i = 0; i < 6; i++)
    people.push(await createUser(db, { fullName: `Người số ${i + 1}`, unitId: units[i % 2].id }));
  const staff = await createUser(db, { role: "organiser", fullName: "Cán bộ", unitId: units[0].id });
  const ids = await createFinishedAttempts(db, [
    ...people.map((p, i) => ({
      contestId: contest.id,
      userId: p.id,
      score: 20 - i,
      submittedAt: now - 2 * HOUR,
    })),
    { contestId: contest.id, userId: staff.id, score: 20, submittedAt: now - 2 * HOUR },
  ]);
  // Receipt codes as the server issues them: one per entry.
  for (const [i, id] of ids.entries())
    await db
      .update(attempts)
      .set({ receipt: `ABCDE-${String(22222 + i).replace(/[01]/g, "3")}` })
      .where(eq(attempts.id, id));
  return { contest, ids };
}

describe("certificates", () => {
  it("are refused until the committee has locked the results", async () => {
    const { contest } = await closedQuiz();
    await expect(certificateSheet(db, contest.id, { participants: false })).rejects.toMatchObject({
      code: "certificates.notYet",
      status: 409,
    });
  });

  it("once locked: one per prize, collective first, then individual from the first prize down, each verifiable", async () => {
    const { contest, ids } = await closedQuiz();
    expect(await approveLock(db, contest.id, committee)).toMatchObject({ locked: true });
    const sheet = await certificateSheet(db, contest.id, { participants: false });
    const receiptOf = async (id: string) =>
      (await db.select({ r: attempts.receipt }).from(attempts).where(eq(attempts.id, id)))[0].r;
    expect(sheet.certificates).toEqual([
      {
        kind: "prize",
        category: "collective",
        prize: "Nhất",
        name: "Tổ dân phố 1",
        unit: null,
        verifyPath: `/contests/${contest.slug}/results`,
      },
      ...[
        ["Nhất", 0],
        ["Nhì", 1],
        ["Khuyến khích", 2],
        ["Khuyến khích", 3],
      ].map(([prize, i]) => ({
        kind: "prize",
        category: "individual",
        prize,
        name: `Người số ${Number(i) + 1}`,
        unit: `Tổ dân phố ${(Number(i) % 2) + 1}`,
        verifyPath: expect.stringMatching(/^\/receipts\/ABCDE-\w{5}$/),
      })),
    ]);
    // The QR code of the first prize points at that person's own entry.
    expect(sheet.certificates[1].verifyPath).toBe(`/receipts/${await receiptOf(ids[0])}`);
    expect(sheet).toMatchObject({ prizeCount: 5, participantCount: 2, place: "Hòa Thuận" });
  });

  it("participation certificates, when asked for, go to every counted entrant without a prize, never to staff", async () => {
    const { contest } = await closedQuiz();
    await approveLock(db, contest.id, committee);
    await announce(db, contest.id, committee);
    const sheet = await certificateSheet(db, contest.id, { participants: true });
    const participation = sheet.certificates.filter((c) => c.kind === "participation");
    expect(participation.map((c) => c.name)).toEqual(["Người số 5", "Người số 6"]);
    expect(participation.every((c) => c.prize === null && c.verifyPath.startsWith("/receipts/"))).toBe(true);
    expect(sheet.certificates).toHaveLength(7);
    expect(sheet.certificates.some((c) => c.name === "Cán bộ")).toBe(false);
  });
});

describe("team certificates", () => {
  it("a quiz's team prize goes to the team, with its unit, verified by the team entry's receipt", async () => {
    const now = Date.now();
    const ward = await createWard(db);
    const unit = await createUnit(db, { wardId: ward.id, name: "Tổ dân phố 7", createdAt: now - 72 * HOUR });
    const contest = await createContest(db, {
      entryModes: "both",
      opensAt: now - 48 * HOUR,
      closesAt: now - HOUR,
    });
    await createPrizes(db, contest.id, [
      { category: "team", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
    ]);
    const teamRows = await db
      .insert(teams)
      .values([
        { contestId: contest.id, number: 1, name: "Đội Tổ 7", nameKey: "đội tổ 7", unitId: unit.id },
        { contestId: contest.id, number: 2, name: "Đội Tổ 8", nameKey: "đội tổ 8", unitId: null },
      ])
      .returning();
    const captains = [await createUser(db, { unitId: unit.id }), await createUser(db)];
    const ids = await createFinishedAttempts(
      db,
      teamRows.map((t, i) => ({
        contestId: contest.id,
        userId: captains[i].id,
        teamId: t.id,
        score: 19 - i,
      })),
    );
    await db.update(attempts).set({ receipt: "TEAMA-22222" }).where(eq(attempts.id, ids[0]));
    await db.update(attempts).set({ receipt: "TEAMB-33333" }).where(eq(attempts.id, ids[1]));
    await approveLock(db, contest.id, committee);
    const sheet = await certificateSheet(db, contest.id, { participants: true });
    expect(sheet.certificates.filter((c) => c.category === "team")).toEqual([
      {
        kind: "prize",
        category: "team",
        prize: "Nhất",
        name: "Đội Tổ 7",
        unit: "Tổ dân phố 7",
        verifyPath: "/receipts/TEAMA-22222",
      },
      {
        kind: "participation",
        category: "team",
        prize: null,
        name: "Đội Tổ 8",
        unit: null,
        verifyPath: "/receipts/TEAMB-33333",
      },
    ]);
  });
});

describe("the place on the date line", () => {
  it("is the ward's name without its kind", () => {
    expect(placeOf("Phường Hòa Thuận")).toBe("Hòa Thuận");
    expect(placeOf("Xã Tân Phú")).toBe("Tân Phú");
    expect(placeOf("Thị trấn Phong Điền")).toBe("Phong Điền");
    expect(placeOf("Hòa Thuận")).toBe("Hòa Thuận");
  });
});

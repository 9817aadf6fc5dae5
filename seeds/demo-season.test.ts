import { and, count, countDistinct, eq, inArray, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { attempts, contestPrizes, contests, users } from "../db/schema";
import { contestStatus, listPublicContests } from "../app/models/contest.server";
import { approveLock, computeResults, currentResults } from "../app/models/results.server";
import { seasonRounds } from "../app/models/results.server";
import type { ContestResults } from "../app/models/result-types.server";
import { vnTime, vnWallClock } from "../app/utils/vietnam-time";
import { createTestDb } from "../tests/setup/test-db";
import { seedDemo } from "./demo";
import { SEASON_SLUG, seasonWindows } from "./demo-season";

const DAY = 86_400_000;
// Thursday 26/11/2026, 12:00 in Hà Nội: round 4 opened on Monday 23/11 at 08:00.
const NOW = vnTime(2026, 11, 26, 12);

let db: Db;
let season: typeof contests.$inferSelect;
let rounds: (typeof contests.$inferSelect)[];
let results: ContestResults[];
let contest2022Id: number;

beforeAll(async () => {
  ({ db } = await createTestDb());
  ({ contest2022Id } = await seedDemo(db, NOW));
  [season] = await db.select().from(contests).where(eq(contests.slug, SEASON_SLUG));
  rounds = await seasonRounds(db, season.id);
  results = [];
  for (const r of rounds.slice(0, 3)) results.push((await currentResults(db, r.id)).results);
  // Seeding the whole demo takes seconds, longer over sqld (npm run test:sqld).
}, 120_000);

const prizeLabels = (r: ContestResults) => r.individual.filter((e) => e.prize).map((e) => e.prize!.label);

describe("the demo season", () => {
  it("is a season of four weekly rounds, Monday 08:00 to Monday 08:00, the last one open now", async () => {
    expect(season).toMatchObject({
      kind: "season",
      title: "Tìm hiểu chuyển đổi số theo tuần năm 2026",
      state: "published",
      seasonAggregate: "sum",
      seasonPrizeRule: "highest",
      seasonRequiredRounds: [],
      collectiveRule: "participation_rate",
    });
    expect(contestStatus(season, NOW)).toBe("open");
    expect(rounds.map((r) => [r.roundNo, r.slug, r.state, contestStatus(r, NOW)])).toEqual([
      [1, "cds-theo-tuan-2026-dot-1", "announced", "announced"],
      [2, "cds-theo-tuan-2026-dot-2", "announced", "announced"],
      [3, "cds-theo-tuan-2026-dot-3", "announced", "announced"],
      [4, "cds-theo-tuan-2026-dot-4", "published", "open"],
    ]);
    expect(rounds[0].title).toBe("Tìm hiểu chuyển đổi số theo tuần năm 2026 – Đợt 1");
    expect(new Date(rounds[0].opensAt).toISOString()).toBe("2026-11-02T01:00:00.000Z");
    for (const [i, r] of rounds.entries()) {
      const opens = vnWallClock(r.opensAt);
      expect([opens.getUTCDay(), opens.getUTCHours(), opens.getUTCMinutes()]).toEqual([1, 8, 0]);
      expect(r.closesAt - r.opensAt).toBe(7 * DAY);
      if (i > 0) expect(r.opensAt).toBe(rounds[i - 1].closesAt);
      expect(r).toMatchObject({
        timeLimitSec: 600,
        maxAttempts: 1,
        attemptPeriod: "day",
        counting: "best",
        predictionTarget: "entries",
        draw: {
          mode: "category",
          rules: [
            { category: "CDS", count: 5 },
            { category: "CCHC", count: 5 },
          ],
        },
      });
    }
    expect(rounds[3].opensAt).toBeLessThanOrEqual(NOW);
    expect(rounds[3].closesAt).toBeGreaterThan(NOW);
    // The season spans its rounds.
    expect([season.opensAt, season.closesAt]).toEqual([rounds[0].opensAt, rounds[3].closesAt]);
  });

  it("has the round prizes and the season prizes of the thể lệ", async () => {
    const prizesOf = async (contestId: number) =>
      (await db.select().from(contestPrizes).where(eq(contestPrizes.contestId, contestId)))
        .map((p) => [p.category, p.rank, p.label, p.count, p.amount])
        .sort();
    const roundPrizes = [
      ["individual", 1, "Nhất", 1, 300_000],
      ["individual", 2, "Nhì", 1, 200_000],
      ["individual", 3, "Ba", 1, 150_000],
      ["individual", 4, "Khuyến khích", 3, 100_000],
    ].sort();
    for (const r of rounds) expect(await prizesOf(r.id)).toEqual(roundPrizes);
    expect(await prizesOf(season.id)).toEqual(
      [
        ["individual", 1, "Nhất", 1, 1_000_000],
        ["individual", 2, "Nhì", 1, 700_000],
        ["individual", 3, "Ba", 1, 500_000],
        ["collective", 1, "Nhất", 1, 2_000_000],
        ["collective", 2, "Nhì", 1, 1_500_000],
        ["collective", 3, "Ba", 1, 1_000_000],
      ].sort(),
    );
  });

  it("announced rounds 1–3 with plausible entries and their six winners each", async () => {
    for (const [i, r] of results.entries()) {
      const round = rounds[i];
      const { announcedAt } = await currentResults(db, round.id);
      expect(announcedAt).toBeGreaterThan(round.closesAt);
      expect(announcedAt).toBeLessThanOrEqual(NOW);
      expect(r.actual).toBeGreaterThanOrEqual(50);
      expect(r.actual).toBeLessThanOrEqual(90);
      expect(round.predictionActual).toBe(r.actual);
      expect(prizeLabels(r)).toEqual(["Nhất", "Nhì", "Ba", "Khuyến khích", "Khuyến khích", "Khuyến khích"]);
      expect(r.totalAmount).toBe(950_000);
      const units = new Set(r.individual.map((e) => e.unitId));
      expect(units.size).toBeGreaterThanOrEqual(10);
      expect(units.size).toBeLessThan(25);

      const rows = await db.select().from(attempts).where(eq(attempts.contestId, round.id));
      expect(rows).toHaveLength(r.actual!);
      for (const a of rows) {
        expect(a.status).toBe("submitted");
        expect(a.startedAt).toBeGreaterThanOrEqual(round.opensAt);
        expect(a.submittedAt).toBeLessThanOrEqual(Math.min(round.closesAt, a.deadlineAt));
        expect(a.durationMs).toBeGreaterThanOrEqual(2 * 60_000);
        expect(a.durationMs).toBeLessThanOrEqual(10 * 60_000);
        expect(a.score).toBeLessThanOrEqual(10);
        expect(a.maxScore).toBe(10);
        expect(Math.abs(a.prediction! - r.actual!)).toBeLessThan(r.actual!);
      }
      // One attempt a (Hà Nội) day per person.
      const days = rows.map((a) => `${a.userId}:${Math.floor((a.startedAt + 7 * 3_600_000) / DAY)}`);
      expect(new Set(days).size).toBe(rows.length);
      expect(rows.some((a) => a.attemptNo > 1)).toBe(true);
    }
  });

  it("shows the one-prize rule: people passed over for a prize held, and lower prizes superseded", async () => {
    const passedOver = results.flatMap((r, i) =>
      r.individual.filter((e) => e.status === "prized_earlier").map((e) => [i + 1, e.key]),
    );
    expect(passedOver.length).toBeGreaterThanOrEqual(2);
    // Each was a winner in an earlier round.
    for (const [roundNo, key] of passedOver) {
      const earlier = results.slice(0, (roundNo as number) - 1);
      expect(earlier.some((r) => r.individual.some((e) => e.key === key && e.prize))).toBe(true);
    }
    const seasonResults = await computeResults(db, season.id);
    const superseded = seasonResults.season!.roundPrizes.filter((p) => p.supersededBy !== null);
    expect(superseded.length).toBeGreaterThanOrEqual(2);
    // The season ranks everyone who entered a round, and units over the season: 15–20 of the 25.
    expect(seasonResults.individual[0].prize?.label).toBe("Nhất");
    const units = seasonResults.collective.filter((u) => u.participants > 0);
    expect(units.length).toBeGreaterThanOrEqual(15);
    expect(units.length).toBeLessThanOrEqual(20);
    expect(seasonResults.collective.filter((u) => u.prize).map((u) => u.prize!.label)).toEqual([
      "Nhất",
      "Nhì",
      "Ba",
    ]);
  });

  it("leaves the season open to the committee: it cannot lock before round 4", async () => {
    const chair = await db.select().from(users).where(eq(users.phone, "0900000003"));
    await expect(
      approveLock(db, season.id, { id: chair[0].id, role: "committee" }, NOW),
    ).rejects.toMatchObject({
      code: "season.roundsNotLocked",
    });
  });

  it("gives round 4 a few entries so far, none from the demo resident, and no one an unfinished attempt", async () => {
    const open = await db.select().from(attempts).where(eq(attempts.contestId, rounds[3].id));
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThanOrEqual(10);
    for (const a of open) {
      expect(a.status).toBe("submitted");
      expect(a.submittedAt).toBeLessThan(NOW);
    }
    const [lan] = await db.select().from(users).where(eq(users.phone, "0900000005"));
    const [{ n }] = await db
      .select({ n: count() })
      .from(attempts)
      .where(and(eq(attempts.userId, lan.id), inArray(attempts.contestId, [...rounds.map((r) => r.id)])));
    expect(n).toBe(0);
  });

  it("keeps the rest of the demo as it was", async () => {
    const [entries] = await db
      .select({ entries: count(), units: countDistinct(users.unitId) })
      .from(attempts)
      .innerJoin(users, eq(users.id, attempts.userId))
      .where(and(eq(attempts.contestId, contest2022Id), isNotNull(attempts.score)));
    expect(entries).toEqual({ entries: 241, units: 20 });
    const statuses = (await listPublicContests(db, NOW)).map((c) => [c.slug, c.status]);
    expect(statuses).toContainEqual(["cchc-2022", "announced"]);
    expect(statuses).toContainEqual(["cchc-cds-2026", "open"]);
    expect(statuses).toContainEqual(["tuan-1-dinh-danh-dien-tu", "published"]);
  });
});

describe("the season's weeks", () => {
  it("end with the week containing now, from its Monday 08:00 (the week before, early on a Monday)", () => {
    const iso = (now: number) => seasonWindows(now).map((w) => new Date(w.opensAt).toISOString());
    expect(iso(vnTime(2026, 11, 30, 13))).toEqual([
      "2026-11-09T01:00:00.000Z",
      "2026-11-16T01:00:00.000Z",
      "2026-11-23T01:00:00.000Z",
      "2026-11-30T01:00:00.000Z",
    ]);
    expect(iso(vnTime(2026, 12, 6, 23, 59))).toEqual(iso(vnTime(2026, 11, 30, 8)));
    expect(iso(vnTime(2026, 11, 30, 7, 59))).toEqual(iso(vnTime(2026, 11, 23, 8)));
  });
});

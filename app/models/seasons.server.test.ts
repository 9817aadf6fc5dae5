import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { contests } from "#db/schema";
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
import { translate } from "~/utils/i18n";
import { announce, approveLock, computeResults, reopen } from "./results.server";
import { addRound, createSeason, getSeasonBySlug, updateSeason, type SeasonSettings } from "./seasons.server";
import { seasonStats } from "./season-stats.server";

let db: Db;
let committee: Actor;
let organiser: Actor;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeEach(async () => {
  ({ db } = await createTestDb());
  committee = { id: (await createUser(db, { role: "committee" })).id, role: "committee" };
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
});

const SETTINGS: SeasonSettings = {
  title: "Tìm hiểu chuyển đổi số 2026",
  slug: "mua-cds-2026",
  description: "",
  rules: "",
  aggregate: "sum",
  prizeRule: "highest",
  requiredRounds: [],
  collectiveRule: "participation_rate",
};

const ROUND_PRIZES = [
  { category: "individual" as const, rank: 1, label: "Nhất", count: 1, amount: 500_000 },
  { category: "individual" as const, rank: 2, label: "Nhì", count: 1, amount: 300_000 },
];

/**
 * Two closed weekly rounds, four residents in two units (Tổ 1 of 10 people,
 * Tổ 2 of 4), each round's prizes Nhất 500,000 and Nhì 300,000.
 *
 *   round 1 (actual 4 entries): An 18, Bình 15 (predicts 4), Chi 15 (predicts 10), Dũng 10
 *   round 2 (actual 4 entries): Bình 20, An 19, Chi 17, Dũng 16
 */
async function twoRoundSeason(settings: Partial<SeasonSettings> = {}) {
  const now = Date.now();
  const ward = await createWard(db);
  const t1 = await createUnit(db, {
    wardId: ward.id,
    name: "Tổ 1",
    denominator: 10,
    createdAt: now - 30 * DAY,
  });
  const t2 = await createUnit(db, {
    wardId: ward.id,
    name: "Tổ 2",
    denominator: 4,
    createdAt: now - 30 * DAY,
  });
  const round1 = await createContest(db, {
    opensAt: now - 15 * DAY,
    closesAt: now - 8 * DAY,
    predictionTarget: "entries",
    predictionPrompt: "Bao nhiêu bài?",
  });
  await createPrizes(db, round1.id, ROUND_PRIZES);
  const created = await createSeason(
    db,
    {
      settings: { ...SETTINGS, ...settings },
      prizes: [
        { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
        { category: "collective", rank: 1, label: "Nhất", count: 1, amount: 2_000_000 },
      ],
      firstRoundId: round1.id,
    },
    organiser,
    now,
  );
  if (!("id" in created)) throw new Error(JSON.stringify(created));
  const added = await addRound(
    db,
    created.id,
    { opensAt: now - 8 * DAY, closesAt: now - DAY },
    organiser,
    now,
  );
  if (!("id" in added)) throw new Error(JSON.stringify(added));
  await db.update(contests).set({ state: "published" }).where(eq(contests.id, added.id));
  const people = [];
  for (const [name, unit] of [
    ["An", t1],
    ["Bình", t1],
    ["Chi", t2],
    ["Dũng", t2],
  ] as const)
    people.push(await createUser(db, { fullName: name, unitId: unit.id }));
  const [a, b, c, d] = people.map((p) => p.id);
  await createFinishedAttempts(db, [
    { contestId: round1.id, userId: a, score: 18, submittedAt: now - 10 * DAY },
    { contestId: round1.id, userId: b, score: 15, prediction: 4, submittedAt: now - 10 * DAY },
    { contestId: round1.id, userId: c, score: 15, prediction: 10, submittedAt: now - 10 * DAY },
    { contestId: round1.id, userId: d, score: 10, submittedAt: now - 10 * DAY },
    { contestId: added.id, userId: b, score: 20, prediction: 4, submittedAt: now - 3 * DAY },
    { contestId: added.id, userId: a, score: 19, prediction: 4, submittedAt: now - 3 * DAY },
    { contestId: added.id, userId: c, score: 17, prediction: 4, submittedAt: now - 3 * DAY },
    { contestId: added.id, userId: d, score: 16, prediction: 4, submittedAt: now - 3 * DAY },
  ]);
  return { seasonId: created.id, round1: round1.id, round2: added.id, now };
}

const winners = (r: Awaited<ReturnType<typeof computeResults>>) =>
  r.individual.map((e) => [e.name, e.status, e.prize?.label ?? null]);

async function lockAndAnnounce(contestId: number) {
  expect((await approveLock(db, contestId, committee)).locked).toBe(true);
  await announce(db, contestId, committee);
}

describe("a season's rules across rounds", () => {
  it("gives one prize per person, the highest: a higher prize in round 2 supersedes round 1's, an equal one passes to the next", async () => {
    const { seasonId, round1, round2 } = await twoRoundSeason({ prizeRule: "highest" });
    expect(winners(await computeResults(db, round1))).toEqual([
      ["An", "ranked", "Nhất"],
      ["Bình", "ranked", "Nhì"], // level with Chi on 15, nearer the actual 4 entries
      ["Chi", "ranked", null],
      ["Dũng", "ranked", null],
    ]);
    await lockAndAnnounce(round1);
    // Bình (held Nhì) takes Nhất, which is higher; An (held Nhất) would get Nhì: passed over, Chi moves up.
    const r2 = await computeResults(db, round2);
    expect(winners(r2)).toEqual([
      ["Bình", "ranked", "Nhất"],
      ["An", "prized_earlier", null],
      ["Chi", "ranked", "Nhì"],
      ["Dũng", "ranked", null],
    ]);
    await lockAndAnnounce(round2);

    const season = await computeResults(db, seasonId);
    expect(season.season!.roundPrizes.map((p) => [p.roundNo, p.name, p.prize.label, p.supersededBy])).toEqual(
      [
        [1, "An", "Nhất", null],
        [1, "Bình", "Nhì", 2],
        [2, "Bình", "Nhất", null],
        [2, "Chi", "Nhì", null],
      ],
    );
    // Received: An 500,000 + Bình 500,000 + Chi 300,000.
    expect(season.season!.roundPrizesAmount).toBe(1_300_000);
    // Sums: An 18 + 19 = 37, Bình 15 + 20 = 35, Chi 15 + 17 = 32, Dũng 10 + 16 = 26.
    expect(season.individual.map((e) => [e.name, e.score, e.rank, e.prize?.label ?? null])).toEqual([
      ["An", 37, 1, "Nhất"],
      ["Bình", 35, 2, null],
      ["Chi", 32, 3, null],
      ["Dũng", 26, 4, null],
    ]);
    expect(season.individual[0].parts).toEqual([
      { name: "Đợt 1", score: 18 },
      { name: "Đợt 2", score: 19 },
    ]);
    // Tổ 2: 2 distinct people of 4 (50 %) beats Tổ 1: 2 of 10 (20 %); entries 4 each over the season.
    expect(
      season.collective.map((u) => [
        u.name,
        u.participants,
        u.entries,
        u.participationRate,
        u.prize?.label ?? null,
      ]),
    ).toEqual([
      ["Tổ 2", 2, 4, 0.5, "Nhất"],
      ["Tổ 1", 2, 4, 0.2, null],
    ]);
    expect(season.totalAmount).toBe(3_000_000);
  });

  it("gives one prize per person, the first: whoever won in round 1 is passed over in round 2", async () => {
    const { round1, round2, seasonId } = await twoRoundSeason({ prizeRule: "first" });
    await lockAndAnnounce(round1);
    expect(winners(await computeResults(db, round2))).toEqual([
      ["Bình", "prized_earlier", null],
      ["An", "prized_earlier", null],
      ["Chi", "ranked", "Nhất"],
      ["Dũng", "ranked", "Nhì"],
    ]);
    await lockAndAnnounce(round2);
    const season = await computeResults(db, seasonId);
    expect(season.season!.roundPrizes.every((p) => p.supersededBy === null)).toBe(true);
    expect(season.season!.roundPrizesAmount).toBe(1_600_000);
  });

  it("ranks the season by the best round or the average when chosen, and skips people short of a required round", async () => {
    const { round1, round2, seasonId } = await twoRoundSeason({ aggregate: "best" });
    await lockAndAnnounce(round1);
    await lockAndAnnounce(round2);
    expect((await computeResults(db, seasonId)).individual.map((e) => [e.name, e.score])).toEqual([
      ["Bình", 20],
      ["An", 19],
      ["Chi", 17],
      ["Dũng", 16],
    ]);
    const settings = { ...SETTINGS, aggregate: "average" as const };
    expect(
      await updateSeason(
        db,
        seasonId,
        { settings, prizes: [], reason: "Đổi cách tính theo ý kiến" },
        organiser,
      ),
    ).toEqual({});
    expect((await computeResults(db, seasonId)).individual.map((e) => [e.name, e.score])).toEqual([
      ["An", 18.5],
      ["Bình", 17.5],
      ["Chi", 16],
      ["Dũng", 13],
    ]);
  });

  it("breaks a season tie by the rounds' total prediction distance, then the total time", async () => {
    const { round1, round2, seasonId } = await twoRoundSeason({ aggregate: "sum" });
    // Make Chi level with Bình on 35 (15 + 20): Bình missed round 1's 4 entries by 0, Chi by 6.
    await db.run(sql`UPDATE attempts SET score = 20 WHERE contest_id = ${round2} AND score = 17`);
    await lockAndAnnounce(round1);
    await lockAndAnnounce(round2);
    const season = await computeResults(db, seasonId);
    const rows = season.individual.map((e) => [e.name, e.score, e.prediction, e.separatedBy]);
    expect(rows.slice(0, 3)).toEqual([
      ["An", 37, null, null], // no prediction in round 1: counts as missing by everything
      ["Bình", 35, 0, "score"],
      ["Chi", 35, 6, "prediction"],
    ]);
  });

  it("locks round by round, the season last, and reopens from the season back", async () => {
    const { round1, round2, seasonId } = await twoRoundSeason();
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "accepted",
        (e: { code: Parameters<typeof translate>[1] }) => e.code,
      );
    expect(await refusal(approveLock(db, round2, committee))).toBe("season.earlierRoundOpen");
    expect(await refusal(approveLock(db, seasonId, committee))).toBe("season.roundsNotLocked");
    await lockAndAnnounce(round1);
    await lockAndAnnounce(round2);
    expect(await refusal(reopen(db, round1, "Sai sót nhập liệu", committee))).toBe("season.laterRoundLocked");
    await lockAndAnnounce(seasonId);
    expect(await refusal(reopen(db, round2, "Sai sót nhập liệu", committee))).toBe("season.seasonLocked");
    const overview = await getSeasonBySlug(db, "mua-cds-2026", Date.now());
    expect(overview.rounds.map((r) => [r.roundNo, r.status])).toEqual([
      [1, "announced"],
      [2, "announced"],
    ]);
  });

  it("counts participation per unit per round and distinct people over the season", async () => {
    const { seasonId } = await twoRoundSeason();
    const stats = await seasonStats(db, "mua-cds-2026", Date.now());
    expect(stats.totals).toEqual({
      units: 2,
      unitsWithParticipants: 2,
      participants: 4,
      entries: 8,
      rounds: 2,
    });
    expect(
      stats.units.map((u) => [
        u.name,
        u.participants,
        u.entries,
        u.participationRate,
        u.rounds.map((r) => r.participants),
      ]),
    ).toEqual([
      ["Tổ 1", 2, 4, 0.2, [2, 2]],
      ["Tổ 2", 2, 4, 0.5, [2, 2]],
    ]);
    expect(stats.season.id).toBe(seasonId);
  });

  it("generates the season's thể lệ from its rounds and rules, and keeps a hand-edited one", async () => {
    const { seasonId } = await twoRoundSeason({ requiredRounds: [] });
    const rules = (await getSeasonBySlug(db, "mua-cds-2026", Date.now())).season.rules;
    expect(rules).toContain("gồm 2 đợt thi trực tuyến");
    expect(rules).toMatch(/Đợt 2: từ .+ đến /);
    expect(rules).toContain("chỉ nhận giải cao nhất");
    expect(rules).toContain("Cá nhân: 1 giải Nhất");
    const edited = "THỂ LỆ do ban tổ chức tự soạn";
    await updateSeason(
      db,
      seasonId,
      { settings: { ...SETTINGS, rules: edited }, prizes: [], reason: "Soạn lại thể lệ" },
      organiser,
    );
    await addRound(db, seasonId, { opensAt: Date.now() + DAY, closesAt: Date.now() + 8 * DAY }, organiser);
    expect((await getSeasonBySlug(db, "mua-cds-2026", Date.now())).season.rules).toBe(edited);
  });

  it("is built by organisers only, from a quiz that is in no season yet", async () => {
    const { round1 } = await twoRoundSeason();
    const resident: Actor = { id: (await createUser(db)).id, role: "resident" };
    await expect(
      createSeason(
        db,
        { settings: { ...SETTINGS, slug: "mua-khac" }, prizes: [], firstRoundId: round1 },
        resident,
      ),
    ).rejects.toThrow();
    const again = await createSeason(
      db,
      { settings: { ...SETTINGS, slug: "mua-khac" }, prizes: [], firstRoundId: round1 },
      organiser,
    );
    expect("problems" in again && translate("vi", again.problems.firstRound!)).toMatch(
      /chưa thuộc mùa thi nào/,
    );
  });
});

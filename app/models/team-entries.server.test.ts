import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { attempts, contests, teamMembers, teams } from "#db/schema";
import {
  createContest,
  createFinishedAttempts,
  createPrizes,
  createQuestion,
  createUnit,
  createUser,
  createWard,
} from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { getAttemptResult, listMyAttempts } from "./attempt-view.server";
import { saveAnswer, startAttempt, submitAttempt } from "./attempt.server";
import { computeResults, publicWinners } from "./results.server";
import { memberKey, teamNameKey } from "./teams.server";
import { teamEntryView, teamToEnter } from "./team-entries.server";

let db: Db;
let unitId: number;
let captain: { id: number; fullName: string };
let member: { id: number; fullName: string };
let outsider: { id: number; fullName: string };
const HOUR = 3_600_000;

beforeEach(async () => {
  ({ db } = await createTestDb());
  const ward = await createWard(db);
  unitId = (await createUnit(db, { wardId: ward.id, name: "Tổ dân phố 1" })).id;
  captain = await createUser(db, { unitId, fullName: "Bùi Văn Đoàn" });
  member = await createUser(db, { unitId, fullName: "Lê Thị Hoa" });
  outsider = await createUser(db, { unitId, fullName: "Ngô Văn Khách" });
  for (let i = 0; i < 5; i++) await createQuestion(db, { category: "CCHC" });
});

async function teamContest(values: Parameters<typeof createContest>[1] = {}) {
  const contest = await createContest(db, {
    entryModes: "both",
    draw: { mode: "category", rules: [{ category: "CCHC", count: 5 }] },
    maxAttempts: 1,
    ...values,
  });
  const team = await addTeam(contest.id, "Đội Tổ dân phố 1", captain, [member]);
  return { contest, team };
}

async function addTeam(
  contestId: number,
  name: string,
  lead: { id: number; fullName: string },
  others: { id: number; fullName: string }[] = [],
) {
  const [{ n }] = await db
    .select({ n: teams.id })
    .from(teams)
    .where(eq(teams.contestId, contestId))
    .then((rows) => [{ n: rows.length }]);
  const [team] = await db
    .insert(teams)
    .values({ contestId, unitId, number: n + 1, name, nameKey: teamNameKey(name), captainUserId: lead.id })
    .returning();
  await db.insert(teamMembers).values(
    [lead, ...others].map((u) => ({
      teamId: team.id,
      userId: u.id,
      displayName: u.fullName,
      nameKey: memberKey(u.id, u.fullName),
    })),
  );
  return team;
}

/** The captain enters for the team, answers every question right and submits. */
async function enterForTeam(contest: typeof contests.$inferSelect, now = Date.now()) {
  const team = await teamToEnter(db, contest, captain.id);
  const { id } = await startAttempt(db, { contest, userId: captain.id, teamId: team.id, now });
  const questions = await db.query.attemptQuestions.findMany({ where: (t, { eq }) => eq(t.attemptId, id) });
  for (const q of questions)
    await saveAnswer(db, {
      attemptId: id,
      userId: captain.id,
      questionId: q.questionId,
      optionIds: q.correct,
      base: 0,
      now: now + 1000,
    });
  await submitAttempt(db, { attemptId: id, userId: captain.id, now: now + 60_000 });
  return id;
}

describe("team entries", () => {
  it("the captain's team entry is recorded as the team's and ranked in the team table, not the individual one", async () => {
    const { contest, team } = await teamContest();
    const id = await enterForTeam(contest);
    const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
    expect(row.teamId).toBe(team.id);
    expect(row.score).toBe(5);

    const results = await computeResults(db, contest.id);
    expect(results.teams.map((e) => [e.name, e.unitName, e.score, e.rank])).toEqual([
      ["Đội Tổ dân phố 1", "Tổ dân phố 1", 5, 1],
    ]);
    expect(results.individual.map((e) => e.name)).not.toContain(captain.fullName);
  });

  it("only the captain enters for the team; a member is told who the captain is, an outsider that they have no team", async () => {
    const { contest } = await teamContest();
    await expect(teamToEnter(db, contest, member.id)).rejects.toMatchObject({
      code: "teamEntry.notCaptain",
      status: 403,
      vars: { team: "Đội Tổ dân phố 1", captain: "Bùi Văn Đoàn" },
    });
    await expect(teamToEnter(db, contest, outsider.id)).rejects.toMatchObject({ code: "teamEntry.noTeam" });
    // Forged: a member naming the team directly.
    const team = await teamToEnter(db, contest, captain.id);
    await expect(
      startAttempt(db, { contest, userId: member.id, teamId: team.id, now: Date.now() }),
    ).rejects.toMatchObject({ code: "teamEntry.notCaptain" });
    expect(await db.select().from(attempts)).toHaveLength(0);
  });

  it("a captain recorded on the team without a member row still enters for it", async () => {
    const { contest, team } = await teamContest();
    await db.delete(teamMembers).where(eq(teamMembers.userId, captain.id));
    expect(await teamToEnter(db, contest, captain.id)).toMatchObject({ id: team.id, isCaptain: true });
    expect(await teamEntryView(db, contest, member.id, Date.now())).toMatchObject({ isCaptain: false });
  });

  it("a contest for individuals refuses team entries, and a team-only contest refuses individual ones", async () => {
    const { contest: individualOnly } = await teamContest({ entryModes: "individual", slug: "chi-ca-nhan" });
    await expect(teamToEnter(db, individualOnly, captain.id)).rejects.toMatchObject({
      code: "teamEntry.notTaken",
    });
    const { contest: teamOnly } = await teamContest({ entryModes: "team", slug: "chi-theo-doi" });
    await expect(
      startAttempt(db, { contest: teamOnly, userId: member.id, now: Date.now() }),
    ).rejects.toMatchObject({ code: "teamEntry.teamOnly", status: 409 });
    await enterForTeam(teamOnly);
  });

  it("the team's allowance is its own: the captain's individual entry does not use it, nor the other way round", async () => {
    const { contest } = await teamContest({ maxAttempts: 1 });
    const now = Date.now();
    const own = await startAttempt(db, { contest, userId: captain.id, now });
    await submitAttempt(db, { attemptId: own.id, userId: captain.id, now: now + 1000 });
    await enterForTeam(contest, now + 2000);
    const team = await teamToEnter(db, contest, captain.id);
    await expect(
      startAttempt(db, { contest, userId: captain.id, teamId: team.id, now: now + 70_000 }),
    ).rejects.toMatchObject({ code: "start.noAttemptsLeft" });
    await expect(startAttempt(db, { contest, userId: captain.id, now: now + 70_000 })).rejects.toMatchObject({
      code: "start.noAttemptsLeft",
    });
  });

  it("members see the team's entries on the contest page and in their own list, with the counted one marked", async () => {
    const { contest } = await teamContest({ maxAttempts: 2 });
    const now = Date.now();
    const first = await enterForTeam(contest, now);
    const view = await teamEntryView(db, contest, member.id, now + 120_000);
    expect(view).toMatchObject({ name: "Đội Tổ dân phố 1", isCaptain: false, captainName: "Bùi Văn Đoàn" });
    expect(view!.entries).toMatchObject([{ id: first, score: 5, counts: true, byName: "Bùi Văn Đoàn" }]);
    expect(view!.attemptsLeft).toBe(1);
    expect(await teamEntryView(db, contest, outsider.id, now)).toBeNull();

    const mine = await listMyAttempts(db, member.id);
    expect(mine).toMatchObject([{ id: first, teamName: "Đội Tổ dân phố 1", own: false, counts: true }]);
    // The captain sees it as their own, apart from their individual entries.
    const own = await startAttempt(db, { contest, userId: captain.id, now: now + 130_000 });
    await submitAttempt(db, { attemptId: own.id, userId: captain.id, now: now + 131_000 });
    const captains = await listMyAttempts(db, captain.id);
    expect(captains.map((e) => [e.teamName, e.own, e.counts])).toEqual([
      [null, true, true],
      ["Đội Tổ dân phố 1", true, true],
    ]);
  });

  it("answers shown right after submitting stay hidden while the captain may still enter for the team", async () => {
    const { contest } = await teamContest({ maxAttempts: 1, reviewPolicy: "after_submit" });
    const now = Date.now();
    const own = await startAttempt(db, { contest, userId: captain.id, now });
    await submitAttempt(db, { attemptId: own.id, userId: captain.id, now: now + 1000 });
    expect(await getAttemptResult(db, own.id, captain.id, now + 2000)).toMatchObject({ showReview: false });
    const team = await enterForTeam(contest, now + 3000);
    expect(await getAttemptResult(db, team, captain.id, now + 70_000)).toMatchObject({ showReview: true });
  });

  it("teams are ranked by the individual rules (score, then duration) and win the team prizes", async () => {
    const now = Date.now();
    const contest = await createContest(db, {
      entryModes: "both",
      opensAt: now - 48 * HOUR,
      closesAt: now - HOUR,
    });
    await createPrizes(db, contest.id, [
      { category: "team", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
      { category: "team", rank: 2, label: "Nhì", count: 1, amount: 700_000 },
    ]);
    const slow = await addTeam(contest.id, "Đội Chậm", captain);
    const fast = await addTeam(contest.id, "Đội Nhanh", member);
    const low = await addTeam(contest.id, "Đội Thấp", outsider);
    await createFinishedAttempts(db, [
      { contestId: contest.id, userId: captain.id, teamId: slow.id, score: 18, durationMs: 500_000 },
      { contestId: contest.id, userId: member.id, teamId: fast.id, score: 18, durationMs: 300_000 },
      { contestId: contest.id, userId: outsider.id, teamId: low.id, score: 12, durationMs: 100_000 },
    ]);
    const results = await computeResults(db, contest.id);
    expect(results.teams.map((e) => [e.name, e.rank, e.prize?.label ?? null, e.separatedBy])).toEqual([
      ["Đội Nhanh", 1, "Nhất", null],
      ["Đội Chậm", 2, "Nhì", "duration"],
      ["Đội Thấp", 3, null, "score"],
    ]);
    expect(results.totalAmount).toBe(1_700_000);
    expect(publicWinners(results).teams).toEqual([
      expect.objectContaining({
        rank: 1,
        prize: "Nhất",
        name: "Đội Nhanh",
        unit: "Tổ dân phố 1",
        score: 18,
        durationMs: 300_000,
      }),
      expect.objectContaining({ rank: 2, prize: "Nhì", name: "Đội Chậm", score: 18, durationMs: 500_000 }),
    ]);
  });
});

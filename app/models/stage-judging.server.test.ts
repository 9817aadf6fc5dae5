import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, contestPrizes, stageParts, stageScores, teamMembers, teams } from "#db/schema";
import { createContest, createPrizes, createUnit, createUser, createWard } from "../../tests/factories";
import type { Actor } from "~/utils/permissions.server";
import { createTestDb } from "../../tests/setup/test-db";
import { announce, approveLock, computeResults, publicWinners, currentResults } from "./results.server";
import {
  decideTie,
  saveJudgeScore,
  saveKnowledgeMarks,
  saveOvertime,
  setPartClosed,
} from "./stage-judging.server";
import { savePart, type PartInput } from "./stage-parts.server";
import { drawPerformanceOrder, loadStageContest, setJudges, updateStageSettings } from "./stage.server";
import { listAmendments } from "./contest-amendments.server";
import { createTeam } from "./teams.server";

let db: Db;
let organiser: Actor;
let committee: Actor;

const part = (values: Partial<PartInput>): PartInput => ({
  name: "Chào hỏi",
  maxScore: 20,
  scoring: "judges",
  timeLimitSec: null,
  overtimePenaltyPerMin: null,
  isTieBreak: false,
  knowledgeQuestions: null,
  knowledgePoints: null,
  knowledgeMode: "all",
  criteria: [],
  ...values,
});

/** A published stage contest: greeting (2 criteria), knowledge (buzzer, 3 × 10), skit; 3 teams, 3 judges. */
async function stageContest() {
  const ward = await createWard(db);
  const [u1, u2, u3] = await Promise.all(
    ["UBND", "Trường THCS", "Tổ dân phố 1"].map((name) => createUnit(db, { wardId: ward.id, name })),
  );
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
  // Made before the contest, so the contest's committee roster has them.
  committee = { id: (await createUser(db, { role: "committee" })).id, role: "committee" };
  const contest = await createContest(db, { kind: "stage", stageAggregation: "mean", entryModes: "team" });
  expect(
    await savePart(
      db,
      contest.id,
      null,
      part({
        timeLimitSec: 420,
        overtimePenaltyPerMin: 1,
        criteria: [
          { name: "Nội dung", maxScore: 10 },
          { name: "Hình thức", maxScore: 10 },
        ],
      }),
      organiser,
    ),
  ).toEqual({});
  await savePart(
    db,
    contest.id,
    null,
    part({
      name: "Kiến thức",
      maxScore: 30,
      scoring: "knowledge",
      knowledgeQuestions: 3,
      knowledgePoints: 10,
      knowledgeMode: "buzzer",
    }),
    organiser,
  );
  await savePart(
    db,
    contest.id,
    null,
    part({ name: "Tiểu phẩm", maxScore: 50, isTieBreak: true }),
    organiser,
  );
  for (const unit of [u1, u2, u3]) await createTeam(db, contest.id, { unitId: unit.id, name: "" }, organiser);
  const judges = [
    await createUser(db, { role: "judge", unitId: u1.id }),
    await createUser(db, { role: "judge", unitId: null }),
    await createUser(db, { role: "judge", unitId: null }),
  ];
  await setJudges(
    db,
    contest.id,
    judges.map((j) => j.id),
    organiser,
  );
  const parts = await db
    .select()
    .from(stageParts)
    .where(eq(stageParts.contestId, contest.id))
    .orderBy(stageParts.position);
  const teamRows = await db.select().from(teams).where(eq(teams.contestId, contest.id)).orderBy(teams.number);
  const criteria = await db.query.stageCriteria.findMany();
  return { contest, parts, teams: teamRows, judges: judges.map((j) => j.id), criteria };
}

const score = (
  s: Awaited<ReturnType<typeof stageContest>>,
  judge: number,
  partIndex: number,
  teamIndex: number,
  values: Record<string, number>,
) =>
  saveJudgeScore(db, {
    contestId: s.contest.id,
    partId: s.parts[partIndex].id,
    teamId: s.teams[teamIndex].id,
    judge: { id: judge, role: "judge" },
    values,
    comment: "",
  });

beforeEach(async () => {
  ({ db } = await createTestDb());
});

describe("a judge saving scores", () => {
  it("refuses scores above the maximum, below zero, off the 0.1 grid or with a criterion missing", async () => {
    const s = await stageContest();
    const [c1, c2] = s.criteria.map((c) => String(c.id));
    await expect(score(s, s.judges[1], 0, 0, { [c1]: 11, [c2]: 5 })).rejects.toMatchObject({
      code: "stage.scoreRange",
    });
    await expect(score(s, s.judges[1], 0, 0, { [c1]: -1, [c2]: 5 })).rejects.toMatchObject({
      code: "stage.scoreRange",
    });
    await expect(score(s, s.judges[1], 0, 0, { [c1]: 7.25, [c2]: 5 })).rejects.toMatchObject({
      code: "stage.scoreRange",
    });
    await expect(score(s, s.judges[1], 0, 0, { [c1]: 7 })).rejects.toMatchObject({
      code: "stage.scoreMissing",
    });
    await expect(score(s, s.judges[1], 2, 0, { total: 50.5 })).rejects.toMatchObject({
      code: "stage.scoreRange",
    });
    expect(await db.select().from(stageScores)).toHaveLength(0);
  });

  it("updates the same score on a second save; the last save wins whatever the phone's clock said", async () => {
    const s = await stageContest();
    const [c1, c2] = s.criteria.map((c) => String(c.id));
    const base = {
      contestId: s.contest.id,
      partId: s.parts[0].id,
      teamId: s.teams[1].id,
      judge: { id: s.judges[1], role: "judge" as const },
      comment: "",
    };
    await saveJudgeScore(db, { ...base, values: { [c1]: 8, [c2]: 7.5 } });
    await saveJudgeScore(db, { ...base, values: { [c1]: 9, [c2]: 9 } });
    // The judge corrects it from a second phone with the right time.
    await saveJudgeScore(db, { ...base, values: { [c1]: 5, [c2]: 5 }, comment: "Sửa lại" });
    const rows = await db.select().from(stageScores);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ totalTenths: 100, comment: "Sửa lại", version: 3 });
  });

  it("orders a judge's saves by the server's version: an older offline save cannot overwrite a newer correction", async () => {
    // Issue 15: phone A saved offline on version 0; phone B corrected the score; A's save arrived last and won.
    const s = await stageContest();
    const [c1, c2] = s.criteria.map((c) => String(c.id));
    const base = {
      contestId: s.contest.id,
      partId: s.parts[0].id,
      teamId: s.teams[1].id,
      judge: { id: s.judges[1], role: "judge" as const },
      comment: "",
    };
    expect(await saveJudgeScore(db, { ...base, values: { [c1]: 8, [c2]: 8 }, base: 0 })).toMatchObject({
      outcome: "saved",
      version: 1,
    });
    // Phone B, whose sheet showed version 1, corrects it.
    expect(
      await saveJudgeScore(db, { ...base, values: { [c1]: 6, [c2]: 6 }, comment: "Sửa", base: 1 }),
    ).toMatchObject({ outcome: "saved", version: 2 });
    // Phone A's save, made offline on version 1, arrives late: nothing changes, the held score comes back.
    expect(await saveJudgeScore(db, { ...base, values: { [c1]: 9, [c2]: 9 }, base: 1 })).toEqual({
      outcome: "conflict",
      totalTenths: 120,
      version: 2,
      values: { [c1]: 60, [c2]: 60 },
      comment: "Sửa",
    });
    // B's retry after a lost reply is acknowledged, not a conflict.
    expect(
      await saveJudgeScore(db, { ...base, values: { [c1]: 6, [c2]: 6 }, comment: "Sửa", base: 1 }),
    ).toMatchObject({ outcome: "saved", version: 2 });
    const rows = await db.select().from(stageScores);
    expect(rows).toEqual([expect.objectContaining({ totalTenths: 120, comment: "Sửa", version: 2 })]);
  });

  it("never saves one judge's score under another judge's session (a tablet the panel shares)", async () => {
    const s = await stageContest();
    const [, a, b] = s.judges;
    const kept = {
      contestId: s.contest.id,
      partId: s.parts[2].id,
      teamId: s.teams[0].id,
      values: { total: 12 },
      comment: "",
      base: 0,
      madeBy: a,
    };
    // Judge A's score, kept on the tablet, arrives after judge B signed in on it.
    await expect(saveJudgeScore(db, { ...kept, judge: { id: b, role: "judge" } })).rejects.toMatchObject({
      code: "judge.otherJudgesScore",
      status: 404,
    });
    expect(await db.select().from(stageScores)).toHaveLength(0);
    // Once A is signed in again it is saved, as A's.
    expect(await saveJudgeScore(db, { ...kept, judge: { id: a, role: "judge" } })).toMatchObject({
      outcome: "saved",
    });
    const rows = await db.select().from(stageScores);
    expect(rows.map((r) => [r.judgeUserId, r.totalTenths])).toEqual([[a, 120]]);
  });

  it("refuses a judge not on the jury, a team of the judge's own unit and a closed part", async () => {
    const s = await stageContest();
    const outsider = await createUser(db, { role: "judge" });
    await expect(score(s, outsider.id, 2, 1, { total: 40 })).rejects.toMatchObject({
      code: "stage.notJudge",
      status: 403,
    });
    // Judge 0 belongs to team 1's unit.
    await expect(score(s, s.judges[0], 2, 0, { total: 40 })).rejects.toMatchObject({
      code: "stage.ownUnit",
      status: 403,
    });
    // A judge who performs in a team does not score it either.
    await db
      .insert(teamMembers)
      .values({ teamId: s.teams[2].id, userId: s.judges[2], displayName: "Giám khảo" });
    await expect(score(s, s.judges[2], 2, 2, { total: 40 })).rejects.toMatchObject({ code: "stage.ownUnit" });
    await score(s, s.judges[0], 2, 1, { total: 40 });
    await setPartClosed(db, {
      contestId: s.contest.id,
      partId: s.parts[2].id,
      closed: true,
      actor: committee,
    });
    await expect(score(s, s.judges[0], 2, 1, { total: 45 })).rejects.toMatchObject({
      code: "stage.partClosed",
      status: 409,
    });
    await expect(score(s, s.judges[1], 2, 2, { total: 45 })).rejects.toMatchObject({
      code: "stage.partClosed",
    });
    const rows = await db.select().from(stageScores);
    expect(rows.map((r) => r.totalTenths)).toEqual([400]);
  });

  it("records every saved score in the audit log", async () => {
    const s = await stageContest();
    await score(s, s.judges[1], 2, 0, { total: 42.5 });
    const logged = await db.select().from(auditLog).where(eq(auditLog.action, "stage.score"));
    expect(logged).toHaveLength(1);
    expect(logged[0].actorUserId).toBe(s.judges[1]);
  });
});

describe("a stage contest's rules after the first score", () => {
  it("switching mean and trimmed mean is an amendment with a reason, and impossible once every part is closed", async () => {
    const s = await stageContest();
    await score(s, s.judges[1], 2, 0, { total: 42 });
    const settings = {
      title: s.contest.title,
      slug: s.contest.slug,
      description: s.contest.description,
      opensAt: s.contest.opensAt,
      closesAt: s.contest.closesAt,
      stageAggregation: "trimmed_mean" as const,
      stageHideTotals: false,
      stageSpreadPct: s.contest.stageSpreadPct,
    };
    const prizes = (
      await db.select().from(contestPrizes).where(eq(contestPrizes.contestId, s.contest.id))
    ).map(({ rank, label, count, amount }) => ({ rank, label, count, amount }));
    expect(await updateStageSettings(db, s.contest.id, { settings, prizes }, organiser)).toHaveProperty(
      "amendmentReason",
    );
    expect((await loadStageContest(db, s.contest.id)).stageAggregation).toBe("mean");
    const reason = "Hội đồng đủ 5 giám khảo";
    expect(await updateStageSettings(db, s.contest.id, { settings, prizes, reason }, organiser)).toEqual({});
    const [amendment] = await listAmendments(db, s.contest.id);
    expect(amendment.changes).toEqual([
      { field: "Cách tính điểm phần thi", before: "trung bình cộng", after: "bỏ điểm cao nhất và thấp nhất" },
    ]);
    for (const p of s.parts)
      await setPartClosed(db, { contestId: s.contest.id, partId: p.id, closed: true, actor: committee });
    const back = { ...settings, stageAggregation: "mean" as const };
    expect(
      await updateStageSettings(db, s.contest.id, { settings: back, prizes, reason }, organiser),
    ).toHaveProperty("stageAggregation");
    expect((await loadStageContest(db, s.contest.id)).stageAggregation).toBe("trimmed_mean");
  });
});

describe("organisers during the contest", () => {
  it("allows only one team per question in first-to-answer mode", async () => {
    const s = await stageContest();
    await expect(
      saveKnowledgeMarks(db, {
        contestId: s.contest.id,
        partId: s.parts[1].id,
        right: { 1: [s.teams[0].id, s.teams[1].id] },
        actor: organiser,
      }),
    ).rejects.toMatchObject({ code: "stage.buzzerOneTeam" });
  });

  it("cannot redraw the order of performance once scoring has begun", async () => {
    const s = await stageContest();
    const order = await drawPerformanceOrder(db, s.contest.id, organiser);
    expect([...order].sort()).toEqual([1, 2, 3]);
    await score(s, s.judges[1], 2, 0, { total: 30 });
    await expect(drawPerformanceOrder(db, s.contest.id, organiser)).rejects.toMatchObject({
      code: "stage.drawAfterScoring",
    });
  });
});

describe("from scores to announced winners", () => {
  it("locks only when every part is closed and prize ties are decided, then announces the team prizes", async () => {
    const s = await stageContest();
    await createPrizes(db, s.contest.id, [
      { category: "team", rank: 1, label: "Nhất", count: 1, amount: 3_000_000 },
      { category: "team", rank: 2, label: "Nhì", count: 1, amount: 2_000_000 },
    ]);
    const [c1, c2] = s.criteria.map((c) => String(c.id));
    const [j0, j1, j2] = s.judges;
    // Greeting: team 1 (own unit of j0) is scored by j1 and j2 only.
    await score(s, j1, 0, 0, { [c1]: 9, [c2]: 9 }); // 18
    await score(s, j2, 0, 0, { [c1]: 8, [c2]: 8 }); // 16 → 17.00
    for (const judge of [j0, j1, j2]) {
      await score(s, judge, 0, 1, { [c1]: 8, [c2]: 9 }); // 17.00
      await score(s, judge, 0, 2, { [c1]: 7, [c2]: 7 }); // 14.00
    }
    await saveOvertime(db, {
      contestId: s.contest.id,
      partId: s.parts[0].id,
      teamId: s.teams[2].id,
      overtimeSec: 30,
      actor: organiser,
    });
    // Knowledge: a second save replaces the first → one right answer each, 10 points; team 3's greeting loses 1 point for overtime (13).
    await saveKnowledgeMarks(db, {
      contestId: s.contest.id,
      partId: s.parts[1].id,
      right: { 1: [s.teams[0].id], 2: [s.teams[1].id], 3: [s.teams[0].id] },
      actor: organiser,
    });
    await saveKnowledgeMarks(db, {
      contestId: s.contest.id,
      partId: s.parts[1].id,
      right: { 1: [s.teams[0].id], 2: [s.teams[1].id], 3: [s.teams[2].id] },
      actor: organiser,
    });
    // Skit: teams 1 and 2 equal → totals 17 + 10 + 45 = 72 for both, team 3: 13 + 10 + 40 = 63.
    for (const judge of [j1, j2]) await score(s, judge, 2, 0, { total: 45 });
    for (const judge of [j0, j1, j2]) await score(s, judge, 2, 1, { total: 45 });
    for (const judge of [j0, j1, j2]) await score(s, judge, 2, 2, { total: 40 });

    const live = await computeResults(db, s.contest.id);
    expect(live.teams.map((t) => [t.name, t.score, t.separatedBy])).toEqual([
      [s.teams[0].name, 72, null],
      [s.teams[1].name, 72, "unresolved"],
      [s.teams[2].name, 63, "score"],
    ]);

    await expect(approveLock(db, s.contest.id, committee)).rejects.toMatchObject({ code: "stage.partsOpen" });
    // A team nobody scored in a part holds the lock back.
    await createTeam(db, s.contest.id, { unitId: null, name: "Đội đăng ký muộn" }, organiser);
    for (const p of s.parts)
      await setPartClosed(db, {
        contestId: s.contest.id,
        partId: p.id,
        closed: true,
        actor: committee,
      });
    await expect(approveLock(db, s.contest.id, committee)).rejects.toMatchObject({ code: "stage.unscored" });
    await db.delete(teams).where(eq(teams.name, "Đội đăng ký muộn"));
    for (const p of s.parts)
      await setPartClosed(db, {
        contestId: s.contest.id,
        partId: p.id,
        closed: true,
        actor: committee,
      });
    await expect(approveLock(db, s.contest.id, committee)).rejects.toMatchObject({
      code: "stage.tieUndecided",
    });
    await expect(
      decideTie(db, {
        contestId: s.contest.id,
        teamIds: [s.teams[1].id, s.teams[1].id],
        reason: "Chọn trùng một đội",
        actor: committee,
      }),
    ).rejects.toMatchObject({ code: "stage.tieOrderInvalid" });
    await decideTie(db, {
      contestId: s.contest.id,
      teamIds: [s.teams[1].id, s.teams[0].id],
      reason: "Hội đồng bỏ phiếu 3/2 cho đội số 2",
      actor: committee,
    });
    // The decision settles this tie only: when the tied teams' scores change, it lapses.
    const skit = { contestId: s.contest.id, partId: s.parts[2].id, actor: committee };
    await setPartClosed(db, { ...skit, closed: false });
    for (const judge of [j1, j2]) await score(s, judge, 2, 0, { total: 44 });
    for (const judge of [j0, j1, j2]) await score(s, judge, 2, 1, { total: 44 });
    await setPartClosed(db, { ...skit, closed: true });
    await expect(approveLock(db, s.contest.id, committee)).rejects.toMatchObject({
      code: "stage.tieUndecided",
    });
    // Deciding only part of a tie, or a tie that is not there, is refused.
    await expect(
      decideTie(db, {
        contestId: s.contest.id,
        teamIds: [s.teams[2].id, s.teams[0].id],
        reason: "Nhầm đội",
        actor: committee,
      }),
    ).rejects.toMatchObject({ code: "stage.tieChanged" });
    await decideTie(db, {
      contestId: s.contest.id,
      teamIds: [s.teams[1].id, s.teams[0].id],
      reason: "Hội đồng quyết định lại sau khi sửa điểm",
      actor: committee,
    });
    expect(await approveLock(db, s.contest.id, committee)).toMatchObject({ locked: true });
    await announce(db, s.contest.id, committee);

    const { results } = await currentResults(db, s.contest.id);
    const winners = publicWinners(results);
    expect(winners.teams.map((w) => [w.name, w.prize, w.score])).toEqual([
      [s.teams[1].name, "Nhất", 71],
      [s.teams[0].name, "Nhì", 71],
    ]);
    expect(winners.totalAmount).toBe(5_000_000);
    expect(results.teams[1].separatedBy).toBe("committee");
  });
});

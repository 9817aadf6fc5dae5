import { describe, expect, it } from "vitest";
import { stagePartResults } from "#db/schema";
import { createContest, createUnit, createUser, createWard } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import {
  justFinished,
  missingAlerts,
  spreadAlerts,
  stageAlerts,
  type AlertInput,
} from "./stage-alerts.server";
import { saveJudgeScore } from "./stage-judging.server";
import { savePart } from "./stage-parts.server";
import { setJudges, stageSetup } from "./stage.server";
import { createTeam } from "./teams.server";

/** A part of 20 points, three teams in the order 2, 3, 1 (drawn), three judges; judge 3 is of unit 30. */
function show(scores: AlertInput["scores"], over: Partial<AlertInput> = {}): AlertInput {
  return {
    parts: [{ id: 1, name: "Chào hỏi", maxScore: 20, scoring: "judges", closedAt: null }],
    teams: [
      { id: 11, name: "Đội số 1", number: 1, unitId: 10, performanceOrder: 3 },
      { id: 12, name: "Đội số 2", number: 2, unitId: 20, performanceOrder: 1 },
      { id: 13, name: "Đội số 3", number: 3, unitId: 30, performanceOrder: 2 },
    ],
    jury: [
      { id: 1, name: "An", unitId: null },
      { id: 2, name: "Bình", unitId: null },
      { id: 3, name: "Cúc", unitId: 30 },
    ],
    scores,
    performers: [],
    spreadPct: 20,
    ...over,
  };
}
const score = (teamId: number, judgeUserId: number, points: number, partId = 1) => ({
  partId,
  teamId,
  judgeUserId,
  totalTenths: points * 10,
});

describe("judges who disagree beyond the threshold", () => {
  it("flags a team whose judges' totals spread more than the threshold, naming the lowest and highest and who gave them", () => {
    // 20 % of 20 points is 4: 8 and 15 differ by 7.
    const alerts = spreadAlerts(show([score(12, 1, 8), score(12, 2, 15), score(12, 3, 12)]));
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: "spread",
        team: "Đội số 2",
        part: "Chào hỏi",
        lowTenths: 80,
        highTenths: 150,
        lowJudges: ["An"],
        highJudges: ["Bình"],
        spreadPct: 20,
      }),
    ]);
  });

  it("does not flag a spread within the threshold, nor exactly at it", () => {
    expect(spreadAlerts(show([score(12, 1, 10), score(12, 2, 14)]))).toEqual([]);
    expect(spreadAlerts(show([score(12, 1, 10), score(12, 2, 12)]))).toEqual([]);
    // A tighter contest flags the same scores.
    expect(spreadAlerts(show([score(12, 1, 10), score(12, 2, 14)], { spreadPct: 10 }))).toHaveLength(1);
  });

  it("goes away once a judge corrects the score", () => {
    const before = show([score(12, 1, 8), score(12, 2, 15)]);
    expect(spreadAlerts(before)).toHaveLength(1);
    expect(spreadAlerts({ ...before, scores: [score(12, 1, 13), score(12, 2, 15)] })).toEqual([]);
  });

  it("leaves out a score the rules do not count (a judge of the team's unit)", () => {
    expect(spreadAlerts(show([score(13, 1, 8), score(13, 3, 20)]))).toEqual([]);
  });
});

describe("judges who have not scored the team that just finished", () => {
  it("takes the team latest in the order of performance with any score in the open part", () => {
    // Order: team 12, then 13, then 11. Team 13 has a score, 11 (on stage) has none.
    const input = show([score(12, 1, 10), score(12, 2, 10), score(13, 1, 12)]);
    expect(justFinished(input).map((f) => f.team.id)).toEqual([13]);
    expect(missingAlerts(input).map((a) => [a.team, a.judge])).toEqual([["Đội số 3", "Bình"]]);
  });

  it("takes a team the timekeeper has stopped as finished, before any judge has scored it", () => {
    // Team 11 performs last; its stopwatch stopped, nobody has scored it yet: every judge is missing.
    const input = show([score(12, 1, 10), score(13, 1, 12)], { stopped: [{ partId: 1, teamId: 11 }] });
    expect(justFinished(input).map((f) => f.team.id)).toEqual([11]);
    expect(missingAlerts(input).map((a) => a.judge)).toEqual(["An", "Bình", "Cúc"]);
    // A stopwatch stopped for an earlier team does not move the team that just finished back.
    expect(
      justFinished(show([score(13, 1, 12)], { stopped: [{ partId: 1, teamId: 12 }] })).map((f) => f.team.id),
    ).toEqual([13]);
  });

  it("does not count a judge of the team's unit, nor one performing in it, as missing", () => {
    const input = show([score(13, 1, 12)], { performers: [{ teamId: 13, userId: 2 }] });
    // Cúc is of team 3's unit, Bình performs in it: nobody is missing.
    expect(missingAlerts(input)).toEqual([]);
  });

  it("names every judge still missing, and nobody once they have all scored", () => {
    const input = show([score(12, 1, 10)]);
    expect(missingAlerts(input).map((a) => a.judge)).toEqual(["Bình", "Cúc"]);
    expect(
      missingAlerts({ ...input, scores: [...input.scores, score(12, 2, 11), score(12, 3, 12)] }),
    ).toEqual([]);
  });

  it("has no team that just finished in a part nobody has scored, nor in a closed part", () => {
    expect(missingAlerts(show([]))).toEqual([]);
    const closed = show([score(12, 1, 10)]);
    closed.parts = [{ ...closed.parts[0], closedAt: 1 }];
    expect(missingAlerts(closed)).toEqual([]);
  });
});

describe("the alerts of a stage contest from the database", () => {
  it("lists the missing judge first, then the disagreement, and drops each once it no longer holds", async () => {
    const { db } = await createTestDb();
    const ward = await createWard(db);
    const unit = await createUnit(db, { wardId: ward.id, name: "Trường Tiểu học" });
    const organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" as const };
    const contest = await createContest(db, { kind: "stage", stageAggregation: "mean", entryModes: "team" });
    await savePart(
      db,
      contest.id,
      null,
      {
        name: "Tiểu phẩm",
        maxScore: 50,
        scoring: "judges",
        timeLimitSec: null,
        overtimePenaltyPerMin: null,
        isTieBreak: false,
        knowledgeQuestions: null,
        knowledgePoints: null,
        knowledgeMode: "all",
        criteria: [],
      },
      organiser,
    );
    await createTeam(db, contest.id, { unitId: unit.id, name: "" }, organiser);
    const [a, b, c] = await Promise.all(
      ["Giám Khảo A", "Giám Khảo B", "Giám Khảo C"].map((fullName) =>
        createUser(db, { role: "judge", fullName }),
      ),
    );
    await setJudges(db, contest.id, [a.id, b.id, c.id], organiser);
    const setup = await stageSetup(db, contest.id);
    const [team] = setup.teams;
    const partId = setup.parts[0].id;
    const save = (judge: { id: number }, points: number) =>
      saveJudgeScore(db, {
        contestId: contest.id,
        partId,
        teamId: team.id,
        judge: { id: judge.id, role: "judge" },
        values: { total: points },
        comment: "",
      });
    await save(a, 20);
    await save(b, 45);
    expect((await stageAlerts(db, contest.id)).map((x) => x.key)).toEqual([
      `missing:${partId}:${team.id}:${c.id}`,
      `spread:${partId}:${team.id}`,
    ]);
    await save(c, 42);
    await save(a, 40);
    expect(await stageAlerts(db, contest.id)).toEqual([]);

    // The timekeeper stops the next team's performance: nobody has scored it yet.
    await createTeam(db, contest.id, { unitId: null, name: "" }, organiser);
    const next = (await stageSetup(db, contest.id)).teams[1];
    await db
      .insert(stagePartResults)
      .values({ partId, teamId: next.id, startedAt: 1000, stoppedAt: 61_000, durationSec: 60 });
    expect((await stageAlerts(db, contest.id)).map((x) => x.key)).toEqual(
      [a, b, c].map((j) => `missing:${partId}:${next.id}:${j.id}`),
    );
  });
});

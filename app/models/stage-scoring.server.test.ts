import { describe, expect, test } from "vitest";
import type { Prize } from "./ranking.server";
import {
  aggregateJudges,
  judgesDisagree,
  knowledgeScore,
  overtimePenalty,
  rankTeams,
  scoreTeams,
  unresolvedPrizeTies,
  type StagePart,
  type StageTeam,
} from "./stage-scoring.server";

describe("aggregating judges", () => {
  test("the mean of three judges is rounded half up to two decimals", () => {
    // 17 + 18 + 16.5 = 51.5; 51.5 / 3 = 17.1666… → 17.17
    expect(aggregateJudges([170, 180, 165], "mean")).toEqual({
      hundredths: 1717,
      counted: 3,
      trimmed: false,
    });
  });

  test("the trimmed mean drops the highest and lowest of five judges", () => {
    // 40, 45, 42, 48, 30 → drop 48 and 30 → (40 + 45 + 42) / 3 = 42.333… → 42.33
    expect(aggregateJudges([400, 450, 420, 480, 300], "trimmed_mean")).toEqual({
      hundredths: 4233,
      counted: 3,
      trimmed: true,
    });
    // The plain mean of the same scores: 205 / 5 = 41.00
    expect(aggregateJudges([400, 450, 420, 480, 300], "mean").hundredths).toBe(4100);
  });

  test("with fewer than five judges the trimmed mean is the plain mean", () => {
    // 10 + 12 + 14 + 16 = 52; / 4 = 13.00
    expect(aggregateJudges([100, 120, 140, 160], "trimmed_mean")).toEqual({
      hundredths: 1300,
      counted: 4,
      trimmed: false,
    });
  });

  test("a part nobody has scored has no score rather than zero", () => {
    expect(aggregateJudges([], "mean").hundredths).toBeNull();
  });
});

describe("penalties and knowledge points", () => {
  test("overtime costs points per started minute", () => {
    expect(overtimePenalty(0, 2)).toBe(0);
    expect(overtimePenalty(1, 2)).toBe(2);
    expect(overtimePenalty(60, 2)).toBe(2);
    expect(overtimePenalty(61, 2)).toBe(4);
    expect(overtimePenalty(200, null)).toBe(0);
  });

  test("right answers earn their points up to the part's maximum", () => {
    expect(knowledgeScore(7, 3, 30)).toBe(21);
    expect(knowledgeScore(12, 3, 30)).toBe(30);
  });

  test("judges disagree only beyond the configured spread", () => {
    // Max 20, 20 % → 4 points allowed.
    expect(judgesDisagree([150, 190], 20, 20)).toBe(false);
    expect(judgesDisagree([150, 195], 20, 20)).toBe(true);
    expect(judgesDisagree([150], 20, 20)).toBe(false);
  });
});

const greeting: StagePart = {
  id: 1,
  name: "Chào hỏi",
  maxScore: 20,
  scoring: "judges",
  timeLimitSec: 420,
  overtimePenaltyPerMin: 1,
  isTieBreak: false,
  knowledgePoints: null,
};
const knowledge: StagePart = {
  id: 2,
  name: "Kiến thức",
  maxScore: 30,
  scoring: "knowledge",
  timeLimitSec: null,
  overtimePenaltyPerMin: null,
  isTieBreak: false,
  knowledgePoints: 3,
};
const skit: StagePart = {
  id: 3,
  name: "Tiểu phẩm",
  maxScore: 50,
  scoring: "judges",
  timeLimitSec: 900,
  overtimePenaltyPerMin: 2,
  isTieBreak: true,
  knowledgePoints: null,
};
const team = (
  id: number,
  unitId: number | null = null,
  committeeTieOrder: number | null = null,
): StageTeam => ({
  id,
  number: id,
  name: `Đội số ${id}`,
  unitId,
  unitName: null,
  committeeTieOrder,
});

describe("team totals", () => {
  test("a judge's score for a team of their own unit is left out", () => {
    const [scored] = scoreTeams({
      parts: [greeting],
      teams: [team(1, 7)],
      scores: [
        { partId: 1, teamId: 1, judgeUserId: 10, judgeUnitId: 7, totalTenths: 200 },
        { partId: 1, teamId: 1, judgeUserId: 11, judgeUnitId: 8, totalTenths: 140 },
        { partId: 1, teamId: 1, judgeUserId: 12, judgeUnitId: null, totalTenths: 160 },
      ],
      marks: [],
      overtime: [],
      aggregation: "mean",
      spreadPct: 20,
    });
    // (14 + 16) / 2 = 15.00; the own-unit 20 does not count.
    expect(scored.parts[0]).toMatchObject({ hundredths: 1500, judges: 2, ownUnitExcluded: 1 });
  });

  test("the total adds parts after penalties, and knowledge points follow the marks", () => {
    const [scored] = scoreTeams({
      parts: [greeting, knowledge, skit],
      teams: [team(3, null)],
      scores: [
        { partId: 1, teamId: 3, judgeUserId: 10, judgeUnitId: null, totalTenths: 180 },
        { partId: 1, teamId: 3, judgeUserId: 11, judgeUnitId: null, totalTenths: 175 },
        { partId: 3, teamId: 3, judgeUserId: 10, judgeUnitId: null, totalTenths: 450 },
        { partId: 3, teamId: 3, judgeUserId: 11, judgeUnitId: null, totalTenths: 440 },
      ],
      marks: [...Array.from({ length: 8 }, (_, i) => ({ partId: 2, teamId: 3, correct: i < 7 }))],
      overtime: [{ partId: 3, teamId: 3, overtimeSec: 75 }],
      aggregation: "mean",
      spreadPct: 20,
    });
    // Greeting (18 + 17.5) / 2 = 17.75; knowledge 7 × 3 = 21; skit (45 + 44) / 2 = 44.5 − 2 × 2 min = 40.5
    expect(scored.parts.map((p) => p.hundredths)).toEqual([1775, 2100, 4050]);
    expect(scored.parts[2].penaltyHundredths).toBe(400);
    expect(scored.totalHundredths).toBe(7925);
    expect(scored.tieBreakHundredths).toBe(4050);
  });
});

describe("conflicts of interest", () => {
  const jury = [10, 11, 12, 13, 14].map((id) => ({ id, unitId: id === 10 ? 7 : null }));
  const judgeScore = (teamId: number, judgeUserId: number, totalTenths: number) => ({
    partId: 1,
    teamId,
    judgeUserId,
    judgeUnitId: judgeUserId === 10 ? 7 : null,
    totalTenths,
  });

  test("a judge who performs in a team does not score it and is not counted as missing", () => {
    const [scored] = scoreTeams({
      parts: [greeting],
      teams: [team(1, null)],
      // Judge 11 performs in team 1; a score saved before they joined the team is left out too.
      scores: [
        judgeScore(1, 11, 200),
        judgeScore(1, 12, 140),
        judgeScore(1, 13, 160),
        judgeScore(1, 10, 150),
      ],
      marks: [],
      overtime: [],
      aggregation: "mean",
      spreadPct: 20,
      jury: jury.slice(0, 4),
      performers: [{ teamId: 1, userId: 11 }],
    });
    expect(scored).toMatchObject({ eligibleJudges: 3, conflictedJudges: 1 });
    // (15 + 14 + 16) / 3 = 15.00: judge 11's 20 does not count.
    expect(scored.parts[0]).toMatchObject({ hundredths: 1500, judges: 3, ownUnitExcluded: 1 });
  });

  test("with the trimmed mean, a team with fewer than 5 judges because of a conflict gets the plain mean, and says so", () => {
    const [full, conflicted] = scoreTeams({
      parts: [greeting],
      teams: [team(1, null), team(2, 7)],
      scores: [
        ...[10, 11, 12, 13, 14].map((j, i) => judgeScore(1, j, [100, 150, 160, 170, 200][i])),
        // Judge 10 is from team 2's unit and does not score it.
        ...[11, 12, 13, 14].map((j, i) => judgeScore(2, j, [150, 160, 170, 200][i])),
      ],
      marks: [],
      overtime: [],
      aggregation: "trimmed_mean",
      spreadPct: 100,
      jury,
    });
    expect(full.parts[0]).toMatchObject({ trimmed: true, fewerJudges: false, hundredths: 1600 });
    // (15 + 16 + 17 + 20) / 4 = 17.00, nothing dropped: the rule is flagged for the committee and scoreboard.
    expect(conflicted.parts[0]).toMatchObject({
      trimmed: false,
      fewerJudges: true,
      hundredths: 1700,
      judges: 4,
    });
    expect(conflicted).toMatchObject({ eligibleJudges: 4, conflictedJudges: 1 });
  });

  test("a penalty of 0,5 point per started minute takes 1 point for 61 to 120 seconds over", () => {
    const [scored] = scoreTeams({
      parts: [{ ...greeting, timeLimitSec: 450, overtimePenaltyPerMin: 0.5 }],
      teams: [team(1, null)],
      scores: [judgeScore(1, 12, 150)],
      marks: [],
      overtime: [{ partId: 1, teamId: 1, overtimeSec: 61 }],
      aggregation: "mean",
      spreadPct: 20,
    });
    expect(scored.parts[0]).toMatchObject({ penaltyHundredths: 100, hundredths: 1400 });
    const [third] = scoreTeams({
      parts: [{ ...greeting, timeLimitSec: 450, overtimePenaltyPerMin: 0.3 }],
      teams: [team(1, null)],
      scores: [judgeScore(1, 12, 150)],
      marks: [],
      overtime: [{ partId: 1, teamId: 1, overtimeSec: 150 }],
      aggregation: "mean",
      spreadPct: 20,
    });
    // 3 started minutes × 0,3 = 0,9 exactly, not 0.8999….
    expect(third.parts[0].penaltyHundredths).toBe(90);
  });

  test("a performance short of the minimum loses its undertime penalty, and says it was short", () => {
    const [scored] = scoreTeams({
      parts: [{ ...greeting, undertimePenaltyPerMin: 1, overtimePenaltyPerMin: 1 }],
      teams: [team(1, null)],
      scores: [judgeScore(1, 12, 150)],
      marks: [],
      overtime: [{ partId: 1, teamId: 1, overtimeSec: 0, undertimeSec: 75 }],
      aggregation: "mean",
      spreadPct: 20,
    });
    expect(scored.parts[0]).toMatchObject({
      penaltyHundredths: 200,
      overtimeSec: 0,
      undertimeSec: 75,
      hundredths: 1300,
    });
  });
});

describe("ranking teams", () => {
  const prizes: Prize[] = [
    { category: "team", rank: 1, label: "Nhất", count: 1, amount: 3_000_000 },
    { category: "team", rank: 2, label: "Nhì", count: 1, amount: 2_000_000 },
    { category: "team", rank: 3, label: "Ba", count: 2, amount: 1_000_000 },
  ];
  const scored = (t: StageTeam, total: number, tieBreak: number) => ({
    ...t,
    eligibleJudges: 3,
    conflictedJudges: 0,
    parts: [],
    totalHundredths: total,
    tieBreakHundredths: tieBreak,
  });

  test("equal totals are separated by the skit, then by the committee's decision", () => {
    const ranked = rankTeams(
      [
        scored(team(1), 8500, 4000),
        scored(team(2), 8500, 4200),
        scored(team(3, null, 1), 8500, 4200),
        scored(team(4), 9000, 4100),
      ],
      { prizes, disqualified: () => false },
    );
    expect(ranked.map((t) => [t.number, t.rank, t.prize?.label, t.separatedBy])).toEqual([
      [4, 1, "Nhất", null],
      [3, 2, "Nhì", "total"],
      [2, 3, "Ba", "committee"],
      [1, 4, "Ba", "tiebreak"],
    ]);
    expect(unresolvedPrizeTies(ranked)).toEqual([]);
  });

  test("a tie the rules cannot break blocks only when it decides a prize", () => {
    const undecided = rankTeams([scored(team(1), 8500, 4200), scored(team(2), 8500, 4200)], {
      prizes,
      disqualified: () => false,
    });
    expect(undecided[1].separatedBy).toBe("unresolved");
    expect(unresolvedPrizeTies(undecided).map((group) => group.map((t) => t.number))).toEqual([[1, 2]]);

    // Three teams tied across the second and third prizes are decided together.
    const threeWay = rankTeams(
      [
        scored(team(1), 9000, 0),
        scored(team(2), 8000, 0),
        scored(team(3), 8000, 0),
        scored(team(4), 8000, 0),
      ],
      { prizes, disqualified: () => false },
    );
    expect(unresolvedPrizeTies(threeWay).map((group) => group.map((t) => t.number))).toEqual([[2, 3, 4]]);

    const samePrize = rankTeams(
      [
        scored(team(1), 9000, 0),
        scored(team(2), 8000, 0),
        scored(team(3), 7000, 0),
        scored(team(4), 7000, 0),
      ],
      { prizes, disqualified: () => false },
    );
    // Teams 3 and 4 both get the third prize: nothing to decide.
    expect(unresolvedPrizeTies(samePrize)).toEqual([]);
  });

  test("a disqualified team takes no place and the next team moves up", () => {
    const ranked = rankTeams([scored(team(1), 9000, 0), scored(team(2), 8000, 0)], {
      prizes,
      disqualified: (t) => t.id === 1,
    });
    expect(ranked.map((t) => [t.number, t.rank, t.prize?.label ?? null])).toEqual([
      [1, null, null],
      [2, 1, "Nhất"],
    ]);
  });
});

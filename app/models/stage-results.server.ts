/**
 * A stage contest's results from the database: every team's part scores,
 * the ranking for prizes (in the same shape as a quiz's team ranking, so
 * lock, announce, winners, results.json and the ceremony work unchanged),
 * and the live scoreboard.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  contestPrizes,
  disqualifications,
  stageJudges,
  stageKnowledgeMarks,
  stagePartResults,
  stageParts,
  stageScores,
  teamMembers,
  teams,
  users,
  type contests,
} from "#db/schema";
import type { RankedEntry, StageTie } from "./ranking.server";
import {
  rankTeams,
  scoreTeams,
  unresolvedPrizeTies,
  type RankedStageTeam,
  type StagePart,
} from "./stage-scoring.server";
import { stageTeams } from "./stage.server";

export type StageBreakdown = {
  parts: (StagePart & { closedAt: number | null })[];
  teams: RankedStageTeam[];
  judges: { id: number; unitId: number | null }[];
  /** Groups of team ids (in their current order) the committee still has to put in order. */
  undecidedTies: number[][];
};

/** The exact tie a committee decision settles: the tied teams' totals and tie-break scores, and who they are. */
export function tieKey(group: { id: number; totalHundredths: number; tieBreakHundredths: number }[]) {
  const ids = group.map((t) => t.id).sort((a, b) => a - b);
  return `${group[0]?.totalHundredths}|${group[0]?.tieBreakHundredths}|${ids.join(",")}`;
}

/**
 * A committee's order counts only for the tie it decided: if any of the tied
 * teams' scores changed, or another team joined or left the tie, the
 * decision lapses and the tie is the committee's to decide again.
 */
function standingTieOrders<
  T extends {
    id: number;
    totalHundredths: number;
    tieBreakHundredths: number;
    committeeTieOrder: number | null;
  },
>(scored: T[], decidedKeys: Map<number, string | null>): T[] {
  const groups = new Map<string, T[]>();
  for (const t of scored) {
    const at = `${t.totalHundredths}|${t.tieBreakHundredths}`;
    groups.set(at, [...(groups.get(at) ?? []), t]);
  }
  return scored.map((t) => {
    const key = tieKey(groups.get(`${t.totalHundredths}|${t.tieBreakHundredths}`)!);
    return decidedKeys.get(t.id) === key ? t : { ...t, committeeTieOrder: null };
  });
}

/**
 * Everything a stage's results are computed from: its parts, teams, the jury's
 * scores, knowledge marks, overtime, jury, prizes, live disqualifications, and
 * the judges who perform in a team.
 */
function loadStageInputs(db: Db, contestId: number) {
  return Promise.all([
    db.select().from(stageParts).where(eq(stageParts.contestId, contestId)).orderBy(asc(stageParts.position)),
    stageTeams(db, contestId),
    db
      .select({
        partId: stageScores.partId,
        teamId: stageScores.teamId,
        judgeUserId: stageScores.judgeUserId,
        judgeUnitId: users.unitId,
        totalTenths: stageScores.totalTenths,
      })
      .from(stageScores)
      .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
      .innerJoin(users, eq(users.id, stageScores.judgeUserId))
      // Only judges on the jury count, even if a score was saved before a change.
      .innerJoin(
        stageJudges,
        and(eq(stageJudges.contestId, contestId), eq(stageJudges.userId, stageScores.judgeUserId)),
      )
      .where(eq(stageParts.contestId, contestId)),
    db
      .select({
        partId: stageKnowledgeMarks.partId,
        teamId: stageKnowledgeMarks.teamId,
        correct: stageKnowledgeMarks.correct,
      })
      .from(stageKnowledgeMarks)
      .innerJoin(stageParts, eq(stageParts.id, stageKnowledgeMarks.partId))
      .where(eq(stageParts.contestId, contestId)),
    db
      .select({
        partId: stagePartResults.partId,
        teamId: stagePartResults.teamId,
        overtimeSec: stagePartResults.overtimeSec,
        undertimeSec: stagePartResults.undertimeSec,
      })
      .from(stagePartResults)
      .innerJoin(stageParts, eq(stageParts.id, stagePartResults.partId))
      .where(eq(stageParts.contestId, contestId)),
    db
      .select({ id: users.id, unitId: users.unitId })
      .from(stageJudges)
      .innerJoin(users, eq(users.id, stageJudges.userId))
      .where(eq(stageJudges.contestId, contestId)),
    db.select().from(contestPrizes).where(eq(contestPrizes.contestId, contestId)),
    db
      .select({ targetKind: disqualifications.targetKind, targetId: disqualifications.targetId })
      .from(disqualifications)
      .where(and(eq(disqualifications.contestId, contestId), isNull(disqualifications.revokedAt))),
    // Judges who perform in a team of this contest: they may not score it.
    db
      .select({ teamId: teamMembers.teamId, userId: stageJudges.userId })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .innerJoin(
        stageJudges,
        and(eq(stageJudges.contestId, contestId), eq(stageJudges.userId, teamMembers.userId)),
      )
      .where(eq(teams.contestId, contestId)),
  ]);
}

export async function computeStage(db: Db, contest: typeof contests.$inferSelect): Promise<StageBreakdown> {
  const [parts, teamRows, scores, marks, overtime, judges, prizes, dq, performers] = await loadStageInputs(
    db,
    contest.id,
  );
  const scored = scoreTeams({
    parts,
    teams: teamRows,
    scores,
    marks,
    overtime,
    aggregation: contest.stageAggregation ?? "mean",
    spreadPct: contest.stageSpreadPct,
    jury: judges,
    performers,
  });
  const dqTeams = new Set(dq.filter((d) => d.targetKind === "team").map((d) => d.targetId));
  const dqUnits = new Set(dq.filter((d) => d.targetKind === "unit").map((d) => d.targetId));
  const ranked = rankTeams(
    standingTieOrders(scored, new Map(teamRows.map((t) => [t.id, t.committeeTieKey]))),
    {
      prizes,
      disqualified: (t) => dqTeams.has(String(t.id)) || (t.unitId !== null && dqUnits.has(String(t.unitId))),
    },
  );
  return {
    parts: parts.map((p) => ({
      id: p.id,
      name: p.name,
      maxScore: p.maxScore,
      scoring: p.scoring,
      timeLimitSec: p.timeLimitSec,
      overtimePenaltyPerMin: p.overtimePenaltyPerMin,
      isTieBreak: p.isTieBreak,
      knowledgePoints: p.knowledgePoints,
      closedAt: p.closedAt,
    })),
    teams: ranked,
    judges,
    undecidedTies: unresolvedPrizeTies(ranked).map((group) => group.map((t) => t.id)),
  };
}

/** How a team's tie on the total with the team above it, or else below it, was settled. */
function tieOf(stage: StageBreakdown, i: number): StageTie | null {
  const t = stage.teams[i];
  const part = stage.parts.find((p) => p.isTieBreak)?.name ?? null;
  const rule = (s: RankedStageTeam["separatedBy"]) =>
    s === "tiebreak" || s === "committee" ? s : "unresolved";
  const above = stage.teams[i - 1];
  if (above && above.totalHundredths === t.totalHundredths)
    return { rule: rule(t.separatedBy), other: above.name, above: false, part };
  const below = stage.teams[i + 1];
  if (below && below.totalHundredths === t.totalHundredths)
    return { rule: rule(below.separatedBy), other: below.name, above: true, part };
  return null;
}

/** The stage ranking as team entries of the common results shape, with part scores and ties. */
export function stageEntries(stage: StageBreakdown): RankedEntry[] {
  return stage.teams.map((t, i) => ({
    key: `t${t.id}`,
    attemptId: `team-${t.id}`,
    name: t.name,
    unitId: t.unitId,
    unitName: t.unitName,
    score: t.totalHundredths / 100,
    prediction: null,
    durationMs: 0,
    submittedAt: 0,
    rank: t.rank,
    status: t.status,
    prize: t.prize,
    separatedBy: t.separatedBy === "total" ? "score" : t.separatedBy,
    parts: stage.parts.map((p) => {
      const hundredths = t.parts.find((s) => s.partId === p.id)?.hundredths ?? null;
      return { name: p.name, score: hundredths === null ? null : hundredths / 100 };
    }),
    tie: tieOf(stage, i),
  }));
}

/**
 * How many judges may score a team: the jury minus those from its unit and
 * those who perform in it. Given only a unit id, performers are not known.
 */
export function eligibleJudges(
  stage: StageBreakdown,
  team: { id: number; unitId: number | null } | number | null,
) {
  if (team !== null && typeof team === "object") {
    const scored = stage.teams.find((t) => t.id === team.id);
    if (scored) return scored.eligibleJudges;
  }
  const unitId = team !== null && typeof team === "object" ? team.unitId : team;
  return stage.judges.filter((j) => unitId === null || j.unitId !== unitId).length;
}

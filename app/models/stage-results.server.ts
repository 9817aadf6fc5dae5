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
  users,
  type contests,
} from "#db/schema";
import type { RankedEntry } from "./ranking.server";
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

export async function computeStage(db: Db, contest: typeof contests.$inferSelect): Promise<StageBreakdown> {
  const contestId = contest.id;
  const [parts, teamRows, scores, marks, overtime, judges, prizes, dq] = await Promise.all([
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
  ]);
  const scored = scoreTeams({
    parts,
    teams: teamRows,
    scores,
    marks,
    overtime,
    aggregation: contest.stageAggregation ?? "mean",
    spreadPct: contest.stageSpreadPct,
  });
  const dqTeams = new Set(dq.filter((d) => d.targetKind === "team").map((d) => d.targetId));
  const dqUnits = new Set(dq.filter((d) => d.targetKind === "unit").map((d) => d.targetId));
  const ranked = rankTeams(scored, {
    prizes,
    disqualified: (t) => dqTeams.has(String(t.id)) || (t.unitId !== null && dqUnits.has(String(t.unitId))),
  });
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

/** The stage ranking as team entries of the common results shape. */
export function stageEntries(stage: StageBreakdown): RankedEntry[] {
  return stage.teams.map((t) => ({
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
  }));
}

/** How many judges may score a team (the jury minus those from the team's own unit). */
export function eligibleJudges(stage: StageBreakdown, teamUnitId: number | null) {
  return stage.judges.filter((j) => teamUnitId === null || j.unitId !== teamUnitId).length;
}

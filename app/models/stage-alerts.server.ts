/**
 * Scoring alerts for the organiser's Điều hành page during a stage show
 * (issue 20, item 4): judges who disagree beyond the contest's spread (the
 * committee's rule, `judgesDisagree`), and judges who have not yet scored
 * the team that just finished. Plain rules over plain data, and one read.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  stageJudges,
  stagePartResults,
  stageParts,
  stageScores,
  teamMembers,
  teams,
  users,
} from "#db/schema";
import { conflicted, judgesDisagree } from "./stage-scoring.server";
import { byPerformance, loadStageContest, stageTeams } from "./stage.server";

export type AlertInput = {
  parts: {
    id: number;
    name: string;
    maxScore: number;
    scoring: "judges" | "knowledge";
    closedAt: number | null;
  }[];
  teams: {
    id: number;
    name: string;
    number: number;
    unitId: number | null;
    performanceOrder: number | null;
  }[];
  jury: { id: number; name: string; unitId: number | null }[];
  scores: { partId: number; teamId: number; judgeUserId: number; totalTenths: number }[];
  /** Judges who perform in a team: they may not score it. */
  performers: { teamId: number; userId: number }[];
  spreadPct: number;
  /** Performances the timekeeper's stopwatch has stopped (app/models/stage-timing.server.ts). */
  stopped?: { partId: number; teamId: number }[];
};

export type SpreadAlert = {
  kind: "spread";
  key: string;
  teamId: number;
  team: string;
  partId: number;
  part: string;
  /** The lowest and highest judge totals, in tenths of a point, and the judges who gave them. */
  lowTenths: number;
  highTenths: number;
  lowJudges: string[];
  highJudges: string[];
  spreadPct: number;
};

export type MissingAlert = {
  kind: "missing";
  key: string;
  teamId: number;
  team: string;
  partId: number;
  part: string;
  judgeId: number;
  judge: string;
};

export type StageAlert = SpreadAlert | MissingAlert;

/** The scoring's conflict rule: a judge never scores their own unit's team, nor one they perform in. */
function mayScore(input: AlertInput) {
  const performers = new Set(input.performers.map((p) => `${p.teamId}:${p.userId}`));
  return (team: AlertInput["teams"][number], judge: { id: number; unitId: number | null }) =>
    !conflicted(team, judge.id, judge.unitId, performers);
}

/** The scores that count: by a judge on the jury who may score the team. */
function countedScores(input: AlertInput) {
  const may = mayScore(input);
  const jury = new Map(input.jury.map((j) => [j.id, j]));
  const teamsById = new Map(input.teams.map((t) => [t.id, t]));
  return input.scores.filter((s) => {
    const judge = jury.get(s.judgeUserId);
    const team = teamsById.get(s.teamId);
    return judge && team && may(team, judge);
  });
}

/**
 * Every team and judged part whose judges' totals spread beyond the
 * contest's threshold, by the committee's rule (`judgesDisagree`), with the
 * lowest and highest totals and who gave them.
 */
export function spreadAlerts(input: AlertInput): SpreadAlert[] {
  const scores = countedScores(input);
  const judgeName = new Map(input.jury.map((j) => [j.id, j.name]));
  const alerts: SpreadAlert[] = [];
  for (const part of input.parts.filter((p) => p.scoring === "judges")) {
    for (const team of [...input.teams].sort(byPerformance)) {
      const own = scores.filter((s) => s.partId === part.id && s.teamId === team.id);
      const totals = own.map((s) => s.totalTenths);
      if (!judgesDisagree(totals, part.maxScore, input.spreadPct)) continue;
      const low = Math.min(...totals);
      const high = Math.max(...totals);
      const who = (v: number) =>
        own
          .filter((s) => s.totalTenths === v)
          .map((s) => judgeName.get(s.judgeUserId) ?? "")
          .sort((a, b) => a.localeCompare(b, "vi"));
      alerts.push({
        kind: "spread",
        key: `spread:${part.id}:${team.id}`,
        teamId: team.id,
        team: team.name,
        partId: part.id,
        part: part.name,
        lowTenths: low,
        highTenths: high,
        lowJudges: who(low),
        highJudges: who(high),
        spreadPct: input.spreadPct,
      });
    }
  }
  return alerts;
}

/**
 * The team that just finished in each open judged part: of the teams that
 * have finished there — at least one counted score, or the timekeeper's
 * stopwatch stopped — the one that performs latest in the order of
 * performance (the draw, else the team number). The team now on stage has
 * neither yet, so it is the team before it; a part where no team has
 * finished has none.
 */
export function justFinished(input: AlertInput) {
  const scores = countedScores(input);
  const order = [...input.teams].sort(byPerformance);
  return input.parts
    .filter((p) => p.scoring === "judges" && p.closedAt === null)
    .flatMap((part) => {
      const finished = new Set(
        [...scores, ...(input.stopped ?? [])].filter((s) => s.partId === part.id).map((s) => s.teamId),
      );
      const team = order.findLast((t) => finished.has(t.id));
      return team ? [{ part, team }] : [];
    });
}

/**
 * Each judge of the jury who may score the team that just finished (see
 * `justFinished`) and has not scored it yet in that part. Judges of the
 * team's unit, or performing in it, are never missing.
 */
export function missingAlerts(input: AlertInput): MissingAlert[] {
  const may = mayScore(input);
  return justFinished(input).flatMap(({ part, team }) =>
    input.jury
      .filter(
        (j) =>
          may(team, j) &&
          !input.scores.some((s) => s.partId === part.id && s.teamId === team.id && s.judgeUserId === j.id),
      )
      .sort((a, b) => a.name.localeCompare(b.name, "vi"))
      .map((j) => ({
        kind: "missing" as const,
        key: `missing:${part.id}:${team.id}:${j.id}`,
        teamId: team.id,
        team: team.name,
        partId: part.id,
        part: part.name,
        judgeId: j.id,
        judge: j.name,
      })),
  );
}

/** The alerts that hold now for a stage contest: missing judges first, then disagreements. */
export async function stageAlerts(db: Db, contestId: number): Promise<StageAlert[]> {
  const contest = await loadStageContest(db, contestId);
  const [parts, teamRows, jury, scores, performers, stopped] = await Promise.all([
    db
      .select({
        id: stageParts.id,
        name: stageParts.name,
        maxScore: stageParts.maxScore,
        scoring: stageParts.scoring,
        closedAt: stageParts.closedAt,
      })
      .from(stageParts)
      .where(eq(stageParts.contestId, contestId))
      .orderBy(asc(stageParts.position)),
    stageTeams(db, contestId),
    db
      .select({ id: users.id, name: users.fullName, unitId: users.unitId })
      .from(stageJudges)
      .innerJoin(users, eq(users.id, stageJudges.userId))
      .where(eq(stageJudges.contestId, contestId)),
    db
      .select({
        partId: stageScores.partId,
        teamId: stageScores.teamId,
        judgeUserId: stageScores.judgeUserId,
        totalTenths: stageScores.totalTenths,
      })
      .from(stageScores)
      .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
      .where(eq(stageParts.contestId, contestId)),
    db
      .select({ teamId: teamMembers.teamId, userId: stageJudges.userId })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .innerJoin(
        stageJudges,
        and(eq(stageJudges.contestId, contestId), eq(stageJudges.userId, teamMembers.userId)),
      )
      .where(eq(teams.contestId, contestId)),
    db
      .select({ partId: stagePartResults.partId, teamId: stagePartResults.teamId })
      .from(stagePartResults)
      .innerJoin(stageParts, eq(stageParts.id, stagePartResults.partId))
      .where(and(eq(stageParts.contestId, contestId), isNotNull(stagePartResults.stoppedAt))),
  ]);
  const input: AlertInput = {
    parts,
    teams: teamRows,
    jury,
    scores,
    performers,
    spreadPct: contest.stageSpreadPct,
    stopped,
  };
  return [...missingAlerts(input), ...spreadAlerts(input)];
}

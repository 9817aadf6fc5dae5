/**
 * The secretary (thư ký) of a stage contest: juries that score on paper hand
 * their signed sheets to an organiser, who types them in on the judge's
 * behalf. The score goes through the judge's own save (saveJudgeScore: the
 * criterion maxima, the part still open, the version rule), recorded as from
 * paper and by whom; the blank sheets and each judge's summary to sign
 * (biên bản chấm điểm) are read from here too.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { stageCriteria, stageJudges, stageParts, stageScores, users } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { placeOf } from "./certificates.server";
import { saveJudgeScore, type ScoreOutcome } from "./stage-judging.server";
import { byPerformance, loadStageContest, stageTeams } from "./stage.server";

/** Everything the secretary's page and the printed sheets show: jury, judged parts, teams, every score. */
export async function paperBoard(db: Db, contestId: number) {
  const contest = await loadStageContest(db, contestId);
  const [judges, parts, criteria, teamRows, scores] = await Promise.all([
    db
      .select({ id: users.id, name: users.fullName, unitId: users.unitId })
      .from(stageJudges)
      .innerJoin(users, eq(users.id, stageJudges.userId))
      .where(eq(stageJudges.contestId, contestId))
      .orderBy(asc(users.fullName)),
    db
      .select({
        id: stageParts.id,
        name: stageParts.name,
        maxScore: stageParts.maxScore,
        closedAt: stageParts.closedAt,
      })
      .from(stageParts)
      .where(and(eq(stageParts.contestId, contestId), eq(stageParts.scoring, "judges")))
      .orderBy(asc(stageParts.position)),
    db
      .select({
        id: stageCriteria.id,
        partId: stageCriteria.partId,
        name: stageCriteria.name,
        maxScore: stageCriteria.maxScore,
      })
      .from(stageCriteria)
      .innerJoin(stageParts, eq(stageParts.id, stageCriteria.partId))
      .where(eq(stageParts.contestId, contestId))
      .orderBy(asc(stageCriteria.id)),
    stageTeams(db, contestId),
    db
      .select({
        partId: stageScores.partId,
        teamId: stageScores.teamId,
        judgeUserId: stageScores.judgeUserId,
        criteria: stageScores.criteria,
        totalTenths: stageScores.totalTenths,
        comment: stageScores.comment,
        version: stageScores.version,
        source: stageScores.source,
        enteredByName: sql<
          string | null
        >`(SELECT full_name FROM users WHERE users.id = ${stageScores.enteredByUserId})`,
      })
      .from(stageScores)
      .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
      .where(eq(stageParts.contestId, contestId)),
  ]);
  return {
    contest: {
      id: contest.id,
      title: contest.title,
      state: contest.state,
      wardName: contest.wardName,
      place: placeOf(contest.wardName),
    },
    judges,
    // A part without criteria is scored as one box, "total", up to the part's maximum.
    parts: parts.map((p) => {
      const own = criteria.filter((c) => c.partId === p.id);
      return {
        ...p,
        criteria: own.length
          ? own.map((c) => ({ key: String(c.id), name: c.name, maxScore: c.maxScore }))
          : [{ key: "total", name: "", maxScore: p.maxScore }],
      };
    }),
    teams: [...teamRows]
      .sort(byPerformance)
      .map((t) => ({ id: t.id, number: t.number, name: t.name, unitId: t.unitId, unitName: t.unitName })),
    scores,
  };
}

export type PaperBoard = Awaited<ReturnType<typeof paperBoard>>;

/** Paper scores as the committee and organiser pages list them: part, team, judge and who typed it in. */
export function paperEntries(db: Db, contestId: number) {
  return db
    .select({
      partId: stageScores.partId,
      teamId: stageScores.teamId,
      judgeName: users.fullName,
      enteredByName: sql<
        string | null
      >`(SELECT full_name FROM users WHERE users.id = ${stageScores.enteredByUserId})`,
    })
    .from(stageScores)
    .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
    .innerJoin(users, eq(users.id, stageScores.judgeUserId))
    .where(and(eq(stageParts.contestId, contestId), eq(stageScores.source, "paper")))
    .orderBy(asc(users.fullName));
}

export type PaperRow = {
  teamId: number;
  /** Points per criterion key (or `total`), with one decimal. */
  values: Record<string, number>;
  comment: string;
  /** The version of the score the secretary's page showed (0: none). */
  base: number;
};

export type PaperOutcome = { teamId: number } & ScoreOutcome;

/**
 * Saves one judge's paper sheet for a part, row by row (a team), as that
 * judge would have from their phone, by the organiser `actor`. Every row is
 * checked against the criteria's maxima first, so a sheet with a mistake
 * saves nothing (the message names the team and the criterion). A row whose
 * score changed since the page showed it (the judge saved from the phone) is
 * a conflict and keeps the held score.
 */
export async function savePaperSheet(
  db: Db,
  input: {
    contestId: number;
    partId: number;
    judgeUserId: number;
    rows: PaperRow[];
    actor: Actor & { id: number };
  },
  now = Date.now(),
): Promise<PaperOutcome[]> {
  authorize(input.actor, "stage.paper");
  const board = await paperBoard(db, input.contestId);
  const part = board.parts.find((p) => p.id === input.partId);
  if (!part) throw new DomainError("contest.notFound", 404);
  if (!board.judges.some((j) => j.id === input.judgeUserId)) throw new DomainError("stage.notJudge", 403);
  for (const row of input.rows) {
    const team = board.teams.find((t) => t.id === row.teamId);
    if (!team) throw new DomainError("contest.notFound", 404);
    for (const c of part.criteria) {
      const score = row.values[c.key];
      if (score === undefined || !Number.isFinite(score))
        throw new DomainError("stagePaper.missing", 422, { team: team.name, criterion: c.name || part.name });
      if (score < 0 || score > c.maxScore)
        throw new DomainError("stagePaper.overMax", 422, {
          team: team.name,
          criterion: c.name || part.name,
          max: c.maxScore,
        });
    }
  }
  const outcomes: PaperOutcome[] = [];
  for (const row of input.rows) {
    const outcome = await saveJudgeScore(
      db,
      {
        contestId: input.contestId,
        partId: input.partId,
        teamId: row.teamId,
        judge: { id: input.judgeUserId, role: "judge" },
        values: row.values,
        comment: row.comment,
        base: row.base,
        enteredBy: input.actor,
      },
      now,
    );
    outcomes.push({ teamId: row.teamId, ...outcome });
  }
  return outcomes;
}

/** One judge's scores in every part and team, as the biên bản chấm điểm lists them for the judge to sign. */
export async function judgeSummary(db: Db, contestId: number, judgeUserId: number) {
  const board = await paperBoard(db, contestId);
  const judge = board.judges.find((j) => j.id === judgeUserId);
  if (!judge) throw new DomainError("stage.notJudge", 404);
  const scores = board.scores.filter((s) => s.judgeUserId === judgeUserId);
  return {
    contest: board.contest,
    judge: { id: judge.id, name: judge.name },
    parts: board.parts.map((part) => ({
      ...part,
      rows: board.teams.map((team) => {
        const score = scores.find((s) => s.partId === part.id && s.teamId === team.id);
        return {
          team,
          criteria: score?.criteria ?? null,
          totalTenths: score?.totalTenths ?? null,
          source: score?.source ?? null,
        };
      }),
    })),
    totalTenths: scores.reduce((sum, s) => sum + s.totalTenths, 0),
  };
}

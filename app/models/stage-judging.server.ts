/**
 * During a stage contest: judges save scores (one row per part, team and
 * judge, updated in place), organisers record knowledge marks and overtime,
 * the committee closes parts and breaks ties the rules cannot.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  contests,
  stageCriteria,
  stageJudges,
  stageKnowledgeMarks,
  stagePartResults,
  stageParts,
  stageScores,
  teamMembers,
  teams,
  users,
} from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditBy } from "./audit.server";
import { requireRosterMember } from "./committee.server";
import { computeStage, tieKey } from "./stage-results.server";
import {
  byPerformance,
  isFinal,
  loadStageContest,
  loadStagePart,
  loadStageTeam,
  requireOpenPart,
  stageTeams,
} from "./stage.server";

async function isMember(db: Db, teamId: number, userId: number) {
  const [row] = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return Boolean(row);
}

/** Refuses anyone who is not on this contest's jury (an admin is not a judge either). */
export async function requireJudgeOf(db: Db, contestId: number, userId: number) {
  const [row] = await db
    .select({ unitId: users.unitId })
    .from(stageJudges)
    .innerJoin(users, eq(users.id, stageJudges.userId))
    .where(and(eq(stageJudges.contestId, contestId), eq(stageJudges.userId, userId)));
  if (!row) throw new DomainError("stage.notJudge", 403);
  return row;
}

/** Stage contests this judge is assigned to (drafts excluded). */
export function judgeContests(db: Db, userId: number) {
  return db
    .select({ id: contests.id, title: contests.title, state: contests.state, opensAt: contests.opensAt })
    .from(stageJudges)
    .innerJoin(contests, eq(contests.id, stageJudges.contestId))
    .where(and(eq(stageJudges.userId, userId), sql`${contests.state} <> 'draft'`))
    .orderBy(asc(contests.opensAt));
}

/** The judge's own view: parts they score, teams in order of performance, and their saved scores. */
export async function judgeBoard(db: Db, contestId: number, judgeUserId: number) {
  const contest = await loadStageContest(db, contestId);
  const judge = await requireJudgeOf(db, contestId, judgeUserId);
  const [parts, criteria, teamRows, mine] = await Promise.all([
    db
      .select()
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
        criteria: stageScores.criteria,
        totalTenths: stageScores.totalTenths,
        comment: stageScores.comment,
        version: stageScores.version,
        updatedAt: stageScores.updatedAt,
        // Typed in from the judge's paper sheet by the secretary: the judge's phone says so.
        source: stageScores.source,
        enteredByName: sql<
          string | null
        >`(SELECT full_name FROM users WHERE users.id = ${stageScores.enteredByUserId})`,
      })
      .from(stageScores)
      .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
      .where(and(eq(stageParts.contestId, contestId), eq(stageScores.judgeUserId, judgeUserId))),
  ]);
  const memberOf = new Set(
    (
      await db
        .select({ teamId: teamMembers.teamId })
        .from(teamMembers)
        .where(eq(teamMembers.userId, judgeUserId))
    ).map((m) => m.teamId),
  );
  return {
    contest,
    parts: parts.map((p) => ({ ...p, criteria: criteria.filter((c) => c.partId === p.id) })),
    // A judge does not score a team of their own unit, nor one they perform in.
    teams: [...teamRows].sort(byPerformance).map((t) => ({
      ...t,
      ownUnit: (t.unitId !== null && t.unitId === judge.unitId) || memberOf.has(t.id),
    })),
    scores: mine,
  };
}

export type ScoreInput = {
  contestId: number;
  partId: number;
  teamId: number;
  judge: Actor & { id: number };
  /** Points per criterion id (or `{ total: points }` for a part without criteria), in points with one decimal. */
  values: Record<string, number>;
  comment: string;
  /**
   * The version of this score the judge's sheet saw (0: none saved yet): the save replaces that
   * version only (decision 006). Left out by callers with no sheet (scripts, tests): last write wins.
   */
  base?: number;
  /**
   * A paper sheet typed in for the judge by this organiser (the secretary, app/models/stage-paper.server.ts):
   * the same rules, but the organiser's permission, and the row records who typed it and that it came from paper.
   */
  enteredBy?: Actor & { id: number };
  /**
   * The judge the score was made by, as the phone that kept it says: one judge's score kept on a
   * tablet the panel shares is never saved under another judge's session (it waits for its owner).
   */
  madeBy?: number;
};

/** What a save did: `conflict` when the sheet's base is not the server's version (another phone saved since). */
export type ScoreOutcome =
  | { outcome: "saved"; totalTenths: number; version: number }
  | {
      outcome: "conflict";
      totalTenths: number;
      version: number;
      values: Record<string, number>;
      comment: string | null;
    };

/** Points → tenths, refusing anything off the 0.1 grid, negative or above the maximum. */
function toTenths(points: number, max: number) {
  const tenths = Math.round(points * 10);
  if (!Number.isFinite(points) || Math.abs(tenths - points * 10) > 1e-6 || tenths < 0 || tenths > max * 10)
    return null;
  return tenths;
}

/** The judge's points per criterion (or for the part's total) in tenths, every one present and in range. */
async function scoreTenths(
  db: Db,
  part: Awaited<ReturnType<typeof loadStagePart>>,
  values: ScoreInput["values"],
): Promise<Record<string, number>> {
  const criteria = await db.select().from(stageCriteria).where(eq(stageCriteria.partId, part.id));
  const expected = criteria.length
    ? criteria.map((c) => ({ key: String(c.id), max: c.maxScore }))
    : [{ key: "total", max: part.maxScore }];
  const keys = Object.keys(values);
  if (keys.length !== expected.length || keys.some((k) => !expected.some((e) => e.key === k)))
    throw new DomainError("stage.scoreMissing", 422);
  const tenths: Record<string, number> = {};
  for (const e of expected) {
    const v = toTenths(values[e.key], e.max);
    if (v === null) throw new DomainError("stage.scoreRange", 422);
    tenths[e.key] = v;
  }
  return tenths;
}

/**
 * A save that changed nothing: refused if the part closed meanwhile, "saved" if
 * the server already holds exactly this score, else the held score as a conflict.
 */
async function unsavedOutcome(
  db: Db,
  input: ScoreInput,
  {
    partId,
    teamId,
    tenths,
    totalTenths,
    comment,
  }: {
    partId: number;
    teamId: number;
    tenths: Record<string, number>;
    totalTenths: number;
    comment: string | null;
  },
): Promise<ScoreOutcome> {
  await requireOpenPart(db, input.contestId, partId);
  const [current] = await db
    .select({
      criteria: stageScores.criteria,
      totalTenths: stageScores.totalTenths,
      comment: stageScores.comment,
      version: stageScores.version,
    })
    .from(stageScores)
    .where(
      and(
        eq(stageScores.partId, partId),
        eq(stageScores.teamId, teamId),
        eq(stageScores.judgeUserId, input.judge.id),
      ),
    );
  if (!current) throw new DomainError("stage.partClosed", 409);
  // A retry of a save whose reply was lost: the server already holds exactly this score.
  if (JSON.stringify(current.criteria) === JSON.stringify(tenths) && current.comment === comment)
    return { outcome: "saved", totalTenths, version: current.version };
  return {
    outcome: "conflict",
    totalTenths: current.totalTenths,
    version: current.version,
    values: current.criteria,
    comment: current.comment,
  };
}

/**
 * Saves a judge's score for one team in one part. A second save updates
 * the same row (never a duplicate); a save from a sheet that saw an older
 * version than the stored one changes nothing and returns the held score
 * (decision 006: the server orders saves, never a phone's clock); a closed
 * part refuses it.
 */
export async function saveJudgeScore(db: Db, input: ScoreInput, now = Date.now()): Promise<ScoreOutcome> {
  if (input.enteredBy) authorize(input.enteredBy, "stage.paper");
  else authorize(input.judge, "stage.score");
  if (input.madeBy !== undefined && input.madeBy !== input.judge.id)
    throw new DomainError("judge.otherJudgesScore", 404);
  const contest = await loadStageContest(db, input.contestId);
  const judge = await requireJudgeOf(db, input.contestId, input.judge.id);
  const part = await loadStagePart(db, input.contestId, input.partId);
  const team = await loadStageTeam(db, input.contestId, input.teamId);
  if (part.scoring !== "judges") throw new DomainError("stage.notJudgedPart", 422);
  if (team.unitId !== null && team.unitId === judge.unitId) throw new DomainError("stage.ownUnit", 403);
  if (await isMember(db, team.id, input.judge.id)) throw new DomainError("stage.ownUnit", 403);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  if (contest.state === "draft") throw new DomainError("start.notPublished", 409);
  if (part.closedAt !== null) throw new DomainError("stage.partClosed", 409);

  const tenths = await scoreTenths(db, part, input.values);
  const totalTenths = Object.values(tenths).reduce((s, v) => s + v, 0);
  const comment = input.comment.trim().slice(0, 1000) || null;

  // The part's "still open" check happens inside the write, atomically with it, and so does the
  // version: a save replaces the version its sheet saw, from whichever phone, whatever its clock.
  const [held] = await db
    .select({ version: stageScores.version })
    .from(stageScores)
    .where(
      and(
        eq(stageScores.partId, part.id),
        eq(stageScores.teamId, team.id),
        eq(stageScores.judgeUserId, input.judge.id),
      ),
    );
  const base = input.base ?? held?.version ?? 0;
  const version = base + 1;
  const source = input.enteredBy ? "paper" : "judge";
  const enteredBy = input.enteredBy?.id ?? null;
  const result = await db.run(sql`
    INSERT INTO stage_scores (part_id, team_id, judge_user_id, criteria, total_tenths, comment, seq, version, updated_at, source, entered_by_user_id)
    SELECT ${part.id}, ${team.id}, ${input.judge.id}, ${JSON.stringify(tenths)}, ${totalTenths}, ${comment}, 0, ${version}, ${now}, ${source}, ${enteredBy}
    WHERE EXISTS (SELECT 1 FROM stage_parts WHERE id = ${part.id} AND closed_at IS NULL)
      AND EXISTS (SELECT 1 FROM contests WHERE id = ${input.contestId} AND state NOT IN ('locked', 'announced'))
    ON CONFLICT (part_id, team_id, judge_user_id) DO UPDATE SET
      criteria = excluded.criteria, total_tenths = excluded.total_tenths, comment = excluded.comment,
      version = excluded.version, updated_at = excluded.updated_at,
      source = excluded.source, entered_by_user_id = excluded.entered_by_user_id
    WHERE stage_scores.version + 1 = excluded.version`);
  if (result.rowsAffected === 0)
    return unsavedOutcome(db, input, { partId: part.id, teamId: team.id, tenths, totalTenths, comment });
  await auditBy(
    db,
    input.enteredBy ?? input.judge,
    input.enteredBy ? "stage.paperScore" : "stage.score",
    ["stage_part", part.id],
    {
      after: { teamId: team.id, judgeUserId: input.judge.id, criteria: tenths, totalTenths, comment, source },
    },
    now,
  );
  return { outcome: "saved", totalTenths, version };
}

/**
 * Records the knowledge part's marks: for each question, the teams that
 * answered right. Every team gets a mark for every question (right or wrong);
 * in first-to-answer mode at most one team is right per question.
 */
export async function saveKnowledgeMarks(
  db: Db,
  input: { contestId: number; partId: number; right: Record<number, number[]>; actor: Actor },
  now = Date.now(),
) {
  authorize(input.actor, "stage.mark");
  const part = await requireOpenPart(db, input.contestId, input.partId);
  if (part.scoring !== "knowledge" || !part.knowledgeQuestions)
    throw new DomainError("stage.notKnowledgePart", 422);
  const teamIds = (
    await db.select({ id: teams.id }).from(teams).where(eq(teams.contestId, input.contestId))
  ).map((t) => t.id);
  const rows = [];
  for (let q = 1; q <= part.knowledgeQuestions; q++) {
    const right = input.right[q] ?? [];
    if (right.some((id) => !teamIds.includes(id))) throw new DomainError("contest.notFound", 404);
    if (part.knowledgeMode === "buzzer" && right.length > 1)
      throw new DomainError("stage.buzzerOneTeam", 422);
    for (const teamId of teamIds)
      rows.push({ partId: part.id, questionNo: q, teamId, correct: right.includes(teamId) });
  }
  await db.batch([
    db.delete(stageKnowledgeMarks).where(eq(stageKnowledgeMarks.partId, part.id)),
    db.insert(stageKnowledgeMarks).values(rows),
    auditBy(db, input.actor, "stage.knowledge", ["stage_part", part.id], { after: input.right }, now),
  ]);
}

/** Seconds a team went over a part's time limit, as the timekeeper recorded them. */
export async function saveOvertime(
  db: Db,
  input: { contestId: number; partId: number; teamId: number; overtimeSec: number; actor: Actor },
  now = Date.now(),
) {
  authorize(input.actor, "stage.mark");
  const part = await requireOpenPart(db, input.contestId, input.partId);
  await loadStageTeam(db, input.contestId, input.teamId);
  if (!part.timeLimitSec) throw new DomainError("stage.noTimeLimit", 422);
  if (!(Number.isInteger(input.overtimeSec) && input.overtimeSec >= 0 && input.overtimeSec <= 3 * 3600))
    throw new DomainError("stage.overtimeRange", 422);
  await db.batch([
    db
      .insert(stagePartResults)
      .values({ partId: part.id, teamId: input.teamId, overtimeSec: input.overtimeSec })
      .onConflictDoUpdate({
        target: [stagePartResults.partId, stagePartResults.teamId],
        set: { overtimeSec: input.overtimeSec },
      }),
    auditBy(
      db,
      input.actor,
      "stage.overtime",
      ["stage_part", part.id],
      { after: { teamId: input.teamId, overtimeSec: input.overtimeSec } },
      now,
    ),
  ]);
}

/** The committee closes a part (judges can no longer save) or reopens it before the lock. */
export async function setPartClosed(
  db: Db,
  input: { contestId: number; partId: number; closed: boolean; actor: Actor },
  now = Date.now(),
) {
  authorize(input.actor, "stage.closePart");
  await requireRosterMember(db, input.contestId, input.actor);
  const contest = await loadStageContest(db, input.contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  await loadStagePart(db, input.contestId, input.partId);
  await db.batch([
    db
      .update(stageParts)
      .set({ closedAt: input.closed ? now : null })
      .where(and(eq(stageParts.id, input.partId), input.closed ? isNull(stageParts.closedAt) : sql`1`)),
    auditBy(
      db,
      input.actor,
      input.closed ? "stage.closePart" : "stage.reopenPart",
      ["stage_part", input.partId],
      {},
      now,
    ),
  ]);
}

/**
 * The committee's decision between teams tied on total and tie-break part:
 * the given order of the whole tied group (best first) is stored and logged
 * with the reason.
 */
export async function decideTie(
  db: Db,
  input: { contestId: number; teamIds: number[]; reason: string; actor: Actor },
  now = Date.now(),
) {
  authorize(input.actor, "stage.decideTie");
  await requireRosterMember(db, input.contestId, input.actor);
  if (input.reason.trim().length < 5) throw new DomainError("review.reasonRequired", 422);
  const contest = await loadStageContest(db, input.contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  const found = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.contestId, input.contestId), inArray(teams.id, input.teamIds)));
  if (new Set(input.teamIds).size !== input.teamIds.length)
    throw new DomainError("stage.tieOrderInvalid", 422);
  if (found.length !== input.teamIds.length || found.length < 2)
    throw new DomainError("contest.notFound", 404);
  // The decision is of this exact tie: the whole group tied now, with these scores.
  const stage = await computeStage(db, contest);
  const chosen = stage.teams.filter((t) => input.teamIds.includes(t.id));
  const [first] = chosen;
  const group = stage.teams.filter(
    (t) =>
      t.status === "ranked" &&
      t.totalHundredths === first.totalHundredths &&
      t.tieBreakHundredths === first.tieBreakHundredths,
  );
  if (group.length !== chosen.length || chosen.some((t) => !group.includes(t)))
    throw new DomainError("stage.tieChanged", 409);
  const key = tieKey(group);
  await db.batch([
    auditBy(
      db,
      input.actor,
      "stage.decideTie",
      ["contest", input.contestId],
      {
        after: {
          teamIds: input.teamIds,
          reason: input.reason.trim(),
          tie: group.map((t) => ({ id: t.id, name: t.name, total: t.totalHundredths / 100 })),
        },
      },
      now,
    ),
    ...input.teamIds.map((id, i) =>
      db
        .update(teams)
        .set({ committeeTieOrder: i + 1, committeeTieKey: key })
        .where(eq(teams.id, id)),
    ),
  ]);
}

/** The right answers recorded so far in a contest's knowledge parts: part → question → team ids. */
export async function knowledgeSheet(db: Db, contestId: number) {
  const rows = await db
    .select({
      partId: stageKnowledgeMarks.partId,
      questionNo: stageKnowledgeMarks.questionNo,
      teamId: stageKnowledgeMarks.teamId,
    })
    .from(stageKnowledgeMarks)
    .innerJoin(stageParts, eq(stageParts.id, stageKnowledgeMarks.partId))
    .where(and(eq(stageParts.contestId, contestId), eq(stageKnowledgeMarks.correct, true)));
  return rows.map((r) => `${r.partId}:${r.questionNo}:${r.teamId}`);
}

/** Every judge's score with comment, for the committee to read where judges disagree. */
export function judgeScoreSheet(db: Db, contestId: number) {
  return db
    .select({
      partId: stageScores.partId,
      teamId: stageScores.teamId,
      judgeName: users.fullName,
      totalTenths: stageScores.totalTenths,
      comment: stageScores.comment,
      source: stageScores.source,
      enteredByName: sql<
        string | null
      >`(SELECT full_name FROM users WHERE users.id = ${stageScores.enteredByUserId})`,
    })
    .from(stageScores)
    .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
    .innerJoin(users, eq(users.id, stageScores.judgeUserId))
    .where(eq(stageParts.contestId, contestId))
    .orderBy(asc(stageScores.partId), asc(stageScores.teamId), asc(users.fullName));
}

/**
 * Setting up a stage contest (hội thi tuyên truyền): its settings and team
 * prizes, parts with criteria, the jury, and the order of performance drawn
 * by lot. Scoring lives in stage-judging.server.ts, results in stage-results.server.ts.
 */
import { randomInt } from "node:crypto";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  contestPrizes,
  contests,
  stageCriteria,
  stageJudges,
  stageParts,
  stageScores,
  teams,
  units,
  users,
} from "#db/schema";
import { DomainError } from "~/utils/errors";
import type { Message } from "~/utils/i18n";
import { formatDateTime } from "~/utils/format";
import { slugInvalid } from "./contest.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import {
  AMENDMENT_NEEDS_REASON,
  amendmentInsert,
  STAGE_OVER,
  stageOver,
  stageScored,
  type Change,
} from "./contest-amendments.server";
import { prizeRowProblem } from "./contest-admin.server";
import { insertDraft, publishDraft } from "./contest-publish.server";

export type StageSettings = {
  title: string;
  slug: string;
  description: string;
  opensAt: number;
  closesAt: number;
  stageAggregation: "mean" | "trimmed_mean";
  stageHideTotals: boolean;
  stageSpreadPct: number;
  /** A giải khán giả bình chọn is held (absent: unchanged). */
  audienceVote?: boolean;
};

export type StagePrize = { rank: number; label: string; count: number; amount: number };

export type StageProblems = Partial<Record<keyof StageSettings | "prizes", string>>;

export function validateStageSettings(s: StageSettings, prizes: StagePrize[]): StageProblems {
  const p: StageProblems = {};
  if (s.title.trim().length < 5) p.title = "stageSettings.titleShort";
  if (slugInvalid(s.slug)) p.slug = "contestSettings.slugInvalid";
  if (!Number.isFinite(s.opensAt)) p.opensAt = "contestSettings.opensAtMissing";
  if (!Number.isFinite(s.closesAt)) p.closesAt = "contestSettings.closesAtMissing";
  else if (s.closesAt <= s.opensAt) p.closesAt = "contestSettings.closesBeforeOpens";
  if (!(s.stageSpreadPct >= 1 && s.stageSpreadPct <= 100)) p.stageSpreadPct = "stageSettings.spread";
  const prizeProblem = prizeRowProblem(prizes);
  if (prizeProblem) p.prizes = prizeProblem;
  return p;
}

function prizeRows(contestId: number, prizes: StagePrize[]) {
  return prizes.map((p) => ({ ...p, contestId, category: "team" as const }));
}

export async function createStageContest(
  db: Db,
  input: { settings: StageSettings; prizes: StagePrize[]; wardName: string },
  actor: Actor,
  now = Date.now(),
) {
  const id = await insertDraft(
    db,
    {
      ...input.settings,
      kind: "stage",
      wardName: input.wardName,
      draw: { mode: "fixed", questionIds: [] },
      entryModes: "team",
      updatedAt: now,
    },
    actor,
    now,
  );
  await db.batch([
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "stage.create",
        entity: "contest",
        entityId: id,
        after: input,
      },
      now,
    ),
    ...(input.prizes.length ? [db.insert(contestPrizes).values(prizeRows(id, input.prizes))] : []),
  ]);
  return id;
}

/** A contest's teams with their unit's name, by number. */
export function stageTeams(db: Db, contestId: number) {
  return db
    .select({
      id: teams.id,
      number: teams.number,
      name: teams.name,
      unitId: teams.unitId,
      unitName: units.name,
      performanceOrder: teams.performanceOrder,
      committeeTieOrder: teams.committeeTieOrder,
      committeeTieKey: teams.committeeTieKey,
    })
    .from(teams)
    .leftJoin(units, eq(units.id, teams.unitId))
    .where(eq(teams.contestId, contestId))
    .orderBy(asc(teams.number));
}

/** In order of performance once drawn, else by number. */
export const byPerformance = (a: { performanceOrder: number | null; number: number }, b: typeof a) =>
  (a.performanceOrder ?? a.number) - (b.performanceOrder ?? b.number);

export async function loadStageContest(db: Db, contestId: number) {
  const [contest] = await db.select().from(contests).where(eq(contests.id, contestId));
  if (!contest || contest.kind !== "stage") throw new DomainError("contest.notFound", 404);
  return contest;
}

export const isFinal = (state: string) => state === "locked" || state === "announced";

/** A part of this stage contest (404 for another contest's). */
export async function loadStagePart(db: Db, contestId: number, partId: number) {
  const [part] = await db
    .select()
    .from(stageParts)
    .where(and(eq(stageParts.id, partId), eq(stageParts.contestId, contestId)));
  if (!part) throw new DomainError("contest.notFound", 404);
  return part;
}

/** A team of this stage contest (404 for another contest's). */
export async function loadStageTeam(db: Db, contestId: number, teamId: number) {
  const [team] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.contestId, contestId)));
  if (!team) throw new DomainError("contest.notFound", 404);
  return team;
}

/** A part that may still change during the show: the results are not locked and the committee has not closed it. */
export async function requireOpenPart(db: Db, contestId: number, partId: number) {
  const contest = await loadStageContest(db, contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  const part = await loadStagePart(db, contestId, partId);
  if (part.closedAt !== null) throw new DomainError("stage.partClosed", 409);
  return part;
}

/**
 * Saves a stage contest's settings. From the first score, a change to how
 * scores are combined or to the prizes is an amendment (a reason and a dated
 * record on the contest page); once every part is closed, none.
 */
export async function updateStageSettings(
  db: Db,
  contestId: number,
  input: { settings: StageSettings; prizes: StagePrize[]; reason?: string },
  actor: Actor,
  now = Date.now(),
): Promise<{ amendmentReason?: string; stageAggregation?: string }> {
  authorize(actor, "stage.setup");
  const before = await loadStageContest(db, contestId);
  if (isFinal(before.state)) throw new DomainError("review.locked", 409);
  const changes: Change[] = [];
  if (await stageScored(db, contestId)) {
    const beforePrizes = await db.select().from(contestPrizes).where(eq(contestPrizes.contestId, contestId));
    const aggregation = { mean: "trung bình cộng", trimmed_mean: "bỏ điểm cao nhất và thấp nhất" };
    if ((before.stageAggregation ?? "mean") !== input.settings.stageAggregation)
      changes.push({
        field: "Cách tính điểm phần thi",
        before: aggregation[before.stageAggregation ?? "mean"],
        after: aggregation[input.settings.stageAggregation],
      });
    const prizeText = (p: { label: string; count: number; amount: number }[]) =>
      p.map((x) => `${x.label} ×${x.count}: ${x.amount}`).join("; ") || "(không có)";
    if (prizeText(beforePrizes) !== prizeText(input.prizes))
      changes.push({
        field: "Cơ cấu giải thưởng",
        before: prizeText(beforePrizes),
        after: prizeText(input.prizes),
      });
    if (before.opensAt !== input.settings.opensAt || before.closesAt !== input.settings.closesAt)
      changes.push({
        field: "Thời gian",
        before: `${formatDateTime(before.opensAt)} – ${formatDateTime(before.closesAt)}`,
        after: `${formatDateTime(input.settings.opensAt)} – ${formatDateTime(input.settings.closesAt)}`,
      });
  }
  const reason = input.reason?.trim() ?? "";
  if (changes.length) {
    authorize(actor, "contest.amend");
    if (await stageOver(db, before)) return { stageAggregation: STAGE_OVER };
    if (reason.length < 5) return { amendmentReason: AMENDMENT_NEEDS_REASON };
  }
  await db.batch([
    db
      .update(contests)
      .set({ ...input.settings, updatedAt: now })
      .where(eq(contests.id, contestId)),
    db.delete(contestPrizes).where(eq(contestPrizes.contestId, contestId)),
    ...(input.prizes.length ? [db.insert(contestPrizes).values(prizeRows(contestId, input.prizes))] : []),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: changes.length ? "contest.amend" : "stage.settings",
        entity: "contest",
        entityId: contestId,
        after: changes.length ? { ...input, changes } : input,
      },
      now,
    ),
    ...(changes.length
      ? [amendmentInsert(db, { contestId, reason, changes, rules: before.rules }, actor, now)]
      : []),
  ]);
  return {};
}

/** Everything the setup screens show: parts with criteria, teams, judges (assigned and available). */
export async function stageSetup(db: Db, contestId: number) {
  const contest = await loadStageContest(db, contestId);
  const [parts, criteria, teamRows, judgeRows, assigned, prizes] = await Promise.all([
    db.select().from(stageParts).where(eq(stageParts.contestId, contestId)).orderBy(asc(stageParts.position)),
    db
      .select()
      .from(stageCriteria)
      .innerJoin(stageParts, eq(stageParts.id, stageCriteria.partId))
      .where(eq(stageParts.contestId, contestId))
      .orderBy(asc(stageCriteria.id)),
    stageTeams(db, contestId),
    db
      .select({ id: users.id, fullName: users.fullName, phone: users.phone, unitName: units.name })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(and(eq(users.role, "judge"), sql`${users.disabledAt} IS NULL`))
      .orderBy(asc(users.fullName)),
    db.select({ userId: stageJudges.userId }).from(stageJudges).where(eq(stageJudges.contestId, contestId)),
    db
      .select()
      .from(contestPrizes)
      .where(eq(contestPrizes.contestId, contestId))
      .orderBy(asc(contestPrizes.rank)),
  ]);
  const assignedIds = new Set(assigned.map((a) => a.userId));
  return {
    contest,
    prizes,
    parts: parts.map((p) => ({
      ...p,
      criteria: criteria.filter((c) => c.stage_criteria.partId === p.id).map((c) => c.stage_criteria),
    })),
    teams: teamRows,
    judges: judgeRows.map((j) => ({ ...j, assigned: assignedIds.has(j.id) })),
  };
}

/** Assigns the jury; a judge who has already scored cannot be removed. */
export async function setJudges(
  db: Db,
  contestId: number,
  userIds: number[],
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "stage.setup");
  const contest = await loadStageContest(db, contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  const valid = userIds.length
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, userIds), eq(users.role, "judge")))
    : [];
  const keep = new Set(valid.map((v) => v.id));
  const scored = await db
    .selectDistinct({ userId: stageScores.judgeUserId })
    .from(stageScores)
    .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
    .where(eq(stageParts.contestId, contestId));
  if (scored.some((s) => !keep.has(s.userId))) throw new DomainError("stage.judgeHasScores", 409);
  await db.batch([
    db.delete(stageJudges).where(eq(stageJudges.contestId, contestId)),
    ...(keep.size ? [db.insert(stageJudges).values([...keep].map((userId) => ({ contestId, userId })))] : []),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "stage.judges",
        entity: "contest",
        entityId: contestId,
        after: [...keep],
      },
      now,
    ),
  ]);
}

/**
 * Draws the order of performance by lot (a Fisher–Yates shuffle with a
 * cryptographic random source) and records it with the time. Refused once
 * scoring has begun, so the order cannot be redrawn to suit anyone.
 */
export async function drawPerformanceOrder(db: Db, contestId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "stage.setup");
  const contest = await loadStageContest(db, contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  const [{ n }] = await db
    .select({ n: count() })
    .from(stageScores)
    .innerJoin(stageParts, eq(stageParts.id, stageScores.partId))
    .where(eq(stageParts.contestId, contestId));
  if (n > 0) throw new DomainError("stage.drawAfterScoring", 409);
  const list = await db
    .select({ id: teams.id, number: teams.number })
    .from(teams)
    .where(eq(teams.contestId, contestId))
    .orderBy(asc(teams.number));
  if (list.length < 2) throw new DomainError("stage.tooFewTeams", 422);
  const order = [...list];
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  await db.batch([
    db.update(contests).set({ stageOrderDrawnAt: now, updatedAt: now }).where(eq(contests.id, contestId)),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "stage.drawOrder",
        entity: "contest",
        entityId: contestId,
        after: { order: order.map((t) => t.number) },
      },
      now,
    ),
    ...order.map((t, i) =>
      db
        .update(teams)
        .set({ performanceOrder: i + 1 })
        .where(eq(teams.id, t.id)),
    ),
  ]);
  return order.map((t) => t.number);
}

/** Problems that keep a stage contest from being published. */
export async function publishStage(db: Db, contestId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "contest.publish");
  const setup = await stageSetup(db, contestId);
  const problems: Message[] = [];
  if (setup.parts.length === 0) problems.push("stageSettings.noParts");
  if (setup.teams.length < 2) problems.push("stageSettings.fewTeams");
  if (setup.parts.some((p) => p.scoring === "judges") && !setup.judges.some((j) => j.assigned))
    problems.push("stageSettings.noJudges");
  if (problems.length) return problems;
  await publishDraft(db, contestId, actor, now);
  return [];
}

/** What the public contest page shows: the parts and the teams in order of performance. */
export async function stageProgramme(db: Db, contestId: number) {
  const [parts, teamRows] = await Promise.all([
    db
      .select({ name: stageParts.name, maxScore: stageParts.maxScore, timeLimitSec: stageParts.timeLimitSec })
      .from(stageParts)
      .where(eq(stageParts.contestId, contestId))
      .orderBy(asc(stageParts.position)),
    stageTeams(db, contestId),
  ]);
  return {
    parts,
    teams: [...teamRows].sort(byPerformance).map(({ name, unitName }) => ({ name, unitName })),
  };
}

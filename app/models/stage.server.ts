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
  stageKnowledgeMarks,
  teams,
  units,
  users,
} from "#db/schema";
import { DomainError } from "~/utils/errors";
import { auditInsert } from "./audit.server";
import { prizeRowProblem } from "./contest-admin.server";

export type StageSettings = {
  title: string;
  slug: string;
  description: string;
  opensAt: number;
  closesAt: number;
  stageAggregation: "mean" | "trimmed_mean";
  stageHideTotals: boolean;
  stageSpreadPct: number;
  lockQuorum: number;
};

export type StagePrize = { rank: number; label: string; count: number; amount: number };

export type StageProblems = Partial<Record<keyof StageSettings | "prizes", string>>;

export function validateStageSettings(s: StageSettings, prizes: StagePrize[]): StageProblems {
  const p: StageProblems = {};
  if (s.title.trim().length < 5) p.title = "Tên hội thi cần ít nhất 5 ký tự.";
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.slug) || s.slug.length > 80)
    p.slug = "Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang.";
  if (!Number.isFinite(s.opensAt)) p.opensAt = "Vui lòng nhập thời điểm bắt đầu.";
  if (!Number.isFinite(s.closesAt)) p.closesAt = "Vui lòng nhập thời điểm kết thúc.";
  else if (s.closesAt <= s.opensAt) p.closesAt = "Thời điểm kết thúc phải sau thời điểm bắt đầu.";
  if (!(s.stageSpreadPct >= 1 && s.stageSpreadPct <= 100))
    p.stageSpreadPct = "Mức chênh lệch từ 1 đến 100 (% điểm tối đa của phần thi).";
  if (!(s.lockQuorum >= 1 && s.lockQuorum <= 20))
    p.lockQuorum = "Số thành viên hội đồng đồng ý chốt kết quả từ 1 đến 20.";
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
  actorUserId: number,
  now = Date.now(),
) {
  const [created] = await db
    .insert(contests)
    .values({
      ...input.settings,
      kind: "stage",
      state: "draft",
      wardName: input.wardName,
      draw: { mode: "fixed", questionIds: [] },
      entryModes: "team",
      createdByUserId: actorUserId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: contests.id });
  await db.batch([
    auditInsert(
      db,
      { actorUserId, action: "stage.create", entity: "contest", entityId: created.id, after: input },
      now,
    ),
    ...(input.prizes.length ? [db.insert(contestPrizes).values(prizeRows(created.id, input.prizes))] : []),
  ]);
  return created.id;
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

const isFinal = (state: string) => state === "locked" || state === "announced";

export async function updateStageSettings(
  db: Db,
  contestId: number,
  input: { settings: StageSettings; prizes: StagePrize[] },
  actorUserId: number,
  now = Date.now(),
) {
  const before = await loadStageContest(db, contestId);
  if (isFinal(before.state)) throw new DomainError("review.locked", 409);
  await db.batch([
    db
      .update(contests)
      .set({ ...input.settings, updatedAt: now })
      .where(eq(contests.id, contestId)),
    db.delete(contestPrizes).where(eq(contestPrizes.contestId, contestId)),
    ...(input.prizes.length ? [db.insert(contestPrizes).values(prizeRows(contestId, input.prizes))] : []),
    auditInsert(
      db,
      { actorUserId, action: "stage.settings", entity: "contest", entityId: contestId, after: input },
      now,
    ),
  ]);
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

export type PartInput = {
  name: string;
  maxScore: number;
  scoring: "judges" | "knowledge";
  timeLimitSec: number | null;
  overtimePenaltyPerMin: number | null;
  isTieBreak: boolean;
  knowledgeQuestions: number | null;
  knowledgePoints: number | null;
  knowledgeMode: "all" | "buzzer";
  criteria: { name: string; maxScore: number }[];
};

export type PartProblems = Partial<Record<keyof PartInput, string>>;

export function validatePart(p: PartInput): PartProblems {
  const problems: PartProblems = {};
  if (!p.name.trim()) problems.name = "Vui lòng nhập tên phần thi.";
  if (!(Number.isInteger(p.maxScore) && p.maxScore >= 1 && p.maxScore <= 1000))
    problems.maxScore = "Điểm tối đa là số nguyên từ 1 đến 1000.";
  if (p.timeLimitSec !== null && !(p.timeLimitSec >= 30 && p.timeLimitSec <= 4 * 3600))
    problems.timeLimitSec = "Thời gian tối đa từ 1 đến 240 phút.";
  if (
    p.overtimePenaltyPerMin !== null &&
    !(p.overtimePenaltyPerMin >= 0 && p.overtimePenaltyPerMin <= p.maxScore)
  )
    problems.overtimePenaltyPerMin = "Điểm trừ mỗi phút không âm và không quá điểm tối đa.";
  if (p.scoring === "knowledge") {
    if (!(p.knowledgeQuestions && p.knowledgeQuestions >= 1 && p.knowledgeQuestions <= 100))
      problems.knowledgeQuestions = "Số câu hỏi từ 1 đến 100.";
    if (!(p.knowledgePoints && p.knowledgePoints >= 1 && p.knowledgePoints <= p.maxScore))
      problems.knowledgePoints = "Điểm mỗi câu đúng từ 1 đến điểm tối đa của phần thi.";
  } else if (p.criteria.length) {
    const bad = p.criteria.find((c) => !c.name.trim() || !(Number.isInteger(c.maxScore) && c.maxScore >= 1));
    const sum = p.criteria.reduce((s, c) => s + c.maxScore, 0);
    if (bad) problems.criteria = "Mỗi tiêu chí cần tên và điểm tối đa là số nguyên dương.";
    else if (sum !== p.maxScore)
      problems.criteria = `Tổng điểm các tiêu chí (${sum}) phải bằng điểm tối đa của phần thi (${p.maxScore}).`;
  }
  return problems;
}

async function partHasScores(db: Db, partId: number) {
  const [[a], [b]] = await Promise.all([
    db.select({ n: count() }).from(stageScores).where(eq(stageScores.partId, partId)),
    db.select({ n: count() }).from(stageKnowledgeMarks).where(eq(stageKnowledgeMarks.partId, partId)),
  ]);
  return a.n + b.n > 0;
}

/** Creates or edits a part; its scoring rules are frozen once anyone has scored it. */
export async function savePart(
  db: Db,
  contestId: number,
  partId: number | null,
  input: PartInput,
  actorUserId: number,
  now = Date.now(),
): Promise<PartProblems> {
  const contest = await loadStageContest(db, contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  const problems = validatePart(input);
  if (Object.keys(problems).length) return problems;
  const { criteria, ...values } = input;
  const partValues = {
    ...values,
    knowledgeQuestions: input.scoring === "knowledge" ? input.knowledgeQuestions : null,
  };
  if (partId === null) {
    const [{ next }] = await db
      .select({ next: sql<number>`coalesce(max(${stageParts.position}), 0) + 1` })
      .from(stageParts)
      .where(eq(stageParts.contestId, contestId));
    const [created] = await db
      .insert(stageParts)
      .values({ ...partValues, contestId, position: next })
      .returning({ id: stageParts.id });
    await db.batch([
      auditInsert(
        db,
        { actorUserId, action: "stage.part.create", entity: "contest", entityId: contestId, after: input },
        now,
      ),
      ...(criteria.length && input.scoring === "judges"
        ? [db.insert(stageCriteria).values(criteria.map((c) => ({ ...c, partId: created.id })))]
        : []),
    ]);
    return {};
  }
  const [before] = await db
    .select()
    .from(stageParts)
    .where(and(eq(stageParts.id, partId), eq(stageParts.contestId, contestId)));
  if (!before) throw new DomainError("contest.notFound", 404);
  if (await partHasScores(db, partId)) {
    const oldCriteria = await db.select().from(stageCriteria).where(eq(stageCriteria.partId, partId));
    const same =
      before.maxScore === input.maxScore &&
      before.scoring === input.scoring &&
      (before.knowledgePoints ?? null) ===
        (input.scoring === "knowledge" ? input.knowledgePoints : before.knowledgePoints) &&
      JSON.stringify(oldCriteria.map((c) => [c.name, c.maxScore])) ===
        JSON.stringify(input.scoring === "judges" ? criteria.map((c) => [c.name, c.maxScore]) : []);
    if (!same) return { maxScore: "Phần thi đã có điểm: không thể đổi điểm tối đa, cách chấm hay tiêu chí." };
  }
  await db.batch([
    db.update(stageParts).set(partValues).where(eq(stageParts.id, partId)),
    db.delete(stageCriteria).where(eq(stageCriteria.partId, partId)),
    ...(criteria.length && input.scoring === "judges"
      ? [db.insert(stageCriteria).values(criteria.map((c) => ({ ...c, partId })))]
      : []),
    auditInsert(
      db,
      {
        actorUserId,
        action: "stage.part.update",
        entity: "stage_part",
        entityId: partId,
        before,
        after: input,
      },
      now,
    ),
  ]);
  return {};
}

export async function deletePart(
  db: Db,
  contestId: number,
  partId: number,
  actorUserId: number,
  now = Date.now(),
) {
  if (await partHasScores(db, partId)) throw new DomainError("stage.partHasScores", 409);
  await db.batch([
    db.delete(stageParts).where(and(eq(stageParts.id, partId), eq(stageParts.contestId, contestId))),
    auditInsert(
      db,
      { actorUserId, action: "stage.part.delete", entity: "stage_part", entityId: partId },
      now,
    ),
  ]);
}

/** Assigns the jury; a judge who has already scored cannot be removed. */
export async function setJudges(
  db: Db,
  contestId: number,
  userIds: number[],
  actorUserId: number,
  now = Date.now(),
) {
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
      { actorUserId, action: "stage.judges", entity: "contest", entityId: contestId, after: [...keep] },
      now,
    ),
  ]);
}

/**
 * Draws the order of performance by lot (a Fisher–Yates shuffle with a
 * cryptographic random source) and records it with the time. Refused once
 * scoring has begun, so the order cannot be redrawn to suit anyone.
 */
export async function drawPerformanceOrder(db: Db, contestId: number, actorUserId: number, now = Date.now()) {
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
        actorUserId,
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
export async function publishStage(db: Db, contestId: number, actorUserId: number, now = Date.now()) {
  const setup = await stageSetup(db, contestId);
  const problems: string[] = [];
  if (setup.parts.length === 0) problems.push("Hội thi chưa có phần thi nào.");
  if (setup.teams.length < 2) problems.push("Hội thi cần ít nhất 2 đội.");
  if (setup.parts.some((p) => p.scoring === "judges") && !setup.judges.some((j) => j.assigned))
    problems.push("Chưa phân công giám khảo.");
  if (problems.length) return problems;
  await db.batch([
    db
      .update(contests)
      .set({ state: "published", updatedAt: now })
      .where(and(eq(contests.id, contestId), eq(contests.state, "draft"))),
    auditInsert(db, { actorUserId, action: "contest.publish", entity: "contest", entityId: contestId }, now),
  ]);
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

/**
 * A stage contest's parts (phần thi): maximum, criteria, time limit and
 * penalty, the tie-break part and knowledge-part rules. A part's scoring
 * rules freeze once anyone has scored it. Criteria keep their ids through
 * every edit: judges' scores are stored per criterion id, so a re-created
 * criterion would leave every score sheet of the part blank.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "#db/client";
import { stageCriteria, stageKnowledgeMarks, stageParts, stageScores } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { message } from "~/utils/i18n";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import {
  AMENDMENT_NEEDS_REASON,
  amendmentInsert,
  partChanges,
  STAGE_OVER,
  stageOver,
  stageScored,
} from "./contest-amendments.server";
import { knowledgePartValues, validKnowledgeSeconds } from "./stage-knowledge.server";
import { isFinal, loadStageContest } from "./stage.server";

export type PartInput = {
  name: string;
  maxScore: number;
  scoring: "judges" | "knowledge";
  timeLimitSec: number | null;
  overtimePenaltyPerMin: number | null;
  /** The shortest a performance may run, and points per started minute short of it (absent: none). */
  minTimeSec?: number | null;
  undertimePenaltyPerMin?: number | null;
  isTieBreak: boolean;
  knowledgeQuestions: number | null;
  knowledgePoints: number | null;
  knowledgeMode: "all" | "buzzer";
  /** The bank's question codes as typed, in reading order ("" : read from paper; absent: kept as saved). */
  knowledgeCodes?: string;
  /** Seconds to answer each question, counted down on the projector (absent: kept, or 30). */
  knowledgeSeconds?: number | null;
  criteria: { name: string; maxScore: number }[];
};

export type PartProblems = Partial<Record<keyof PartInput | "amendmentReason", string>>;

/** What an amendment records about a part, as people read it. */
const PART_LABELS = {
  maxScore: "điểm tối đa",
  scoring: "cách chấm",
  timeLimitSec: "giới hạn thời gian (giây)",
  overtimePenaltyPerMin: "trừ điểm mỗi phút quá giờ",
  minTimeSec: "thời gian tối thiểu (giây)",
  undertimePenaltyPerMin: "trừ điểm mỗi phút thiếu giờ",
  isTieBreak: "dùng để phân định khi bằng điểm",
  knowledgeQuestions: "số câu hỏi",
  knowledgePoints: "điểm mỗi câu",
  knowledgeMode: "cách trả lời",
};

/** Penalties go by tenths of a point, like judges' scores: 0,5 yes, 0,25 no. */
const onTenths = (n: number) => Number.isFinite(n) && Math.abs(Math.round(n * 10) - n * 10) < 1e-9;

export function validatePart(p: PartInput): PartProblems {
  const problems: PartProblems = {};
  if (!p.name.trim()) problems.name = "stagePart.nameMissing";
  if (!(Number.isInteger(p.maxScore) && p.maxScore >= 1 && p.maxScore <= 1000))
    problems.maxScore = "stagePart.maxScore";
  if (
    p.timeLimitSec !== null &&
    !(Number.isInteger(p.timeLimitSec) && p.timeLimitSec >= 30 && p.timeLimitSec <= 4 * 3600)
  )
    problems.timeLimitSec = "stagePart.timeLimit";
  if (
    p.overtimePenaltyPerMin !== null &&
    !(
      onTenths(p.overtimePenaltyPerMin) &&
      p.overtimePenaltyPerMin >= 0 &&
      p.overtimePenaltyPerMin <= p.maxScore
    )
  )
    problems.overtimePenaltyPerMin = "stagePart.penalty";
  const min = p.minTimeSec ?? null;
  if (
    min !== null &&
    !(
      Number.isInteger(min) &&
      min >= 30 &&
      min <= 4 * 3600 &&
      (p.timeLimitSec === null || min < p.timeLimitSec)
    )
  )
    problems.minTimeSec = "stageTiming.minTimeRange";
  const under = p.undertimePenaltyPerMin ?? null;
  if (under !== null && !(onTenths(under) && under >= 0 && under <= p.maxScore))
    problems.undertimePenaltyPerMin = "stagePart.penalty";
  if (p.scoring === "knowledge") {
    if (!(p.knowledgeQuestions && p.knowledgeQuestions >= 1 && p.knowledgeQuestions <= 100))
      problems.knowledgeQuestions = "stagePart.knowledgeQuestions";
    if (!(p.knowledgePoints && p.knowledgePoints >= 1 && p.knowledgePoints <= p.maxScore))
      problems.knowledgePoints = "stagePart.knowledgePoints";
    if (!validKnowledgeSeconds(p.knowledgeSeconds)) problems.knowledgeSeconds = "stageKnowledge.secondsRange";
  } else if (p.criteria.length) {
    const bad = p.criteria.find((c) => !c.name.trim() || !(Number.isInteger(c.maxScore) && c.maxScore >= 1));
    const sum = p.criteria.reduce((s, c) => s + c.maxScore, 0);
    if (bad) problems.criteria = "stagePart.criteriaInvalid";
    else if (sum !== p.maxScore)
      problems.criteria = message("stagePart.criteriaSum", { sum, max: p.maxScore });
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

type Part = typeof stageParts.$inferSelect;
type Criterion = typeof stageCriteria.$inferSelect;
type CriterionInput = PartInput["criteria"][number];

/** The part, if it is one of the contest's (an empty list otherwise). */
function loadParts(db: Db, contestId: number, partId: number) {
  return db
    .select()
    .from(stageParts)
    .where(and(eq(stageParts.id, partId), eq(stageParts.contestId, contestId)));
}

/** A new part last in the contest's order, with its criteria, audit and amendment in one batch. */
async function createPart(
  db: Db,
  {
    contestId,
    values,
    input,
    actor,
    amendment,
  }: {
    contestId: number;
    values: Omit<PartInput, "criteria">;
    input: PartInput & { reason?: string };
    actor: Actor;
    amendment: BatchItem<"sqlite">[];
  },
  now: number,
) {
  const { criteria } = input;
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${stageParts.position}), 0) + 1` })
    .from(stageParts)
    .where(eq(stageParts.contestId, contestId));
  const [created] = await db
    .insert(stageParts)
    .values({ ...values, contestId, position: next })
    .returning({ id: stageParts.id });
  await db.batch([
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "stage.part.create",
        entity: "contest",
        entityId: contestId,
        after: input,
      },
      now,
    ),
    ...(criteria.length && input.scoring === "judges"
      ? [db.insert(stageCriteria).values(criteria.map((c) => ({ ...c, partId: created.id })))]
      : []),
    ...amendment,
  ]);
}

/** Whether an edit leaves a scored part's scoring rules (maximum, way of scoring, criteria) as they are. */
function sameScoringRules(
  before: Part,
  input: PartInput,
  oldCriteria: Criterion[],
  newCriteria: CriterionInput[],
) {
  return (
    before.maxScore === input.maxScore &&
    before.scoring === input.scoring &&
    (before.knowledgePoints ?? null) ===
      (input.scoring === "knowledge" ? input.knowledgePoints : before.knowledgePoints) &&
    JSON.stringify(oldCriteria.map((c) => [c.name, c.maxScore])) ===
      JSON.stringify(newCriteria.map((c) => [c.name, c.maxScore]))
  );
}

/** The criteria edited row by row in place: extra old rows deleted, changed ones updated, new ones added. */
function criteriaWrites(db: Db, partId: number, oldCriteria: Criterion[], newCriteria: CriterionInput[]) {
  return [
    ...oldCriteria
      .filter((old, i) => !newCriteria[i])
      .map((old) => db.delete(stageCriteria).where(eq(stageCriteria.id, old.id))),
    ...oldCriteria
      .map((old, i) => ({ old, next: newCriteria[i] }))
      .filter(({ old, next }) => next && (next.name !== old.name || next.maxScore !== old.maxScore))
      .map(({ old, next }) =>
        db
          .update(stageCriteria)
          .set({ name: next.name, maxScore: next.maxScore })
          .where(eq(stageCriteria.id, old.id)),
      ),
    ...(newCriteria.length > oldCriteria.length
      ? [
          db
            .insert(stageCriteria)
            .values(newCriteria.slice(oldCriteria.length).map((c) => ({ ...c, partId }))),
        ]
      : []),
  ];
}

/**
 * Creates or edits a part; its scoring rules are frozen once anyone has
 * scored it. Once the contest has its first score, any other change to the
 * parts is an amendment (a reason, and a dated record on the contest page);
 * once every part is closed, none.
 */
export async function savePart(
  db: Db,
  contestId: number,
  partId: number | null,
  input: PartInput & { reason?: string },
  actor: Actor,
  now = Date.now(),
): Promise<PartProblems> {
  authorize(actor, "stage.setup");
  const contest = await loadStageContest(db, contestId);
  if (isFinal(contest.state)) throw new DomainError("review.locked", 409);
  const { reason: typedReason, ...part } = input;
  const problems = validatePart(part);
  if (Object.keys(problems).length) return problems;
  const { criteria, knowledgeCodes: _codes, knowledgeSeconds: _seconds, ...values } = part;
  const [existing] = partId === null ? [null] : await loadParts(db, contestId, partId);
  if (existing === undefined) throw new DomainError("contest.notFound", 404);
  // The bank's questions may change until the part has marks.
  const knowledge = await knowledgePartValues(
    db,
    part,
    existing,
    partId !== null && (await partHasScores(db, partId)),
  );
  if ("problem" in knowledge) return { knowledgeCodes: knowledge.problem };
  const changes = (await stageScored(db, contestId))
    ? partChanges(input.name, existing, { ...values }, PART_LABELS)
    : [];
  const reason = typedReason?.trim() ?? "";
  if (changes.length) authorize(actor, "contest.amend");
  // Checked after the hard refusals below, so they are the message a refused change gets.
  const amendmentRefusal = async (): Promise<PartProblems | null> => {
    if (!changes.length) return null;
    if (await stageOver(db, contest)) return { maxScore: STAGE_OVER };
    return reason.length < 5 ? { amendmentReason: AMENDMENT_NEEDS_REASON } : null;
  };
  const amendment = changes.length
    ? [amendmentInsert(db, { contestId, reason, changes, rules: contest.rules }, actor, now)]
    : [];
  const partValues = {
    ...values,
    ...knowledge,
    knowledgeQuestions: input.scoring === "knowledge" ? input.knowledgeQuestions : null,
  };
  if (partId === null) {
    const refused = await amendmentRefusal();
    if (refused) return refused;
    await createPart(db, { contestId, values: partValues, input, actor, amendment }, now);
    return {};
  }
  const before = existing!;
  const oldCriteria = await db
    .select()
    .from(stageCriteria)
    .where(eq(stageCriteria.partId, partId))
    .orderBy(asc(stageCriteria.id));
  const newCriteria = input.scoring === "judges" ? criteria : [];
  if (await partHasScores(db, partId)) {
    if (!sameScoringRules(before, input, oldCriteria, newCriteria)) return { maxScore: "stagePart.scored" };
  }
  const refused = await amendmentRefusal();
  if (refused) return refused;
  // Row by row in place (the first criterion stays the first, with its id and the scores given for it).
  await db.batch([
    db.update(stageParts).set(partValues).where(eq(stageParts.id, partId)),
    ...criteriaWrites(db, partId, oldCriteria, newCriteria),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "stage.part.update",
        entity: "stage_part",
        entityId: partId,
        before: { ...before, criteria: oldCriteria.map(({ name, maxScore }) => ({ name, maxScore })) },
        after: input,
      },
      now,
    ),
    ...amendment,
  ]);
  return {};
}

export async function deletePart(db: Db, contestId: number, partId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "stage.setup");
  if (await partHasScores(db, partId)) throw new DomainError("stage.partHasScores", 409);
  // Once judges have scored, a part can no longer disappear from the totals.
  if (await stageScored(db, contestId)) throw new DomainError("stage.frozenAfterScore", 409);
  await db.batch([
    db.delete(stageParts).where(and(eq(stageParts.id, partId), eq(stageParts.contestId, contestId))),
    auditInsert(
      db,
      { actorUserId: actor.id, action: "stage.part.delete", entity: "stage_part", entityId: partId },
      now,
    ),
  ]);
}

/** Organisers' contest settings: validation, the fairness lock, publish, clone, prizes, exclusions. */
import { and, count, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "#db/client";
import {
  attempts,
  contestExclusions,
  contestPrizes,
  contests,
  questionCategories,
  questions,
  type QuestionCategory,
} from "#db/schema";
import { DomainError } from "~/utils/errors";
import { message } from "~/utils/i18n";
import { normalisePhone } from "~/utils/validation";
import { slugInvalid } from "./contest.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import type { ContestSettings, PrizeInput } from "./contest-settings.server";
import { amendmentInsert, ruleChanges } from "./contest-amendments.server";
import { contestStateAudit, insertDraft, publishDraft } from "./contest-publish.server";
import { generateRules } from "./contest-rules.server";
import { recordedOnly } from "./practice.server";

export type { ContestSettings, PrizeInput };

/** Each field's problem: a message (app/utils/i18n.ts `Message`; string while the forms still echo texts). */
export type FieldProblems = Partial<
  Record<keyof ContestSettings | "prizes" | "exclusions" | "amendmentReason", string>
>;

/** Active questions per category, to check a draw against the bank. */
export async function bankCounts(db: Db) {
  const rows = await db
    .select({ category: questions.category, n: count() })
    .from(questions)
    .where(eq(questions.status, "active"))
    .groupBy(questions.category);
  return Object.fromEntries(rows.map((r) => [r.category, r.n])) as Record<QuestionCategory, number>;
}

/** The bank a draw is checked against: active questions per category, and each category's name for the messages. */
export async function drawBank(db: Db) {
  const [counts, categories] = await Promise.all([
    bankCounts(db),
    db.select({ code: questionCategories.code, name: questionCategories.name }).from(questionCategories),
  ]);
  return { counts, names: Object.fromEntries(categories.map((c) => [c.code, c.name])) };
}

const MAX_PRIZE_COUNT = 1000;
const MAX_PRIZE_AMOUNT = 100_000_000_000;

/** The first bad prize row, named by its line, or null. Shared by quiz and stage contests. */
export function prizeRowProblem(prizes: { label: string; count: number; amount: number }[]) {
  const i = prizes.findIndex(
    (x) =>
      !x.label.trim() ||
      !(Number.isInteger(x.count) && x.count >= 1 && x.count <= MAX_PRIZE_COUNT) ||
      !(Number.isInteger(x.amount) && x.amount >= 0 && x.amount <= MAX_PRIZE_AMOUNT),
  );
  return i < 0
    ? null
    : message("contestSettings.prizeRow", {
        row: i + 1,
        maxCount: MAX_PRIZE_COUNT,
        maxAmount: MAX_PRIZE_AMOUNT,
      });
}

/** Every problem with the settings, per field, as messages. */
export function validateSettings(
  s: ContestSettings,
  bank: Awaited<ReturnType<typeof drawBank>>,
  prizes: PrizeInput[],
): FieldProblems {
  const p: FieldProblems = {};
  if (s.title.trim().length < 5) p.title = "contestSettings.titleShort";
  if (slugInvalid(s.slug)) p.slug = "contestSettings.slugInvalid";
  if (!Number.isFinite(s.opensAt)) p.opensAt = "contestSettings.opensAtMissing";
  if (!Number.isFinite(s.closesAt)) p.closesAt = "contestSettings.closesAtMissing";
  else if (s.closesAt <= s.opensAt) p.closesAt = "contestSettings.closesBeforeOpens";
  if (!(s.timeLimitSec >= 60 && s.timeLimitSec <= 180 * 60)) p.timeLimitSec = "contestSettings.timeLimit";
  if (s.draw.mode === "category") {
    const total = s.draw.rules.reduce((sum, r) => sum + r.count, 0);
    const short = s.draw.rules.filter((r) => r.count > (bank.counts[r.category] ?? 0));
    if (total < 1) p.draw = "contestSettings.drawEmpty";
    else if (total > 200) p.draw = "contestSettings.drawTooMany";
    else if (short.length) {
      type Rule = (typeof short)[number];
      const name = (r: Rule) => bank.names[r.category] ?? r.category;
      const have = (r: Rule) => bank.counts[r.category] ?? 0;
      // Every category short of questions at once, so one save shows all that needs changing.
      const [r] = short;
      p.draw =
        short.length === 1
          ? message("contestSettings.drawShort", { category: name(r), have: have(r), need: r.count })
          : message("contestSettings.drawShortMany", {
              list: short.map((rule) => `${name(rule)} ${have(rule)}/${rule.count}`).join("; "),
            });
    }
  } else if (s.draw.questionIds.length < 1) p.draw = "contestSettings.fixedEmpty";
  if (!(s.pointsPerQuestion >= 1 && s.pointsPerQuestion <= 100))
    p.pointsPerQuestion = "contestSettings.points";
  if (!(s.maxAttempts >= 1 && s.maxAttempts <= 50)) p.maxAttempts = "contestSettings.maxAttempts";
  if (s.predictionTarget && !s.predictionPrompt?.trim())
    p.predictionPrompt = "contestSettings.predictionPrompt";
  const prizeProblem = prizeRowProblem(prizes);
  if (prizeProblem) p.prizes = prizeProblem;
  return p;
}

/**
 * Once anyone has started, changes that would treat entrants differently are
 * refused: the draw, the points, the time limit, and shrinking the window.
 * Extending the window stays allowed (and is logged).
 */
export function fairnessProblems(before: ContestSettings, after: ContestSettings): FieldProblems {
  const p: FieldProblems = {};
  const reason = "contestSettings.started";
  if (JSON.stringify(before.draw) !== JSON.stringify(after.draw)) p.draw = reason;
  if (before.pointsPerQuestion !== after.pointsPerQuestion) p.pointsPerQuestion = reason;
  if (before.timeLimitSec !== after.timeLimitSec) p.timeLimitSec = reason;
  if (after.opensAt > before.opensAt) p.opensAt = "contestSettings.startedOpens";
  if (after.closesAt < before.closesAt) p.closesAt = "contestSettings.startedCloses";
  if (before.maxAttempts > after.maxAttempts) p.maxAttempts = reason;
  if (before.counting !== after.counting) p.counting = reason;
  return p;
}

export async function hasStarted(db: Db, contestId: number) {
  // Practice attempts (thi thử) are not entries: they freeze nothing.
  const [row] = await db
    .select({ n: count() })
    .from(attempts)
    .where(and(eq(attempts.contestId, contestId), recordedOnly));
  return row.n > 0;
}

export async function loadSettings(db: Db, contestId: number) {
  const [c] = await db.select().from(contests).where(eq(contests.id, contestId));
  if (!c) throw new DomainError("contest.notFound", 404);
  const prizes = await db
    .select()
    .from(contestPrizes)
    .where(eq(contestPrizes.contestId, contestId))
    .orderBy(contestPrizes.category, contestPrizes.rank);
  const exclusions = await db
    .select()
    .from(contestExclusions)
    .where(eq(contestExclusions.contestId, contestId));
  return { contest: c, prizes, exclusions: exclusions.map((e) => e.phone) };
}

/** Phones from a textarea: one per line or separated by commas; invalid ones are reported. */
export function parseExclusions(text: string) {
  const phones: string[] = [];
  const invalid: string[] = [];
  for (const raw of text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const phone = normalisePhone(raw);
    if (phone) phones.push(phone);
    else invalid.push(raw);
  }
  return { phones: [...new Set(phones)], invalid };
}

function settingsValues(s: ContestSettings, now: number) {
  return { ...s, updatedAt: now };
}

export async function slugTaken(db: Db, slug: string, exceptId?: number) {
  const [row] = await db.select({ id: contests.id }).from(contests).where(eq(contests.slug, slug));
  return Boolean(row && row.id !== exceptId);
}

export async function createQuizContest(
  db: Db,
  input: { settings: ContestSettings; prizes: PrizeInput[]; exclusions: string[]; wardName: string },
  actor: Actor,
  now = Date.now(),
) {
  const id = await insertDraft(
    db,
    { ...settingsValues(input.settings, now), kind: "quiz", wardName: input.wardName },
    actor,
    now,
  );
  await saveChildren(
    db,
    id,
    input.prizes,
    input.exclusions,
    { actorUserId: actor.id, action: "contest.create", after: input },
    now,
  );
  return id;
}

async function saveChildren(
  db: Db,
  contestId: number,
  prizes: PrizeInput[],
  exclusions: string[],
  auditEntry: { actorUserId: number | null; action: string; before?: unknown; after?: unknown },
  now: number,
  extra: BatchItem<"sqlite">[] = [],
) {
  const writes: BatchItem<"sqlite">[] = [
    ...extra,
    db.delete(contestPrizes).where(eq(contestPrizes.contestId, contestId)),
    db.delete(contestExclusions).where(eq(contestExclusions.contestId, contestId)),
  ];
  if (prizes.length) writes.push(db.insert(contestPrizes).values(prizes.map((p) => ({ ...p, contestId }))));
  if (exclusions.length)
    writes.push(db.insert(contestExclusions).values(exclusions.map((phone) => ({ contestId, phone }))));
  await db.batch([
    auditInsert(db, { ...auditEntry, entity: "contest", entityId: contestId }, now),
    ...writes,
  ]);
}

/**
 * Saves edited settings. Once anyone has started, what would treat entrants
 * differently is refused (`fairnessProblems`), and any other change to who
 * may win and what is an amendment: it needs a reason and is recorded as a
 * dated revision of the thể lệ. After the close nothing changes here. The
 * thể lệ follows the settings: regenerated when it was never edited by hand,
 * and a hand-edited one that a change would leave stale is refused.
 */
export async function updateQuizContest(
  db: Db,
  contestId: number,
  input: { settings: ContestSettings; prizes: PrizeInput[]; exclusions: string[]; reason?: string },
  actor: Actor,
  now = Date.now(),
): Promise<FieldProblems> {
  authorize(actor, "contest.edit");
  const before = await loadSettings(db, contestId);
  if (before.contest.state !== "draft" && before.contest.state !== "published") {
    return { title: "contestSettings.inReview" };
  }
  if (before.contest.state === "published" && now >= before.contest.closesAt)
    return {
      title: "contestSettings.closedRules",
    };
  const started = await hasStarted(db, contestId);
  if (started) {
    const problems = fairnessProblems(before.contest, input.settings);
    if (Object.keys(problems).length) return problems;
  }
  // Practice mode ranks nobody, so it may change at any time (and is kept when a caller leaves it out).
  const settings = {
    ...input.settings,
    practiceEnabled: input.settings.practiceEnabled ?? before.contest.practiceEnabled,
  };
  const wardName = before.contest.wardName;
  const generatedBefore = generateRules(before.contest, before.prizes);
  const generatedAfter = generateRules({ ...settings, wardName }, input.prizes);
  if (generatedAfter !== generatedBefore && settings.rules.trim() === before.contest.rules.trim()) {
    const handEdited = before.contest.rules.trim() && before.contest.rules.trim() !== generatedBefore.trim();
    if (handEdited)
      return {
        rules: "contestSettings.rulesHandEdited",
      };
    settings.rules = generatedAfter;
  }
  if (!settings.rules.trim()) settings.rules = generatedAfter;
  const changes = started
    ? ruleChanges(
        { settings: before.contest, prizes: before.prizes, exclusions: before.exclusions },
        { settings, prizes: input.prizes, exclusions: input.exclusions },
      )
    : [];
  const reason = input.reason?.trim() ?? "";
  if (changes.length) {
    authorize(actor, "contest.amend");
    if (reason.length < 5)
      return {
        amendmentReason: "contestSettings.amendmentReason",
      };
  }
  const action = changes.length ? "contest.amend" : "contest.update";
  await saveChildren(
    db,
    contestId,
    input.prizes,
    input.exclusions,
    {
      actorUserId: actor.id,
      action,
      before,
      after: changes.length ? { ...input, settings, reason, changes } : { ...input, settings },
    },
    now,
    [
      db.update(contests).set(settingsValues(settings, now)).where(eq(contests.id, contestId)),
      ...(changes.length
        ? [amendmentInsert(db, { contestId, reason, changes, rules: settings.rules }, actor, now)]
        : []),
    ],
  );
  return {};
}

export async function publishContest(db: Db, contestId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "contest.publish");
  const { contest, prizes } = await loadSettings(db, contestId);
  const problems = validateSettings(contest, await drawBank(db), prizes);
  if (Object.keys(problems).length) return Object.values(problems);
  await publishDraft(db, contestId, actor, now);
  return [];
}

/** Back to draft, only while nobody has started an attempt. */
export async function unpublishContest(db: Db, contestId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "contest.publish");
  const result = await db.run(sql`
    UPDATE contests SET state = 'draft', updated_at = ${now}
    WHERE id = ${contestId} AND state = 'published'
      AND NOT EXISTS (SELECT 1 FROM attempts WHERE contest_id = ${contestId})`);
  if (result.rowsAffected === 0) return ["contestSettings.unpublishStarted"];
  await contestStateAudit(db, actor, "contest.unpublish", contestId, now);
  return [];
}

/** A draft copy for the next round: same settings, window moved a week later. */
export async function cloneContest(db: Db, contestId: number, actor: Actor, now = Date.now()) {
  authorize(actor, "contest.create");
  const { contest, prizes, exclusions } = await loadSettings(db, contestId);
  const WEEK = 7 * 24 * 60 * 60 * 1000;
  let slug = `${contest.slug}-ban-sao`;
  for (let n = 2; await slugTaken(db, slug); n++) slug = `${contest.slug}-ban-sao-${n}`;
  const settings: ContestSettings = {
    ...pickSettings(contest),
    title: `${contest.title} (bản sao)`,
    slug,
    opensAt: contest.opensAt + WEEK,
    closesAt: contest.closesAt + WEEK,
  };
  settings.rules = generateRules({ ...settings, wardName: contest.wardName }, prizes);
  return createQuizContest(
    db,
    {
      settings,
      prizes: prizes.map(({ category, rank, label, count, amount }) => ({
        category,
        rank,
        label,
        count,
        amount,
      })),
      exclusions,
      wardName: contest.wardName,
    },
    actor,
    now,
  );
}

export function pickSettings(c: typeof contests.$inferSelect): ContestSettings {
  return {
    title: c.title,
    slug: c.slug,
    description: c.description,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    timeLimitSec: c.timeLimitSec,
    draw: c.draw,
    pointsPerQuestion: c.pointsPerQuestion,
    shuffleQuestions: c.shuffleQuestions,
    shuffleOptions: c.shuffleOptions,
    maxAttempts: c.maxAttempts,
    attemptPeriod: c.attemptPeriod,
    counting: c.counting,
    reviewPolicy: c.reviewPolicy,
    predictionTarget: c.predictionTarget,
    predictionPrompt: c.predictionPrompt,
    entryModes: c.entryModes,
    practiceEnabled: c.practiceEnabled,
    collectiveRule: c.collectiveRule,
    eligibleUnitIds: c.eligibleUnitIds,
    rules: c.rules,
  };
}

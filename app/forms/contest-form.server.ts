import { parseWithZod } from "@conform-to/zod";
import { inArray } from "drizzle-orm";
import type { ZodTypeAny } from "zod";
import { ContestFieldsSchema, ContestFormSchema, PRIZE_ROWS, type ContestFormValues } from "./contest-form";
import { prizeRowValues, readPrizeRows } from "./prizes";
import { vnNumber } from "./vn-number";
import type { Db } from "#db/client";
import { questions, units, wards, type DrawRule } from "#db/schema";
import {
  bankCounts,
  drawBank,
  parseExclusions,
  validateSettings,
  type ContestSettings,
  type FieldProblems,
  type PrizeInput,
} from "~/models/contest-admin.server";
import { generateRules } from "~/models/contest-rules.server";
import { listCategories } from "~/models/question-categories.server";
import { fromVnInput, toVnInput } from "~/utils/format";
import { isMessage, message, translate } from "~/utils/i18n";

/** The problem key (a model's field) a form field's message goes under. */
function problemKey(field: string) {
  if (field === "timeLimitMin") return "timeLimitSec";
  if (field.startsWith("counts")) return "draw";
  if (field.startsWith("prizes")) return "prizes";
  return field;
}

/** The form field a model's problem is shown at. */
const FIELD_OF: Record<string, string> = { timeLimitSec: "timeLimitMin" };

/** A model's problems as conform's field errors, each at the field it is shown at. */
export function contestFieldErrors(problems: Record<string, string | undefined>) {
  return Object.fromEntries(
    Object.entries(problems).flatMap(([key, text]) => (text ? [[FIELD_OF[key] ?? key, [text]]] : [])),
  );
}

/**
 * The numbers of a form that cannot be read, one Vietnamese message per
 * problem key (the strict schema's messages, under `problemKey(field)`).
 */
export function formNumberProblems(
  form: FormData,
  schema: ZodTypeAny,
  problemKey: (field: string) => string = (field) => field,
) {
  const checked = parseWithZod(form, { schema });
  const problems: Record<string, string> = {};
  if (checked.status === "success") return problems;
  for (const [field, errors] of Object.entries(checked.error ?? {})) {
    const first = errors?.[0];
    if (first) problems[problemKey(field)] ??= isMessage(first) ? translate("vi", first) : first;
  }
  return problems;
}

async function readDraw(db: Db, v: ContestFormValues): Promise<{ draw: DrawRule; problem?: string }> {
  if (v.drawMode === "category")
    return {
      draw: {
        mode: "category",
        rules: Object.entries(v.counts)
          .map(([category, typed]) => ({ category, count: Math.max(0, vnNumber(typed) ?? 0) || 0 }))
          .filter((r) => r.count > 0),
      },
    };
  const codes = v.fixedCodes.split(/[\s,;]+/).filter(Boolean);
  const found = codes.length
    ? await db
        .select({ id: questions.id, code: questions.code })
        .from(questions)
        .where(inArray(questions.code, codes))
    : [];
  const missing = codes.filter((c) => !found.some((f) => f.code === c));
  let problem: string | undefined;
  if (missing.length) problem = message("contestForm.codesNotFound", { codes: missing.join(", ") });
  return {
    draw: {
      mode: "fixed",
      questionIds: codes.flatMap((c) => found.filter((f) => f.code === c).map((f) => f.id)),
    },
    problem,
  };
}

/** Reads the contest form into settings, prizes and exclusions, with every problem per field. */
export async function readContestForm(db: Db, form: FormData, wardName: string) {
  const read = parseWithZod(form, { schema: ContestFieldsSchema });
  if (read.status !== "success") throw new Error("The contest form's fields schema refuses nothing.");
  const v = read.value;
  const { draw, problem: drawProblem } = await readDraw(db, v);
  const eligible = v.eligible.filter(Number.isInteger);
  const settings: ContestSettings = {
    title: v.title,
    slug: v.slug.toLowerCase(),
    description: v.description,
    opensAt: fromVnInput(v.opensAt),
    closesAt: fromVnInput(v.closesAt),
    timeLimitSec: (vnNumber(v.timeLimitMin) ?? Number.NaN) * 60,
    draw,
    pointsPerQuestion: vnNumber(v.pointsPerQuestion) ?? Number.NaN,
    shuffleQuestions: v.shuffleQuestions,
    shuffleOptions: v.shuffleOptions,
    maxAttempts: vnNumber(v.maxAttempts) ?? Number.NaN,
    attemptPeriod: v.attemptPeriod,
    counting: v.counting,
    reviewPolicy: v.reviewPolicy,
    predictionTarget: v.predictionTarget,
    predictionPrompt: v.predictionPrompt || null,
    entryModes: v.entryModes,
    practiceEnabled: v.practiceEnabled,
    collectiveRule: v.collectiveRule,
    eligibleUnitIds: eligible.length ? eligible : null,
    rules: v.rules,
  };
  const prizes: PrizeInput[] = readPrizeRows(v.prizes);
  const exclusions = parseExclusions(v.exclusions);
  const problems: FieldProblems = {
    ...validateSettings(settings, await drawBank(db), prizes),
    ...(drawProblem ? { draw: drawProblem } : {}),
    ...(exclusions.invalid.length
      ? { exclusions: message("contestForm.phonesInvalid", { phones: exclusions.invalid.join(", ") }) }
      : {}),
    ...formNumberProblems(form, ContestFormSchema, problemKey),
  };
  const valid = Object.keys(problems).length === 0;
  if (valid && (!settings.rules || form.get("intent") === "regenerate")) {
    settings.rules = generateRules({ ...settings, wardName }, prizes);
  }
  return { settings, prizes, exclusions: exclusions.phones, problems };
}

/** The form's values for a saved contest. */
export async function contestFormValues(
  db: Db,
  c: ContestSettings,
  prizes: PrizeInput[],
  exclusions: string[],
): Promise<ContestFormValues> {
  const codes =
    c.draw.mode === "fixed" && c.draw.questionIds.length
      ? await db
          .select({ id: questions.id, code: questions.code })
          .from(questions)
          .where(inArray(questions.id, c.draw.questionIds))
      : [];
  return {
    ...contestDefaults({
      counts:
        c.draw.mode === "category" ? Object.fromEntries(c.draw.rules.map((r) => [r.category, r.count])) : {},
      prizes,
    }),
    title: c.title,
    slug: c.slug,
    description: c.description,
    opensAt: toVnInput(c.opensAt),
    closesAt: toVnInput(c.closesAt),
    timeLimitMin: String(Math.round(c.timeLimitSec / 60)),
    drawMode: c.draw.mode,
    fixedCodes:
      c.draw.mode === "fixed"
        ? c.draw.questionIds.map((id) => codes.find((q) => q.id === id)?.code ?? "").join(", ")
        : "",
    pointsPerQuestion: String(c.pointsPerQuestion),
    shuffleQuestions: c.shuffleQuestions,
    shuffleOptions: c.shuffleOptions,
    maxAttempts: String(c.maxAttempts),
    attemptPeriod: c.attemptPeriod,
    counting: c.counting,
    reviewPolicy: c.reviewPolicy,
    predictionTarget: c.predictionTarget,
    predictionPrompt: c.predictionPrompt ?? "",
    entryModes: c.entryModes,
    practiceEnabled: c.practiceEnabled ?? false,
    collectiveRule: c.collectiveRule,
    eligible: c.eligibleUnitIds ?? [],
    exclusions: exclusions.join("\n"),
    rules: c.rules,
  };
}

/**
 * A blank form with the counts per category and the prizes given; a new
 * contest's loader fills in the rest.
 */
export function contestDefaults({
  counts,
  prizes,
}: {
  counts: Record<string, number>;
  prizes: Omit<PrizeInput, "rank">[];
}): ContestFormValues {
  const read = ContestFieldsSchema.parse({});
  return {
    ...read,
    counts: Object.fromEntries(Object.entries(counts).map(([c, n]) => [c, String(n)])),
    prizes: prizeRowValues(prizes, PRIZE_ROWS),
  };
}

/** What the contest form needs besides the values: units to choose from, bank sizes, the ward's name. */
export async function contestFormContext(db: Db) {
  const [unitRows, bank, ward, categories] = await Promise.all([
    db.select({ id: units.id, name: units.name }).from(units).orderBy(units.id),
    bankCounts(db),
    db.select({ name: wards.name }).from(wards).limit(1),
    listCategories(db),
  ]);
  return {
    units: unitRows,
    bank,
    categories: categories.map(({ code, name, retired }) => ({ code, name, retired })),
    wardName: ward[0]?.name ?? "",
  };
}

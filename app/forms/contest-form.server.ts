import { inArray } from "drizzle-orm";
import type { ContestFormValues } from "./contest-form";
import type { Db } from "#db/client";
import { questions, units, wards, QUESTION_CATEGORIES, type DrawRule } from "#db/schema";
import {
  bankCounts,
  parseExclusions,
  validateSettings,
  type ContestSettings,
  type FieldProblems,
  type PrizeInput,
} from "~/models/contest-admin.server";
import { generateRules } from "~/models/contest-rules.server";
import { fromVnInput, toVnInput } from "~/utils/format";
import { wholeNumberProblems, wholeOr } from "~/utils/numbers";

export const PRIZE_ROWS = 10;

/** Whole numbers as typed in Vietnam ("1.000.000", "1,000,000"); "7,5" or "7.5" is not one (never 75). */
const int = wholeOr;

/** The form's whole-number fields → the problem key their message goes under. */
const NUMBER_FIELDS = {
  timeLimitMin: "timeLimitSec",
  pointsPerQuestion: "pointsPerQuestion",
  maxAttempts: "maxAttempts",
  "count-*": "draw",
  "prizeCount-*": "prizes",
  "prizeAmount-*": "prizes",
};

/** Reads the contest form into settings, prizes and exclusions, with every problem per field. */
export async function readContestForm(db: Db, form: FormData, wardName: string) {
  const str = (name: string) => String(form.get(name) ?? "").trim();
  const problems: FieldProblems = {};
  let draw: DrawRule;
  if (str("drawMode") === "fixed") {
    const codes = str("fixedCodes")
      .split(/[\s,;]+/)
      .filter(Boolean);
    const found = codes.length
      ? await db
          .select({ id: questions.id, code: questions.code })
          .from(questions)
          .where(inArray(questions.code, codes))
      : [];
    const missing = codes.filter((c) => !found.some((f) => f.code === c));
    if (missing.length) problems.draw = `Không tìm thấy câu hỏi có mã: ${missing.join(", ")}.`;
    draw = {
      mode: "fixed",
      questionIds: codes.flatMap((c) => found.filter((f) => f.code === c).map((f) => f.id)),
    };
  } else {
    draw = {
      mode: "category",
      rules: QUESTION_CATEGORIES.map((category) => ({
        category,
        count: Math.max(0, int(form.get(`count-${category}`), 0)),
      })).filter((r) => r.count > 0),
    };
  }
  const prediction = str("predictionTarget");
  const eligible = form
    .getAll("eligible")
    .map((v) => int(v))
    .filter(Number.isInteger);
  const settings: ContestSettings = {
    title: str("title"),
    slug: str("slug").toLowerCase(),
    description: str("description"),
    opensAt: fromVnInput(str("opensAt")),
    closesAt: fromVnInput(str("closesAt")),
    timeLimitSec: int(form.get("timeLimitMin")) * 60,
    draw,
    pointsPerQuestion: int(form.get("pointsPerQuestion")),
    shuffleQuestions: form.get("shuffleQuestions") === "on",
    shuffleOptions: form.get("shuffleOptions") === "on",
    maxAttempts: int(form.get("maxAttempts")),
    attemptPeriod:
      str("attemptPeriod") === "day" ? "day" : str("attemptPeriod") === "week" ? "week" : "contest",
    counting: str("counting") === "first" ? "first" : str("counting") === "last" ? "last" : "best",
    reviewPolicy:
      str("reviewPolicy") === "after_submit"
        ? "after_submit"
        : str("reviewPolicy") === "never"
          ? "never"
          : "after_close",
    predictionTarget: prediction === "entries" || prediction === "perfect_entries" ? prediction : null,
    predictionPrompt: str("predictionPrompt") || null,
    entryModes: str("entryModes") === "team" ? "team" : str("entryModes") === "both" ? "both" : "individual",
    practiceEnabled: form.get("practiceEnabled") === "on",
    collectiveRule:
      (["entries", "average_score", "points"] as const).find((r) => r === str("collectiveRule")) ??
      "participation_rate",
    eligibleUnitIds: eligible.length ? eligible : null,
    rules: str("rules"),
  };
  const prizes: PrizeInput[] = [];
  const ranks = { individual: 0, team: 0, collective: 0 };
  for (let i = 0; i < PRIZE_ROWS; i++) {
    const label = str(`prizeLabel-${i}`);
    const countRaw = str(`prizeCount-${i}`);
    if (!label && !countRaw) continue;
    const category =
      (["team", "collective"] as const).find((c) => c === str(`prizeCategory-${i}`)) ?? "individual";
    prizes.push({
      category,
      rank: ++ranks[category],
      label,
      count: int(countRaw),
      amount: int(form.get(`prizeAmount-${i}`)),
    });
  }
  const exclusions = parseExclusions(str("exclusions"));
  if (exclusions.invalid.length)
    problems.exclusions = `Số điện thoại không hợp lệ: ${exclusions.invalid.join(", ")}.`;
  Object.assign(
    problems,
    validateSettings(settings, await bankCounts(db), prizes),
    problems.draw ? { draw: problems.draw } : {},
    wholeNumberProblems(form, NUMBER_FIELDS),
  );
  const valid = Object.keys(problems).length === 0;
  if (valid && (!settings.rules || form.get("intent") === "regenerate")) {
    settings.rules = generateRules({ ...settings, wardName }, prizes);
  }
  return { settings, prizes, exclusions: exclusions.phones, problems };
}

type FormValues = ContestFormValues;

/** What the form showed, echoed back after a refused save so nothing typed is lost. */
export function rawFormValues(form: FormData): FormValues {
  const str = (name: string) => String(form.get(name) ?? "");
  return {
    title: str("title"),
    slug: str("slug"),
    description: str("description"),
    opensAt: str("opensAt"),
    closesAt: str("closesAt"),
    timeLimitMin: str("timeLimitMin"),
    drawMode: str("drawMode") === "fixed" ? "fixed" : "category",
    counts: Object.fromEntries(QUESTION_CATEGORIES.map((c) => [c, int(form.get(`count-${c}`), 0)])),
    fixedCodes: str("fixedCodes"),
    pointsPerQuestion: str("pointsPerQuestion"),
    shuffleQuestions: form.get("shuffleQuestions") === "on",
    shuffleOptions: form.get("shuffleOptions") === "on",
    maxAttempts: str("maxAttempts"),
    attemptPeriod: str("attemptPeriod"),
    counting: str("counting"),
    reviewPolicy: str("reviewPolicy"),
    predictionTarget: str("predictionTarget"),
    predictionPrompt: str("predictionPrompt"),
    entryModes: str("entryModes"),
    practiceEnabled: form.get("practiceEnabled") === "on",
    collectiveRule: str("collectiveRule"),
    eligibleUnitIds: form
      .getAll("eligible")
      .map((v) => int(v))
      .filter(Number.isInteger),
    exclusions: str("exclusions"),
    rules: str("rules"),
    amendmentReason: str("amendmentReason"),
    prizes: Array.from({ length: PRIZE_ROWS }, (_, i) => ({
      category: str(`prizeCategory-${i}`) || "individual",
      label: str(`prizeLabel-${i}`),
      count: str(`prizeCount-${i}`),
      amount: str(`prizeAmount-${i}`),
    })),
  };
}

/** The form's values for a saved contest. */
export async function contestFormValues(
  db: Db,
  c: ContestSettings,
  prizes: PrizeInput[],
  exclusions: string[],
): Promise<FormValues> {
  const codes =
    c.draw.mode === "fixed" && c.draw.questionIds.length
      ? await db
          .select({ id: questions.id, code: questions.code })
          .from(questions)
          .where(inArray(questions.id, c.draw.questionIds))
      : [];
  return {
    title: c.title,
    slug: c.slug,
    description: c.description,
    opensAt: toVnInput(c.opensAt),
    closesAt: toVnInput(c.closesAt),
    timeLimitMin: Math.round(c.timeLimitSec / 60),
    drawMode: c.draw.mode,
    counts:
      c.draw.mode === "category" ? Object.fromEntries(c.draw.rules.map((r) => [r.category, r.count])) : {},
    fixedCodes:
      c.draw.mode === "fixed"
        ? c.draw.questionIds.map((id) => codes.find((q) => q.id === id)?.code ?? "").join(", ")
        : "",
    pointsPerQuestion: c.pointsPerQuestion,
    shuffleQuestions: c.shuffleQuestions,
    shuffleOptions: c.shuffleOptions,
    maxAttempts: c.maxAttempts,
    attemptPeriod: c.attemptPeriod,
    counting: c.counting,
    reviewPolicy: c.reviewPolicy,
    predictionTarget: c.predictionTarget ?? "",
    predictionPrompt: c.predictionPrompt ?? "",
    entryModes: c.entryModes,
    practiceEnabled: c.practiceEnabled,
    collectiveRule: c.collectiveRule,
    eligibleUnitIds: c.eligibleUnitIds ?? [],
    exclusions: exclusions.join("\n"),
    rules: c.rules,
    prizes: prizes.map(({ category, label, count, amount }) => ({ category, label, count, amount })),
  };
}

/** What the contest form needs besides the values: units to choose from, bank sizes, the ward's name. */
export async function contestFormContext(db: Db) {
  const [unitRows, bank, ward] = await Promise.all([
    db.select({ id: units.id, name: units.name }).from(units).orderBy(units.id),
    bankCounts(db),
    db.select({ name: wards.name }).from(wards).limit(1),
  ]);
  return { units: unitRows, bank, wardName: ward[0]?.name ?? "" };
}

import { parseWithZod } from "@conform-to/zod";
import { formNumberProblems } from "./contest-form.server";
import { prizeRowValues, readPrizeRows } from "./prizes";
import {
  CRITERIA_ROWS,
  STAGE_PRIZE_ROWS,
  StageFieldsSchema,
  StageFormSchema,
  type StageFormValues,
} from "./stage-form";
import { vnNumber } from "./vn-number";
import type { contestPrizes, contests } from "#db/schema";
import type { PartInput, PartProblems } from "~/models/stage-parts.server";
import { validateStageSettings, type StagePrize, type StageSettings } from "~/models/stage.server";
import { fromVnInput, toVnInput } from "~/utils/format";
import { formNumbers } from "~/utils/numbers";
import { parseTime } from "~/utils/stage-time";

/** Any whole number here; each field's range is the model's rule, with its own message. */
const WHOLE = { min: Number.NEGATIVE_INFINITY };
/** Minutes and points per minute take one decimal: "7,5" phút, "0,5" điểm. */
const ONE_DECIMAL = { decimals: 1, min: Number.NEGATIVE_INFINITY };
const orNaN = (n: number | null) => n ?? Number.NaN;
const str = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** The stage settings form into settings and team prizes, with every problem per field. */
export function readStageForm(form: FormData) {
  const read = parseWithZod(form, { schema: StageFieldsSchema });
  if (read.status !== "success") throw new Error("The stage form's fields schema refuses nothing.");
  const v = read.value;
  const settings: StageSettings = {
    title: v.title,
    slug: v.slug.toLowerCase(),
    description: v.description,
    opensAt: fromVnInput(v.opensAt),
    closesAt: fromVnInput(v.closesAt),
    stageAggregation: v.stageAggregation,
    stageHideTotals: v.stageHideTotals,
    stageSpreadPct: vnNumber(v.stageSpreadPct) ?? Number.NaN,
    audienceVote: v.audienceVote,
  };
  const prizes: StagePrize[] = readPrizeRows(v.prizes, "team").map(({ rank, label, count, amount }) => ({
    rank,
    label,
    count,
    amount,
  }));
  const problems: Record<string, string> = {
    ...validateStageSettings(settings, prizes),
    ...formNumberProblems(form, StageFormSchema, (field) => (field.startsWith("prizes") ? "prizes" : field)),
  };
  return { settings, prizes, problems };
}

/** The form's values for a saved stage contest. */
export function stageValues(
  c: typeof contests.$inferSelect,
  prizes: (typeof contestPrizes.$inferSelect)[],
): StageFormValues {
  return {
    title: c.title,
    slug: c.slug,
    description: c.description,
    opensAt: toVnInput(c.opensAt),
    closesAt: toVnInput(c.closesAt),
    stageAggregation: c.stageAggregation ?? "mean",
    stageHideTotals: c.stageHideTotals,
    stageSpreadPct: String(c.stageSpreadPct),
    audienceVote: c.audienceVote,
    prizes: prizeRowValues(
      prizes.map((p) => ({ label: p.label, count: p.count, amount: p.amount })),
      STAGE_PRIZE_ROWS,
    ),
    amendmentReason: "",
  };
}

/**
 * A part form: minutes and per-minute penalty may be left empty and take one
 * decimal ("7,5" or "7.5" minutes is 450 seconds); criteria rows with a name
 * count. `problems` has a message for each field that is not a number as
 * typed, under the part's field it belongs to.
 */
export function readPartForm(form: FormData): { input: PartInput; problems: PartProblems } {
  const numbers = formNumbers(form);
  // A time is "m:ss" or minutes ("8:00", "7,5"); one that cannot be read is NaN, refused by the model.
  const seconds = (name: string, problemField: string) => {
    const typed = str(form, name);
    if (typed.includes(":")) {
      const time = parseTime(typed);
      return time.ok ? time.sec : Number.NaN;
    }
    const minutes = numbers.read(name, ONE_DECIMAL, problemField);
    return minutes === null ? null : Math.round(minutes * 60);
  };
  const scoring = str(form, "scoring") === "knowledge" ? "knowledge" : "judges";
  const criteria: PartInput["criteria"] = [];
  for (let i = 0; scoring === "judges" && i < CRITERIA_ROWS; i++) {
    const name = str(form, `criterion-name-${i}`);
    const max = str(form, `criterion-max-${i}`);
    if (name || max)
      criteria.push({ name, maxScore: orNaN(numbers.read(`criterion-max-${i}`, WHOLE, "criteria")) });
  }
  const input: PartInput = {
    name: str(form, "name"),
    maxScore: orNaN(numbers.read("maxScore", WHOLE)),
    scoring,
    timeLimitSec: seconds("timeLimitMin", "timeLimitSec"),
    overtimePenaltyPerMin: numbers.read("overtimePenaltyPerMin", ONE_DECIMAL),
    minTimeSec: seconds("minTimeMin", "minTimeSec"),
    undertimePenaltyPerMin: numbers.read("undertimePenaltyPerMin", ONE_DECIMAL),
    isTieBreak: form.get("isTieBreak") === "on",
    knowledgeQuestions: scoring === "knowledge" ? numbers.read("knowledgeQuestions", WHOLE) : null,
    knowledgePoints: scoring === "knowledge" ? numbers.read("knowledgePoints", WHOLE) : null,
    knowledgeMode: str(form, "knowledgeMode") === "buzzer" ? "buzzer" : "all",
    // The bank's questions in reading order; a form without the field keeps them as saved.
    knowledgeCodes: form.has("knowledgeCodes") ? str(form, "knowledgeCodes") : undefined,
    knowledgeSeconds: scoring === "knowledge" ? numbers.read("knowledgeSeconds", WHOLE) : null,
    criteria,
  };
  return { input, problems: numbers.problems };
}

import type { StageFormValues } from "./stage-form";
import { CRITERIA_ROWS, STAGE_PRIZE_ROWS } from "./stage-form";
import type { contestPrizes, contests } from "#db/schema";
import type { PartInput, PartProblems } from "~/models/stage-parts.server";
import { validateStageSettings, type StagePrize, type StageSettings } from "~/models/stage.server";
import { fromVnInput, toVnInput } from "~/utils/format";
import { formNumbers } from "~/utils/numbers";

/** Any whole number here; each field's range is the model's rule, with its own message. */
const WHOLE = { min: Number.NEGATIVE_INFINITY };
/** Minutes and points per minute take one decimal: "7,5" phút, "0,5" điểm. */
const ONE_DECIMAL = { decimals: 1, min: Number.NEGATIVE_INFINITY };
const orNaN = (n: number | null) => n ?? Number.NaN;
const str = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** The stage settings form into settings and team prizes, with every problem per field. */
export function readStageForm(form: FormData) {
  const numbers = formNumbers(form);
  const settings: StageSettings = {
    title: str(form, "title"),
    slug: str(form, "slug").toLowerCase(),
    description: str(form, "description"),
    opensAt: fromVnInput(str(form, "opensAt")),
    closesAt: fromVnInput(str(form, "closesAt")),
    stageAggregation: str(form, "stageAggregation") === "trimmed_mean" ? "trimmed_mean" : "mean",
    stageHideTotals: form.get("stageHideTotals") === "on",
    stageSpreadPct: orNaN(numbers.read("stageSpreadPct", WHOLE)),
  };
  const prizes: StagePrize[] = [];
  for (let i = 0; i < STAGE_PRIZE_ROWS; i++) {
    const label = str(form, `prize-label-${i}`);
    const count = str(form, `prize-count-${i}`);
    const amount = str(form, `prize-amount-${i}`);
    if (!label && !count && !amount) continue;
    prizes.push({
      rank: prizes.length + 1,
      label,
      count: orNaN(numbers.read(`prize-count-${i}`, WHOLE, "prizes")),
      amount: orNaN(numbers.read(`prize-amount-${i}`, WHOLE, "prizes")),
    });
  }
  return { settings, prizes, problems: { ...validateStageSettings(settings, prizes), ...numbers.problems } };
}

/** What the user typed, to show again when the server refuses it. */
export function rawStageValues(form: FormData): StageFormValues {
  return {
    amendmentReason: str(form, "amendmentReason"),
    title: str(form, "title"),
    slug: str(form, "slug"),
    description: str(form, "description"),
    opensAt: str(form, "opensAt"),
    closesAt: str(form, "closesAt"),
    stageAggregation: str(form, "stageAggregation"),
    stageHideTotals: form.get("stageHideTotals") === "on",
    stageSpreadPct: str(form, "stageSpreadPct"),
    prizes: Array.from({ length: STAGE_PRIZE_ROWS }, (_, i) => ({
      label: str(form, `prize-label-${i}`),
      count: str(form, `prize-count-${i}`),
      amount: str(form, `prize-amount-${i}`),
    })),
  };
}

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
    stageSpreadPct: c.stageSpreadPct,
    prizes: prizes.map((p) => ({ label: p.label, count: p.count, amount: p.amount })),
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
  const minutes = numbers.read("timeLimitMin", ONE_DECIMAL, "timeLimitSec");
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
    timeLimitSec: minutes === null ? null : Math.round(minutes * 60),
    overtimePenaltyPerMin: numbers.read("overtimePenaltyPerMin", ONE_DECIMAL),
    isTieBreak: form.get("isTieBreak") === "on",
    knowledgeQuestions: scoring === "knowledge" ? numbers.read("knowledgeQuestions", WHOLE) : null,
    knowledgePoints: scoring === "knowledge" ? numbers.read("knowledgePoints", WHOLE) : null,
    knowledgeMode: str(form, "knowledgeMode") === "buzzer" ? "buzzer" : "all",
    criteria,
  };
  return { input, problems: numbers.problems };
}

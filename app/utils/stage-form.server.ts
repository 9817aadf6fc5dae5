import type { StageFormValues } from "~/components/stage/stage-settings-form";
import { CRITERIA_ROWS, STAGE_PRIZE_ROWS } from "~/components/stage/stage-settings-form";
import type { contestPrizes, contests } from "#db/schema";
import type { PartInput } from "~/models/stage-parts.server";
import { validateStageSettings, type StagePrize, type StageSettings } from "~/models/stage.server";
import { fromVnInput, toVnInput } from "./format";

const int = (v: FormDataEntryValue | null, fallback = Number.NaN) => {
  const s = String(v ?? "").replace(/[.\s]/g, "");
  return /^-?\d+$/.test(s) ? Number(s) : fallback;
};
const str = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** The stage settings form into settings and team prizes, with every problem per field. */
export function readStageForm(form: FormData) {
  const settings: StageSettings = {
    title: str(form, "title"),
    slug: str(form, "slug").toLowerCase(),
    description: str(form, "description"),
    opensAt: fromVnInput(str(form, "opensAt")),
    closesAt: fromVnInput(str(form, "closesAt")),
    stageAggregation: str(form, "stageAggregation") === "trimmed_mean" ? "trimmed_mean" : "mean",
    stageHideTotals: form.get("stageHideTotals") === "on",
    stageSpreadPct: int(form.get("stageSpreadPct")),
  };
  const prizes: StagePrize[] = [];
  for (let i = 0; i < STAGE_PRIZE_ROWS; i++) {
    const label = str(form, `prize-label-${i}`);
    const count = str(form, `prize-count-${i}`);
    const amount = str(form, `prize-amount-${i}`);
    if (!label && !count && !amount) continue;
    prizes.push({ rank: prizes.length + 1, label, count: int(count), amount: int(amount) });
  }
  return { settings, prizes, problems: validateStageSettings(settings, prizes) };
}

/** What the user typed, to show again when the server refuses it. */
export function rawStageValues(form: FormData): StageFormValues {
  return {
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

/** A part form: minutes and per-minute penalty may be left empty; criteria rows with a name count. */
export function readPartForm(form: FormData): PartInput {
  const optional = (name: string) => (str(form, name) === "" ? null : int(form.get(name)));
  const minutes = optional("timeLimitMin");
  const criteria: PartInput["criteria"] = [];
  for (let i = 0; i < CRITERIA_ROWS; i++) {
    const name = str(form, `criterion-name-${i}`);
    const max = str(form, `criterion-max-${i}`);
    if (name || max) criteria.push({ name, maxScore: int(max) });
  }
  const scoring = str(form, "scoring") === "knowledge" ? "knowledge" : "judges";
  return {
    name: str(form, "name"),
    maxScore: int(form.get("maxScore")),
    scoring,
    timeLimitSec: minutes === null ? null : minutes * 60,
    overtimePenaltyPerMin: optional("overtimePenaltyPerMin"),
    isTieBreak: form.get("isTieBreak") === "on",
    knowledgeQuestions: scoring === "knowledge" ? optional("knowledgeQuestions") : null,
    knowledgePoints: scoring === "knowledge" ? optional("knowledgePoints") : null,
    knowledgeMode: str(form, "knowledgeMode") === "buzzer" ? "buzzer" : "all",
    criteria: scoring === "judges" ? criteria : [],
  };
}

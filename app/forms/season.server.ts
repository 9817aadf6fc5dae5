import { parseWithZod } from "@conform-to/zod";
import type { PrizeInput } from "~/models/contest-settings.server";
import type { SeasonSettings } from "~/models/seasons.server";
import { readPrizeRows, prizeRowValues } from "./prizes";
import { SEASON_PRIZE_ROWS, SeasonFieldsSchema, type SeasonFormValues } from "./season";

/** Reads the season form into settings and prizes (the model validates them). */
export function readSeasonForm(form: FormData) {
  const read = parseWithZod(form, { schema: SeasonFieldsSchema });
  if (read.status !== "success") throw new Error("The season form's fields schema refuses nothing.");
  const v = read.value;
  const settings: SeasonSettings = {
    title: v.title,
    slug: v.slug.toLowerCase(),
    description: v.description,
    rules: v.rules,
    aggregate: v.aggregate,
    prizeRule: v.prizeRule,
    requiredRounds: v.requiredRounds.map(Number).filter(Number.isInteger),
    collectiveRule: v.collectiveRule,
  };
  const prizes: PrizeInput[] = readPrizeRows(v.prizes);
  return { settings, prizes, firstRoundId: Number(v.firstRoundId), reason: v.amendmentReason };
}

/** Stored settings as the form's values. */
export function seasonFormValues(settings: SeasonSettings, prizes: PrizeInput[]): SeasonFormValues {
  return {
    ...settings,
    requiredRounds: settings.requiredRounds.map(String),
    firstRoundId: "",
    amendmentReason: "",
    prizes: prizeRowValues(prizes, SEASON_PRIZE_ROWS),
  };
}

/** A model's problems as conform's field errors (the form's own names). */
export function seasonFieldErrors(problems: Record<string, string | undefined>) {
  const FIELD_OF: Record<string, string> = { reason: "amendmentReason", firstRound: "firstRoundId" };
  return Object.fromEntries(
    Object.entries(problems).flatMap(([key, text]) => (text ? [[FIELD_OF[key] ?? key, [text]]] : [])),
  );
}

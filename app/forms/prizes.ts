import { z } from "zod";
import { text, vnNumber, type NumberField } from "./vn-number";

export const PRIZE_CATEGORIES = ["individual", "team", "collective"] as const;
export type PrizeCategory = (typeof PRIZE_CATEGORIES)[number];

/**
 * The prize table's rows, posted as `prizes[i].label`, `prizes[i].count`,
 * `prizes[i].amount` and, where the contest has several kinds of prize,
 * `prizes[i].category` (the quiz and the stage forms alike).
 */
export function prizeRowsSchema(number: NumberField) {
  const row = z.object({
    category: z.enum(PRIZE_CATEGORIES).optional().catch(undefined),
    label: text,
    count: number(),
    amount: number(),
  });
  // No catch around the rows: it would swallow the numbers' refusals.
  return z.array(row).default([]);
}

export type PrizeRowValues = { category?: PrizeCategory; label: string; count: string; amount: string };

/**
 * The rows filled in, ranked from the top within each category; rows left
 * blank are skipped. Counts and amounts read the Vietnamese way; NaN when
 * missing or unreadable, which the model refuses with its message.
 */
export function readPrizeRows(rows: PrizeRowValues[], category: PrizeCategory = "individual") {
  const ranks = { individual: 0, team: 0, collective: 0 };
  return rows
    .filter((row) => row.label || row.count || row.amount)
    .map((row) => {
      const c = row.category ?? category;
      return {
        category: c,
        rank: ++ranks[c],
        label: row.label,
        count: vnNumber(row.count) ?? Number.NaN,
        amount: vnNumber(row.amount) ?? Number.NaN,
      };
    });
}

/** Saved prizes as the table's rows, padded with blank rows up to `rows`. */
export function prizeRowValues(
  prizes: { category?: PrizeCategory; label: string; count: number; amount: number }[],
  rows: number,
): PrizeRowValues[] {
  return Array.from({ length: Math.max(rows, prizes.length) }, (_, i) => {
    const p = prizes[i];
    return p
      ? { category: p.category, label: p.label, count: String(p.count), amount: String(p.amount) }
      : { label: "", count: "", amount: "" };
  });
}

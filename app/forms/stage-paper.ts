/**
 * The secretary's paper score sheet (organiser.stage.$id.paper-scores): a box
 * per team and criterion named `s-<team>-<criterion>`, a comment `c-<team>`
 * and the version the page showed `b-<team>`. Scores are read the Vietnamese
 * way ("7,5"); the maxima are the model's check, with its own message.
 */
import type { PaperRow } from "~/models/stage-paper.server";
import type { MessageKey } from "~/utils/i18n";
import { parseVnNumber } from "~/utils/numbers";

export type PaperProblem = { key: MessageKey; vars?: Record<string, string | number> };

export const paperField = {
  score: (teamId: number, criterion: string) => `s-${teamId}-${criterion}`,
  comment: (teamId: number) => `c-${teamId}`,
  base: (teamId: number) => `b-${teamId}`,
};

/** The sheet's filled rows (a row left wholly empty is skipped), or the problems of its boxes. */
export function readPaperRows(
  form: FormData,
  criteria: { key: string }[],
  teams: { id: number; name: string; ownUnit: boolean }[],
) {
  const problems: PaperProblem[] = [];
  const rows: PaperRow[] = [];
  for (const team of teams) {
    if (team.ownUnit) continue;
    const texts = criteria.map((c) => String(form.get(paperField.score(team.id, c.key)) ?? ""));
    if (texts.every((text) => text.trim() === "")) continue;
    const values: Record<string, number> = {};
    for (const [i, c] of criteria.entries()) {
      const parsed = parseVnNumber(texts[i], { decimals: 1 });
      if (!parsed.ok) problems.push({ key: parsed.problem.key, vars: parsed.problem.vars });
      else if (parsed.value === null)
        problems.push({ key: "stagePaper.rowIncomplete", vars: { team: team.name } });
      else values[c.key] = parsed.value;
    }
    rows.push({
      teamId: team.id,
      values,
      comment: String(form.get(paperField.comment(team.id)) ?? ""),
      base: Number(form.get(paperField.base(team.id)) ?? 0) || 0,
    });
  }
  return { rows, problems };
}

import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { paperField } from "~/forms/stage-paper";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { toInputNumber } from "~/utils/numbers";

/** One team's row of a judge's sheet: its score as held (tenths per criterion), and where it came from. */
export type PaperSheetRow = {
  team: { id: number; name: string };
  ownUnit: boolean;
  values: Record<string, number> | null;
  comment: string;
  version: number;
  source: "judge" | "paper" | null;
  enteredByName: string | null;
};

/** The judge's paper sheet as it looks on paper: a row per team, a box per criterion, then the comment. */
export function PaperSheetForm({
  judge,
  part,
  rows,
  typed,
}: {
  judge: { id: number; name: string };
  part: {
    id: number;
    name: string;
    maxScore: number;
    closed: boolean;
    criteria: { key: string; name: string; maxScore: number }[];
  };
  rows: PaperSheetRow[];
  /** What was typed into a sheet the server refused, shown again as it was. */
  typed: Record<string, string> | null;
}) {
  const t = useT();
  const locale = useLocale();
  // A new sheet (or new versions after a save) mounts fresh boxes; a refused one keeps what was typed.
  const key = `${judge.id}-${part.id}-${rows.map((r) => r.version).join(".")}`;
  const cell = "border border-slate-300 p-2";
  return (
    <Form
      method="post"
      action={`?judge=${judge.id}&part=${part.id}`}
      key={key}
      aria-label={t("stagePaper.sheet", { judge: judge.name, part: part.name })}
      className="flex min-w-0 flex-col gap-3"
    >
      <h2 className="text-xl font-bold">
        {t("stagePaper.sheet", { judge: judge.name, part: part.name })} —{" "}
        {t("stage.maxPoints", { n: part.maxScore })}
      </h2>
      {part.closed ? <Alert>{t("stage.partClosed")}</Alert> : null}
      <p className="text-base text-slate-600">{t("stagePaper.hint")}</p>
      <div className="overflow-x-auto">
        <table className="border-collapse text-base">
          <thead>
            <tr>
              <th className={`${cell} text-left`}>{t("stagePaper.team")}</th>
              {part.criteria.map((c) => (
                <th key={c.key} className={cell}>
                  {c.name || part.name} ({formatNumber(c.maxScore, locale)})
                </th>
              ))}
              <th className={cell}>{t("stagePaper.total")}</th>
              <th className={cell}>{t("stagePaper.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.team.id}>
                <th scope="row" className={`${cell} text-left`}>
                  {row.team.name}
                  {row.source === "paper" ? (
                    <span className="block text-sm font-normal text-slate-700">
                      {t("stagePaper.fromPaper", { name: row.enteredByName ?? "" })}
                    </span>
                  ) : row.source === "judge" ? (
                    <span className="block text-sm font-normal text-slate-700">
                      {t("stagePaper.byJudge")}
                    </span>
                  ) : null}
                </th>
                {row.ownUnit ? (
                  <td colSpan={part.criteria.length + 2} className={cell}>
                    {t("stagePaper.ownUnit")}
                  </td>
                ) : (
                  <>
                    {part.criteria.map((c) => {
                      const name = paperField.score(row.team.id, c.key);
                      const held = row.values?.[c.key];
                      return (
                        <td key={c.key} className={cell}>
                          <input
                            name={name}
                            inputMode="decimal"
                            defaultValue={
                              typed ? (typed[name] ?? "") : held !== undefined ? toInputNumber(held / 10) : ""
                            }
                            aria-label={t("stagePaper.cell", {
                              team: row.team.name,
                              criterion: c.name || part.name,
                              max: c.maxScore,
                            })}
                            className="min-h-11 w-20 rounded-lg border-2 border-slate-400 px-2 text-lg"
                            disabled={part.closed}
                          />
                        </td>
                      );
                    })}
                    <td className={`${cell} text-right`}>
                      {row.values
                        ? formatNumber(Object.values(row.values).reduce((s, v) => s + v, 0) / 10, locale)
                        : ""}
                    </td>
                    <td className={cell}>
                      <input
                        name={paperField.comment(row.team.id)}
                        defaultValue={typed ? (typed[paperField.comment(row.team.id)] ?? "") : row.comment}
                        maxLength={1000}
                        aria-label={t("stagePaper.cellComment", { team: row.team.name })}
                        className="min-h-11 w-56 rounded-lg border-2 border-slate-400 px-2 text-base"
                        disabled={part.closed}
                      />
                      <input type="hidden" name={paperField.base(row.team.id)} value={row.version} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button className="self-start" disabled={part.closed}>
        {t("stagePaper.save")}
      </Button>
    </Form>
  );
}

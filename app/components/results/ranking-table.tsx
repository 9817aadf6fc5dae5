import type { ReactNode } from "react";
import { DisqualifyButton } from "~/components/results/disqualify-button";
import { useHasMessage, useT, type MessageKey } from "~/utils/i18n";

/** What every ranked row has, quiz entry, unit or stage team alike. */
type Ranked = { rank: number | null; status: string };

export type RankingColumn<R> = {
  header: ReactNode;
  cell: (row: R) => ReactNode;
  className?: string;
};

/**
 * One ranking of the committee's review (individuals, teams, units, stage
 * teams): a section named by its title, the place or the status first, the
 * given columns, and until the results are locked the disqualify form of
 * every ranked row (`disqualify` gives its targets, the first the default).
 */
export function RankingTable<R extends Ranked>({
  title,
  rows,
  rowKey,
  columns,
  final,
  disqualify,
}: {
  title: string;
  rows: R[];
  rowKey: (row: R) => string | number;
  columns: RankingColumn<R>[];
  final: boolean;
  disqualify: (row: R) => { targets: [string, MessageKey][]; label: string };
}) {
  const t = useT();
  const status = useKeyed("review.status.");
  return (
    <section aria-label={title}>
      <h2 className="mb-2 text-2xl font-bold">{title}</h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-base">
          <thead className="bg-slate-100">
            <tr>
              <th className="p-2">{t("review.rank")}</th>
              {columns.map((c, i) => (
                <th key={i} className="p-2">
                  {c.header}
                </th>
              ))}
              <th className="p-2" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={rowKey(row)}
                className={`border-t border-slate-200 align-top ${row.status !== "ranked" ? "text-slate-500" : ""}`}
              >
                <td className="p-2">{row.rank ?? status(row.status)}</td>
                {columns.map((c, i) => (
                  <td key={i} className={`p-2 ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </td>
                ))}
                <td className="p-2">
                  {!final && row.status === "ranked" ? <DisqualifyButton {...disqualify(row)} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A value's words from the messages under `prefix` (e.g. "review.status."), or the value as it is. */
function useKeyed(prefix: string) {
  const t = useT();
  const has = useHasMessage();
  return (value: string) => {
    const key = prefix + value;
    return has(key) ? t(key) : value;
  };
}

/** The rule that put a row below the one above it, in words ("" for the first or an identical row). */
export function useSeparatedBy() {
  const sep = useKeyed("review.sep.");
  // A stage team's total is its score.
  return (rule: string | null) => (rule ? sep(rule === "total" ? "score" : rule) : "");
}

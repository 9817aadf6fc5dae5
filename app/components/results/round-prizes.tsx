import { formatMoney } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { prizeName } from "~/utils/prize-names";

/** A round prize as a season settles it (`supersededBy`: the round of the higher prize received instead). */
export type RoundPrizeRow = {
  roundNo: number;
  name: string;
  unit: string | null;
  prize: string;
  amount: number;
  supersededBy: number | null;
};

/** Every round's prizes: received, or struck out for a higher one in another round. */
export function RoundPrizes({ rows, total }: { rows: RoundPrizeRow[]; total: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="round-prizes">
      <h2 id="round-prizes" className="mb-2 text-2xl font-bold">
        {t("season.roundPrizes")}
      </h2>
      <p className="mb-2 text-base text-slate-700">{t("season.roundPrizesIntro")}</p>
      <div
        role="region"
        aria-labelledby="round-prizes"
        tabIndex={0}
        className="overflow-x-auto rounded-xl border border-slate-200 bg-white"
      >
        <table className="w-full text-left text-base">
          <thead className="bg-slate-100">
            <tr>
              <th className="p-2">{t("season.roundColumn")}</th>
              <th className="p-2">{t("contests.prizeLabel")}</th>
              <th className="p-2">{t("season.unit")}</th>
              <th className="p-2">{t("contests.prizeAmount")}</th>
              <th className="p-2" />
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr
                key={i}
                className={`border-t border-slate-200 ${p.supersededBy === null ? "" : "text-slate-500"}`}
              >
                <td className="p-2">{t("season.round", { n: p.roundNo })}</td>
                <td className="p-2">
                  <span className={p.supersededBy === null ? "" : "line-through"}>
                    {prizeName(t, p.prize)}
                  </span>
                  : {p.name}
                </td>
                <td className="p-2">{p.unit}</td>
                <td className="p-2">{formatMoney(p.amount, locale)}</td>
                <td className="p-2">
                  {p.supersededBy === null
                    ? t("season.received")
                    : t("season.supersededBy", { n: p.supersededBy ?? 0 })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-lg font-semibold">
        {t("season.roundPrizesTotal", { amount: formatMoney(total, locale) })}
      </p>
    </section>
  );
}

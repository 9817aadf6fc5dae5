import type { ReactNode } from "react";
import { EntriesOverTime, Histogram, ParticipationChart } from "~/components/charts/stats-charts";
import { UnitStatsTable } from "~/components/unit-stats-table";
import { useLocale, useT } from "~/utils/i18n";

type Stats = {
  totals: {
    units: number;
    unitsWithParticipants: number;
    participants: number;
    entries: number;
    completionRate?: number | null;
  };
  units: Parameters<typeof UnitStatsTable>[0]["units"];
  byDay: { day: string; entries: number }[];
  byHour: { hour: number; entries: number }[];
  scores: { score: number; entries: number }[];
};

/** The headline, the unit table and the charts: shared by the public and the private statistics pages. */
export function StatsOverview({
  stats,
  detailed,
  exportLinks,
}: {
  stats: Stats;
  detailed: boolean;
  exportLinks?: (table: string) => ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => v.toLocaleString(locale === "vi" ? "vi-VN" : "en-GB");
  return (
    <>
      <p className="text-brand-800 text-2xl font-bold" data-testid="units-with-participants">
        {t("stats.unitsWith", { n: stats.totals.unitsWithParticipants, total: stats.totals.units })}
      </p>
      <p className="text-xl" data-testid="stats-summary">
        {t("stats.summary", { participants: n(stats.totals.participants), entries: n(stats.totals.entries) })}
      </p>
      {detailed && stats.totals.completionRate !== undefined && stats.totals.completionRate !== null ? (
        <p className="text-lg">
          {t("stats.completion", { rate: `${Math.round(stats.totals.completionRate * 100)}%` })}
        </p>
      ) : null}
      <section aria-label={t("stats.byUnit")} className="flex flex-col gap-2">
        <h2 className="text-2xl font-bold">{t("stats.byUnit")}</h2>
        {exportLinks?.("units")}
        <UnitStatsTable units={stats.units} detailed={detailed} />
        <ParticipationChart units={stats.units} label={t("stats.rateChart")} />
      </section>
      <section className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <EntriesOverTime days={stats.byDay} label={t("stats.byDay")} />
        <Histogram data={stats.scores} xKey="score" label={t("stats.scores")} />
        <Histogram
          data={stats.byHour.map((h) => ({ hour: `${h.hour}h`, entries: h.entries }))}
          xKey="hour"
          label={t("stats.byHour")}
        />
      </section>
    </>
  );
}

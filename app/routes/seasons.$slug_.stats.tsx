import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RoundsChart } from "~/components/charts/stats-charts";
import { publicSeasonStats, seasonStats } from "~/models/season-stats.server";
import { db } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { metaTitle, useLocale, useT } from "~/utils/i18n";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** Public: figures per unit per round, no personal data (the same as stats.json). */
export async function loader({ params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  return publicSeasonStats(await orHttpError(() => seasonStats(db, slug, Date.now())));
}

export default function SeasonStatsPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const num = (n: number) => formatNumber(n, locale);
  const pct = (r: number | null) =>
    r === null
      ? "—"
      : `${(r * 100).toLocaleString(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 })}%`;
  const round = (n: number) => t("season.round", { n });
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("season.stats")}</h1>
      <p className="text-xl">
        <Link to={`/seasons/${data.season.slug}`} className="underline">
          {data.season.title}
        </Link>
      </p>
      <p className="text-2xl font-bold">
        {t("season.unitsWithParticipants", {
          n: data.totals.unitsWithParticipants,
          total: data.totals.units,
        })}
      </p>
      <p className="text-lg">
        {t("season.totals", {
          participants: num(data.totals.participants),
          entries: num(data.totals.entries),
          rounds: data.totals.rounds,
        })}
      </p>
      <RoundsChart
        rounds={data.rounds}
        label={t("season.perRoundChart")}
        roundName={round}
        series={{ participants: t("season.participants"), entries: t("season.entries") }}
      />
      {/* Focusable: on a phone the rounds' columns scroll sideways, by keyboard too. */}
      <div
        role="region"
        aria-label={t("season.stats")}
        tabIndex={0}
        className="overflow-x-auto rounded-xl border border-slate-200 bg-white"
      >
        <table className="w-full text-left text-base">
          <caption className="sr-only">{t("season.stats")}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th className="p-2">{t("season.unit")}</th>
              {data.rounds.map((r) => (
                <th key={r.roundNo} className="p-2">
                  {round(r.roundNo)}
                </th>
              ))}
              <th className="p-2">{t("season.participants")}</th>
              <th className="p-2">{t("season.entries")}</th>
              <th className="p-2">{t("season.rate")}</th>
            </tr>
          </thead>
          <tbody>
            {data.units.map((u) => (
              <tr key={u.id} className="border-t border-slate-200">
                <th scope="row" className="p-2 font-semibold">
                  {u.name}
                </th>
                {u.rounds.map((r) => (
                  <td key={r.roundNo} className="p-2">
                    {num(r.participants)} · {pct(r.participationRate)}
                  </td>
                ))}
                <td className="p-2">{num(u.participants)}</td>
                <td className="p-2">{num(u.entries)}</td>
                <td className="p-2">{pct(u.participationRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.seasonStats");

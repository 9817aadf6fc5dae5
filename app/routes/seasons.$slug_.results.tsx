import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { announcedSeasonResults, publicSeasonResults } from "~/models/seasons.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formatMoney, formatNumber } from "~/utils/format";
import { parseParams } from "~/utils/http.server";
import { metaTitle, useLocale, useT } from "~/utils/i18n";
import { prizeName } from "~/utils/prize-names";
import { RoundPrizes } from "~/components/results/round-prizes";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export async function loader({ params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  try {
    const { season, announcedAt, results } = await announcedSeasonResults(db, slug);
    return { slug, announced: publicSeasonResults(season, announcedAt, results) };
  } catch (error) {
    // Not announced yet: the page says when it will be, rather than a bare 404.
    if (error instanceof DomainError && error.code === "results.notYet") return { slug, announced: null };
    if (error instanceof DomainError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

type Announced = NonNullable<SerializeFrom<typeof loader>["announced"]>;

/** The season's winners: season prizes with each round's score, units round by round, round prizes as settled. */
export default function SeasonWinners() {
  const { slug, announced } = useLoaderData<typeof loader>();
  const t = useT();
  if (!announced)
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-3xl font-bold">{t("season.results")}</h1>
        <p className="text-lg">{t("season.resultsNotYet")}</p>
        <Link to={`/seasons/${slug}`} className="text-brand-700 text-lg font-semibold underline">
          {t("season.view")}
        </Link>
      </div>
    );
  return <Announced data={announced} />;
}

function Announced({ data }: { data: Announced }) {
  const t = useT();
  const locale = useLocale();
  const num = (n: number) => formatNumber(n, locale);
  const round = (n: number) => t("season.round", { n });
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("season.results")}</h1>
      <p className="text-xl">
        <Link to={`/seasons/${data.season.slug}`} className="underline">
          {data.season.title}
        </Link>
      </p>
      <section aria-label={t("season.collective")}>
        <h2 className="mb-2 text-2xl font-bold">{t("season.collective")}</h2>
        <ol className="flex flex-col gap-2">
          {data.collective.map((u) => (
            <li key={u.name} className="rounded-xl border border-slate-200 bg-white p-3 text-lg">
              <strong className="text-brand-800">{prizeName(t, u.prize)}</strong>: {u.name} ·{" "}
              {formatMoney(u.amount, locale)}
              <span className="block text-base text-slate-700">
                {t("winners.collectiveDetail", {
                  participants: num(u.participants),
                  entries: num(u.entries),
                })}
                {u.participationRate !== null
                  ? `, ${t("winners.rate", { rate: (u.participationRate * 100).toLocaleString(locale === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 }) })}`
                  : ""}
              </span>
              <span className="block text-base text-slate-700">
                {u.rounds.map((r) => `${round(r.roundNo)}: ${num(r.participants)}`).join(" · ")}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section aria-label={t("season.ranking")}>
        <h2 className="mb-2 text-2xl font-bold">{t("season.ranking")}</h2>
        <ol className="flex flex-col gap-2">
          {data.individual.map((w) => (
            <li
              key={`${w.rank}-${w.name}`}
              className="rounded-xl border border-slate-200 bg-white p-3 text-lg"
            >
              <strong className="text-brand-800">{prizeName(t, w.prize)}</strong>: {w.name}
              <span className="block text-base text-slate-700">
                {[w.unit, `${t("season.total")}: ${num(w.score)}`, formatMoney(w.amount, locale)]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
              <span className="block text-base text-slate-700">
                {w.rounds
                  .map((r) => `${round(r.roundNo)}: ${r.score === null ? "—" : num(r.score)}`)
                  .join(" · ")}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <p className="text-xl font-bold">
        {t("season.seasonPrizesTotal", { amount: formatMoney(data.season.totalAmount, locale) })}
      </p>
      <RoundPrizes rows={data.roundPrizes} total={data.roundPrizesAmount} />
      <p className="no-print flex flex-wrap gap-4 text-lg">
        <Link to={`/seasons/${data.season.slug}/ceremony`} className="text-brand-700 font-semibold underline">
          {t("season.ceremony")}
        </Link>
        <Link to={`/seasons/${data.season.slug}/decision`} className="text-brand-700 font-semibold underline">
          {t("season.decision")}
        </Link>
        <Link to={`/seasons/${data.season.slug}/stats`} className="text-brand-700 font-semibold underline">
          {t("season.stats")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.seasonResults");

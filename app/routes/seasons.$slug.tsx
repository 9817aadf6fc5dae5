import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Countdown } from "~/components/countdown";
import { getSeasonBySlug } from "~/models/seasons.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { metaTitle, useLocale, useT } from "~/utils/i18n";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export async function loader({ params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const now = Date.now();
  const overview = await orHttpError(() => getSeasonBySlug(db, slug, now));
  return {
    ...overview,
    msToClose: overview.current ? overview.current.closesAt - now : 0,
    msToOpen: overview.next ? overview.next.opensAt - now : 0,
  };
}

/** A season as residents see it: the round open now, the next one, every round, the thể lệ, the results. */
export default function SeasonPage() {
  const { season, rounds, current, next, msToClose, msToOpen } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("season.label", { title: season.title })}</h1>
      {season.description ? <p className="text-lg">{season.description}</p> : null}
      <div className="flex flex-col gap-2">
        {current ? (
          <div className="border-brand-300 bg-brand-50 rounded-xl border-2 p-4">
            <p className="text-xl font-bold">{current.title}</p>
            <p className="text-lg">
              <Countdown ms={msToClose} kind="closes" />
            </p>
            <Link
              to={`/contests/${current.slug}`}
              className="bg-brand-700 mt-2 inline-block min-h-12 rounded-lg px-5 py-3 text-lg font-semibold text-white"
            >
              {t("season.goToRound", { title: t("season.round", { n: current.roundNo }) })}
            </Link>
          </div>
        ) : (
          <p className="text-lg">{t("season.noneOpen")}</p>
        )}
        {next ? (
          <p className="text-lg">
            {t("season.next", { time: formatDateTime(next.opensAt, locale) })} ·{" "}
            <Countdown ms={msToOpen} kind="opens" />
          </p>
        ) : null}
      </div>
      <section aria-labelledby="season-rounds" className="flex flex-col gap-2">
        <h2 id="season-rounds" className="text-2xl font-bold">
          {t("season.rounds")}
        </h2>
        <ol className="flex flex-col gap-2">
          {rounds.map((r) => (
            <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-3 text-lg">
              <Link to={`/contests/${r.slug}`} className="text-brand-800 font-semibold underline">
                {t("season.round", { n: r.roundNo })}
              </Link>{" "}
              · {t(`contest.status.${r.status}`)}
              <span className="block text-base text-slate-700">
                {t("season.window", {
                  opens: formatDateTime(r.opensAt, locale),
                  closes: formatDateTime(r.closesAt, locale),
                })}
              </span>
              {r.status === "announced" ? (
                <Link to={`/contests/${r.slug}/results`} className="text-brand-700 text-base underline">
                  {t("home.viewResults")}
                  <span className="sr-only"> {t("season.round", { n: r.roundNo })}</span>
                </Link>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <p className="flex flex-wrap gap-4 text-lg">
        <Link to={`/seasons/${season.slug}/stats`} className="text-brand-700 font-semibold underline">
          {t("season.stats")}
        </Link>
        <Link to={`/seasons/${season.slug}/results`} className="text-brand-700 font-semibold underline">
          {t("season.results")}
        </Link>
      </p>
      {season.rules ? (
        <section aria-labelledby="season-rules">
          <h2 id="season-rules" className="mb-2 text-2xl font-bold">
            {t("season.rules")}
          </h2>
          <div className="rounded-xl border border-slate-200 bg-white p-4 text-lg whitespace-pre-wrap">
            {season.rules}
          </div>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  metaTitle(matches, "title.season", { title: data?.season.title ?? "" });

import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { announcedResults } from "~/models/results.server";
import { audienceVoteResults } from "~/models/audience-vote.server";
import { AudienceVoteResult } from "~/components/stage/audience-vote-result";
import { roundContext } from "~/models/seasons.server";
import { db } from "~/utils/db.server";
import { formatDateTime, formatMoney, formatNumber } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { metaTitle, useLocale, useT, type Locale, type Translate } from "~/utils/i18n";
import { prizeName } from "~/utils/prize-names";
import { tieReason } from "~/components/results/tie-reason";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export async function loader({ params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const { contest, announcedAt, winners } = await orHttpError(() => announcedResults(db, slug));
  if (contest.kind === "season") throw redirect(`/seasons/${contest.slug}/results`);
  const season = await roundContext(db, contest, Date.now());
  return {
    contest: { slug: contest.slug, title: contest.title, wardName: contest.wardName },
    season: season && { slug: season.season.slug, title: season.season.title },
    announcedAt,
    winners,
    audienceVote: await audienceVoteResults(db, contest),
  };
}

type Winners = SerializeFrom<typeof loader>["winners"];

type WinnerRow = {
  name: string;
  prize: string;
  amount: number;
  detail: string;
  parts?: string;
  tie?: string | null;
};

/** One prize category's winners, or nothing when it has none. */
function WinnerTable({ title, rows }: { title: string; rows: WinnerRow[] }) {
  const t = useT();
  const locale = useLocale();
  return rows.length ? (
    <section aria-label={title}>
      <h2 className="mb-2 text-2xl font-bold">{title}</h2>
      <ol className="flex flex-col gap-2">
        {rows.map((r, i) => (
          <li key={i} className="rounded-xl border border-slate-200 bg-white p-3 text-lg">
            <strong className="text-brand-800">{prizeName(t, r.prize)}</strong>: {r.name}
            <span className="block text-base text-slate-700">
              {r.detail} · {formatMoney(r.amount, locale)}
            </span>
            {r.parts ? <span className="block text-base text-slate-700">{r.parts}</span> : null}
            {r.tie ? <span className="block text-base text-slate-800 italic">{r.tie}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  ) : null;
}

function collectiveRows(winners: Winners["collective"], t: Translate, locale: Locale): WinnerRow[] {
  return winners.map((w) => ({
    name: w.name,
    prize: w.prize,
    amount: w.amount,
    detail: [
      t("winners.collectiveDetail", {
        participants: formatNumber(w.participants, locale),
        entries: formatNumber(w.entries, locale),
      }),
      w.participationRate !== null
        ? t("winners.rate", {
            rate: (w.participationRate * 100).toLocaleString(locale === "en" ? "en-GB" : "vi-VN", {
              maximumFractionDigits: 1,
            }),
          })
        : null,
    ]
      .filter(Boolean)
      .join(", "),
  }));
}

/** A person's or a team's row: the name, the prize, and the unit with the score. */
function scoredRow(
  w: Winners["individual"][number] | Winners["teams"][number],
  t: Translate,
  locale: Locale,
): WinnerRow {
  return {
    name: w.name,
    prize: w.prize,
    amount: w.amount,
    detail: [w.unit, t("results.points", { score: formatNumber(w.score, locale) })]
      .filter(Boolean)
      .join(" · "),
  };
}

function individualRows(winners: Winners["individual"], t: Translate, locale: Locale): WinnerRow[] {
  return winners.map((w) => scoredRow(w, t, locale));
}

function teamRows(winners: Winners["teams"], t: Translate, locale: Locale): WinnerRow[] {
  return winners.map((w) => ({
    ...scoredRow(w, t, locale),
    // A stage team: each part's score, and how a tie on the total was settled.
    ...("parts" in w
      ? {
          parts: w.parts
            .map((p) =>
              t("results.partScore", {
                part: p.name,
                score: p.score === null ? "—" : formatNumber(p.score, locale),
              }),
            )
            .join(" · "),
          tie: tieReason(w.tie, t),
        }
      : {}),
  }));
}

export default function Winners() {
  const { contest, announcedAt, winners, season, audienceVote } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("results.title")}</h1>
      <p className="text-xl">
        {contest.title} — {contest.wardName}
      </p>
      {announcedAt ? <p className="text-base text-slate-700">{formatDateTime(announcedAt, locale)}</p> : null}
      <WinnerTable
        title={t("contest.prizes.collective")}
        rows={collectiveRows(winners.collective, t, locale)}
      />
      <WinnerTable
        title={t("contest.prizes.individual")}
        rows={individualRows(winners.individual, t, locale)}
      />
      <WinnerTable title={t("contest.prizes.team")} rows={teamRows(winners.teams, t, locale)} />
      {/* Once opened: a vote never held says nothing here. */}
      {audienceVote && audienceVote.state !== "notOpened" ? <AudienceVoteResult vote={audienceVote} /> : null}
      <p className="text-xl font-bold">
        {t("results.total", { amount: formatMoney(winners.totalAmount, locale) })}
      </p>
      <p className="no-print flex flex-wrap gap-4 text-lg">
        <Link to={`/contests/${contest.slug}/ceremony`} className="text-brand-700 font-semibold underline">
          {t("results.ceremony")}
        </Link>
        <Link to={`/contests/${contest.slug}/decision`} className="text-brand-700 font-semibold underline">
          {t("results.decision")}
        </Link>
        <Link to={`/contests/${contest.slug}`} className="text-brand-700 font-semibold underline">
          {t("result.backToContest")}
        </Link>
        {season ? (
          <Link to={`/seasons/${season.slug}/results`} className="text-brand-700 font-semibold underline">
            {t("season.seasonLink", { title: season.title })}
          </Link>
        ) : null}
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? metaTitle(matches, "title.results", { contest: data.contest.title }, { app: false })
    : metaTitle(matches, "title.resultsNone", {}, { app: false });

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Countdown } from "~/components/countdown";
import { listPublicContests } from "~/models/contest.server";
import { listPublicSeasons } from "~/models/seasons.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

export async function loader(_: LoaderFunctionArgs) {
  const now = Date.now();
  const [contests, seasons] = await Promise.all([listPublicContests(db, now), listPublicSeasons(db, now)]);
  const seasonTitle = new Map(
    seasons.map((s) => [s.season.id, { slug: s.season.slug, title: s.season.title }]),
  );
  const card = (c: (typeof contests)[number]) => ({
    slug: c.slug,
    title: c.title,
    kind: c.kind,
    status: c.status,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    msToOpen: c.opensAt - now,
    msToClose: c.closesAt - now,
    season: c.seasonId !== null ? { ...seasonTitle.get(c.seasonId), roundNo: c.roundNo } : null,
  });
  return {
    seasons: seasons.map((s) => ({
      slug: s.season.slug,
      title: s.season.title,
      rounds: s.rounds.length,
      current: s.current && { title: s.current.title, slug: s.current.slug, closesAt: s.current.closesAt },
      next: s.next && { title: s.next.title, opensAt: s.next.opensAt },
      msToClose: s.current ? s.current.closesAt - now : 0,
    })),
    open: contests.filter((c) => c.status === "open").map(card),
    upcoming: contests.filter((c) => c.status === "published").map(card),
    past: contests
      .filter((c) => !["open", "published"].includes(c.status))
      .sort((a, b) => b.closesAt - a.closesAt)
      .map(card),
  };
}

type Card = Awaited<ReturnType<typeof loader>>["open"][number];

function ContestCard({ contest }: { contest: Card }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-xl font-bold">
        <Link to={`/contests/${contest.slug}`} className="text-brand-800 underline-offset-4 hover:underline">
          {contest.title}
        </Link>
      </h3>
      {contest.season?.slug ? (
        <p className="mt-1 text-base font-semibold text-slate-800">
          {t("season.round", { n: contest.season.roundNo ?? 0 })} ·{" "}
          <Link to={`/seasons/${contest.season.slug}`} className="text-brand-700 underline">
            {t("season.label", { title: contest.season.title ?? "" })}
          </Link>
        </p>
      ) : null}
      <p className="mt-1 text-base text-slate-700">
        {formatDateTime(contest.opensAt, locale)} → {formatDateTime(contest.closesAt, locale)}
      </p>
      <p className="text-brand-700 mt-2 text-lg font-semibold">
        {contest.status === "open" ? (
          <Countdown ms={contest.msToClose} kind="closes" />
        ) : contest.status === "published" ? (
          <Countdown ms={contest.msToOpen} kind="opens" />
        ) : (
          t(`contest.status.${contest.status}`)
        )}
      </p>
      <Link
        to={
          contest.status === "announced" ? `/contests/${contest.slug}/results` : `/contests/${contest.slug}`
        }
        className="text-brand-700 mt-3 inline-block text-lg font-semibold underline underline-offset-4"
      >
        {contest.status === "announced"
          ? t("home.viewResults")
          : contest.kind === "quiz" && (contest.status === "open" || contest.status === "published")
            ? t("home.viewContest")
            : t("home.viewDetails")}
      </Link>
    </li>
  );
}

type SeasonCard = Awaited<ReturnType<typeof loader>>["seasons"][number];

/** A season: the round open now (with its countdown) and when the next opens. */
function SeasonCard({ season }: { season: SeasonCard }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="border-brand-200 rounded-xl border-2 bg-white p-4 shadow-sm">
      <h3 className="text-xl font-bold">
        <Link to={`/seasons/${season.slug}`} className="text-brand-800 underline-offset-4 hover:underline">
          {t("season.label", { title: season.title })}
        </Link>
      </h3>
      {season.current ? (
        <p className="mt-1 text-lg">
          <Link to={`/contests/${season.current.slug}`} className="text-brand-700 font-semibold underline">
            {t("season.goToRound", { title: season.current.title })}
          </Link>{" "}
          · <Countdown ms={season.msToClose} kind="closes" />
        </p>
      ) : (
        <p className="mt-1 text-lg">{t("season.noneOpen")}</p>
      )}
      {season.next ? (
        <p className="mt-1 text-base text-slate-700">
          {t("season.next", { time: formatDateTime(season.next.opensAt, locale) })}
        </p>
      ) : null}
    </li>
  );
}

function Section({ title, contests }: { title: string; contests: Card[] }) {
  if (contests.length === 0) return null;
  return (
    <section className="mb-8" aria-label={title}>
      <h2 className="mb-3 text-2xl font-bold">{title}</h2>
      <ul className="flex flex-col gap-4">
        {contests.map((c) => (
          <ContestCard key={c.slug} contest={c} />
        ))}
      </ul>
    </section>
  );
}

export default function Home() {
  const { seasons, open, upcoming, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold">{t("app.name")}</h1>
      <p className="mb-6 text-lg text-slate-700">{t("app.tagline")}</p>
      {seasons.length ? (
        <section className="mb-8" aria-label={t("season.list")}>
          <h2 className="mb-3 text-2xl font-bold">{t("season.list")}</h2>
          <ul className="flex flex-col gap-4">
            {seasons.map((s) => (
              <SeasonCard key={s.slug} season={s} />
            ))}
          </ul>
        </section>
      ) : null}
      <Section title={t("home.open")} contests={open} />
      <Section title={t("home.upcoming")} contests={upcoming} />
      <Section title={t("home.closed")} contests={past} />
      {open.length + upcoming.length + past.length === 0 ? <p>{t("home.none")}</p> : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.home");

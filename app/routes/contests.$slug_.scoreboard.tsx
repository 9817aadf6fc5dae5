import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLiveRefresh } from "~/components/use-live-refresh";
import { z } from "zod";
import { getContestBySlug } from "~/models/contest.server";
import { currentResults } from "~/models/results.server";
import { eligibleJudges } from "~/models/stage-results.server";
import { runningTimer } from "~/models/stage-timing.server";
import { projectorAudienceVote } from "~/models/audience-vote.server";
import { ProjectorVote } from "~/components/stage/projector-vote";
import { TRIM_MIN_JUDGES } from "~/models/stage-scoring.server";
import { RunningClock } from "~/components/stage/running-clock";
import { formatWindow } from "~/utils/stage-time";
import { db } from "~/utils/db.server";
import { formatDateTime, formatNumber } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";
import { prizeName } from "~/utils/prize-names";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** Milliseconds between refreshes of the projector's scoreboard: a timed performance shows within 2 seconds. */
const REFRESH_MS = 2000;

export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const contest = await orHttpError(() => getContestBySlug(db, slug));
  if (contest.kind !== "stage") throw new Response("Not found", { status: 404 });
  const [{ results }, timer] = await Promise.all([
    currentResults(db, contest.id),
    runningTimer(db, contest.id),
  ]);
  const stage = results.stage!;
  // Hidden totals are never sent to the browser, not merely hidden on screen.
  const hidden = contest.stageHideTotals && contest.state !== "announced";
  const teams = hidden ? [...stage.teams].sort((a, b) => a.number - b.number) : stage.teams;
  // Teams the rules cannot separate share a place until the committee decides.
  const shownRank = new Map<number, number | null>();
  teams.forEach((t, i) =>
    shownRank.set(t.id, t.separatedBy === "unresolved" && i > 0 ? shownRank.get(teams[i - 1].id)! : t.rank),
  );
  return {
    title: contest.title,
    wardName: contest.wardName,
    hidden,
    at: Date.now(),
    trimMin: TRIM_MIN_JUDGES,
    // The audience vote: its QR code and count while open (the whole screen), the prize once closed.
    audienceVote: await projectorAudienceVote(db, contest, new URL(request.url).origin),
    // The performance being timed: its team, the server's start and the allowed time.
    timer: timer && {
      teamName: timer.teamName,
      startedAt: timer.startedAt,
      window: formatWindow(timer.minTimeSec, timer.timeLimitSec),
    },
    parts: stage.parts.map((p) => ({
      id: p.id,
      name: p.name,
      maxScore: p.maxScore,
      byJudges: p.scoring === "judges",
      closed: p.closedAt !== null,
    })),
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      rank: hidden ? null : shownRank.get(t.id)!,
      prize: contest.state === "announced" ? (t.prize?.label ?? null) : null,
      total: hidden ? null : t.totalHundredths,
      conflicted: t.conflictedJudges,
      parts: t.parts.map((p) => ({
        partId: p.partId,
        score: hidden ? null : p.hundredths,
        done: p.hundredths !== null,
        judges: p.judges,
        of: eligibleJudges(stage, t),
        fewerJudges: p.fewerJudges,
      })),
    })),
  };
}

type ScoreboardData = SerializeFrom<typeof loader>;

function ScoreboardHead({ hidden, parts }: Pick<ScoreboardData, "hidden" | "parts">) {
  const t = useT();
  return (
    <thead className="text-brand-100">
      <tr>
        {!hidden ? <th className="px-3 py-2 text-xl md:text-2xl">{t("stage.rank")}</th> : null}
        <th className="px-3 py-2 text-xl md:text-2xl">{t("stage.team")}</th>
        {parts.map((p) => (
          <th key={p.id} className="px-3 py-2 text-xl md:text-2xl">
            {p.name}
            <span className="block text-base font-normal">
              {t("stage.maxPoints", { n: p.maxScore })} ·{" "}
              {p.closed ? t("stage.partClosedLabel") : t("stage.scoringNow")}
            </span>
          </th>
        ))}
        {!hidden ? <th className="px-3 py-2 text-xl md:text-2xl">{t("stage.total")}</th> : null}
      </tr>
    </thead>
  );
}

function TeamRow({
  team,
  hidden,
  parts,
}: Pick<ScoreboardData, "hidden" | "parts"> & { team: ScoreboardData["teams"][number] }) {
  const t = useT();
  const locale = useLocale();
  const pts = (h: number | null) => (h === null ? "—" : formatNumber(h / 100, locale));
  return (
    <tr className="border-t border-white/30" data-testid={`scoreboard-team-${team.id}`}>
      {!hidden ? <td className="px-3 py-2 font-bold">{team.rank ?? ""}</td> : null}
      <td className="px-3 py-2 font-semibold">
        {team.name}
        {team.prize ? <span className="block text-amber-300">{prizeName(t, team.prize)}</span> : null}
      </td>
      {team.parts.map((p, i) => (
        <td key={p.partId} className="px-3 py-2">
          {!hidden ? (
            <>
              {pts(p.score)}
              {p.fewerJudges && p.score !== null ? (
                <sup aria-label={t("stage.flag.fewerJudges", { n: p.judges, k: team.conflicted })}>*</sup>
              ) : null}
            </>
          ) : parts[i].byJudges ? (
            <span className="text-lg">{t("stage.judgesScored", { n: p.judges, of: p.of })}</span>
          ) : p.done ? (
            "✓"
          ) : (
            "—"
          )}
        </td>
      ))}
      {!hidden ? (
        <td
          className="px-3 py-2 text-2xl font-extrabold text-amber-300 md:text-4xl"
          data-testid="scoreboard-total"
        >
          {pts(team.total)}
        </td>
      ) : null}
    </tr>
  );
}

/** The performance on stage: its team and running time against the allowed time ("06:42 / 08:00–15:00"). */
function TimerBanner({ timer, at }: { timer: NonNullable<ScoreboardData["timer"]>; at: number }) {
  const t = useT();
  return (
    <section
      aria-label={t("stageTiming.projector", { team: timer.teamName })}
      className="mx-auto mt-3 flex max-w-6xl flex-wrap items-baseline justify-center gap-x-6 rounded-xl bg-white/10 px-4 py-2"
    >
      <span className="text-2xl font-semibold md:text-4xl">
        {t("stageTiming.projector", { team: timer.teamName })}
      </span>
      <span className="text-4xl font-extrabold text-amber-300 md:text-6xl" data-testid="scoreboard-timer">
        <RunningClock
          key={timer.startedAt}
          startedAt={timer.startedAt}
          serverNow={at}
          label={t("stageTiming.projectorClock", { team: timer.teamName })}
        />
        {timer.window ? ` / ${timer.window.replace(/^≤ /, "")}` : ""}
      </span>
    </section>
  );
}

export default function Scoreboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  useLiveRefresh(REFRESH_MS);
  if (data.audienceVote?.open) return <ProjectorVote vote={data.audienceVote} />;
  return (
    <main className="bg-brand-800 min-h-screen p-3 text-white md:px-8 md:py-4">
      <p className="text-brand-100 text-center text-lg md:text-2xl">{data.wardName}</p>
      <h1 className="mx-auto max-w-6xl text-center text-2xl font-bold md:text-3xl">{data.title}</h1>
      <p className="text-brand-100 mt-1 text-center text-base">
        {t("stage.updatedAt", { at: formatDateTime(data.at, locale) })}
        {data.hidden ? ` · ${t("stage.totalsHidden")}` : ""}
      </p>
      {data.audienceVote ? <ProjectorVote vote={data.audienceVote} /> : null}
      {data.timer ? <TimerBanner timer={data.timer} at={data.at} /> : null}
      <div className="mx-auto mt-3 max-w-6xl overflow-x-auto">
        {/* Big enough for the back of a hall; smaller when many teams must fit on one screen. */}
        <table
          className={`w-full text-left ${data.teams.length > 5 ? "text-lg md:text-2xl" : "text-xl md:text-3xl"}`}
          aria-label={t("stage.scoreboard")}
        >
          <ScoreboardHead hidden={data.hidden} parts={data.parts} />
          <tbody>
            {data.teams.map((team) => (
              <TeamRow key={team.id} team={team} hidden={data.hidden} parts={data.parts} />
            ))}
          </tbody>
        </table>
        {!data.hidden &&
        data.teams.some((team) => team.parts.some((p) => p.fewerJudges && p.score !== null)) ? (
          <p className="text-brand-100 mt-2 text-base">* {t("stage.trimRule", { min: data.trimMin })}</p>
        ) : null}
      </div>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? metaTitle(matches, "title.scoreboard", { contest: data.title }, { app: false })
    : metaTitle(matches, "title.scoreboardNone", {}, { app: false });

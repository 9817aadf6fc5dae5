import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { z } from "zod";
import { usePolledJson } from "~/components/use-live-refresh";
import { ProjectorKnowledge } from "~/components/stage/projector-knowledge";
import { ProjectorVote } from "~/components/stage/projector-vote";
import { RunningClock } from "~/components/stage/running-clock";
import { projectorBoard, type ProjectorBoard } from "~/models/projector.server";
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
  return orHttpError(() => projectorBoard(db, slug, new URL(request.url).origin));
}

/** The board as JSON (what `scoreboard.json` sends, and the page polls). */
type ScoreboardData = ProjectorBoard;

/** Type sizes by how many teams share the screen: all of them fit 1280×720 in every state. */
function boardSize(teams: number) {
  if (teams <= 4)
    return { cell: "px-3 py-2 text-3xl", name: "text-2xl", head: "text-2xl", total: "text-4xl" };
  if (teams <= 6) return { cell: "px-3 py-1 text-2xl", name: "text-xl", head: "text-xl", total: "text-3xl" };
  return { cell: "px-2 py-0.5 text-xl", name: "text-lg", head: "text-lg", total: "text-2xl" };
}

function ScoreboardHead({ hidden, parts, size }: Pick<ScoreboardData, "hidden" | "parts"> & { size: Size }) {
  const t = useT();
  return (
    <thead className="text-brand-100">
      <tr>
        {!hidden ? (
          <th className={`w-px px-3 py-1 whitespace-nowrap ${size.head}`}>{t("stage.rank")}</th>
        ) : null}
        <th className={`px-3 py-1 ${size.head}`}>{t("stage.team")}</th>
        {parts.map((p) => (
          <th key={p.id} className={`w-px px-3 py-1 ${size.head}`}>
            <span className="whitespace-nowrap">{p.name}</span>
            <span className="block text-base font-normal">
              {t("stage.maxPoints", { n: p.maxScore })} ·{" "}
              {p.closed ? t("stage.partClosedLabel") : t("stage.scoringNow")}
            </span>
          </th>
        ))}
        {!hidden ? (
          <th className={`w-px px-3 py-1 whitespace-nowrap ${size.head}`}>{t("stage.total")}</th>
        ) : null}
      </tr>
    </thead>
  );
}

type Size = ReturnType<typeof boardSize>;
type BoardTeam = ScoreboardData["teams"][number];

/** A part still waiting for some of its judges: its score so far is not the team's final one. */
const waiting = (p: BoardTeam["parts"][number], byJudges: boolean) =>
  byJudges && p.judges > 0 && p.judges < p.of;

function TeamRow({
  team,
  hidden,
  parts,
  size,
}: Pick<ScoreboardData, "hidden" | "parts"> & { team: BoardTeam; size: Size }) {
  const t = useT();
  const locale = useLocale();
  const pts = (h: number | null) => (h === null ? "—" : formatNumber(h / 100, locale));
  const provisional = team.parts.some((p, i) => p.score !== null && waiting(p, parts[i].byJudges));
  return (
    <tr className="border-t border-white/30" data-testid={`scoreboard-team-${team.id}`}>
      {!hidden ? <td className={`${size.cell} font-bold`}>{team.rank ?? ""}</td> : null}
      <td className={`${size.cell} ${size.name} font-semibold`}>
        {team.name}
        {team.prize ? (
          <span className="ml-2 inline-block rounded bg-amber-300 px-2 font-bold whitespace-nowrap text-black">
            {prizeName(t, team.prize)}
          </span>
        ) : null}
      </td>
      {team.parts.map((p, i) => (
        <td key={p.partId} className={`${size.cell} whitespace-nowrap`}>
          {!hidden ? (
            <>
              {pts(p.score)}
              {p.fewerJudges && p.score !== null ? (
                <sup aria-label={t("stage.flag.fewerJudges", { n: p.judges, k: team.conflicted })}>*</sup>
              ) : null}
              {waiting(p, parts[i].byJudges) ? (
                <span className="block text-base text-amber-200" data-testid="scoreboard-judges">
                  {t("projector.judgesSoFar", { n: p.judges, of: p.of })}
                </span>
              ) : null}
            </>
          ) : parts[i].byJudges ? (
            <span className="text-lg" data-testid="scoreboard-judges">
              {t("stage.judgesScored", { n: p.judges, of: p.of })}
            </span>
          ) : p.done ? (
            "✓"
          ) : (
            "—"
          )}
        </td>
      ))}
      {!hidden ? (
        <td className={`${size.cell} font-extrabold text-amber-300`}>
          <span className={size.total} data-testid="scoreboard-total">
            {pts(team.total)}
          </span>
          {provisional && team.total !== null ? (
            <span className="block text-base font-normal text-amber-200">{t("projector.provisional")}</span>
          ) : null}
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
      className="mx-auto mt-2 flex max-w-6xl flex-wrap items-baseline justify-center gap-x-6 rounded-xl bg-white/10 px-4 py-1"
    >
      <span className="text-3xl font-semibold">{t("stageTiming.projector", { team: timer.teamName })}</span>
      <span className="text-5xl font-extrabold text-amber-300" data-testid="scoreboard-timer">
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

/** The score table: rank, team, each part (with judges still to score), total. */
function Board({ data }: { data: ScoreboardData }) {
  const t = useT();
  const size = boardSize(data.teams.length);
  return (
    <div className="mx-auto mt-2 max-w-6xl overflow-x-auto">
      <table className="w-full text-left" aria-label={t("stage.scoreboard")}>
        <ScoreboardHead hidden={data.hidden} parts={data.parts} size={size} />
        <tbody>
          {data.teams.map((team) => (
            <TeamRow key={team.id} team={team} hidden={data.hidden} parts={data.parts} size={size} />
          ))}
        </tbody>
      </table>
      {!data.hidden &&
      data.teams.some((team) => team.parts.some((p) => p.fewerJudges && p.score !== null)) ? (
        <p className="text-brand-100 mt-1 text-base">* {t("stage.trimRule", { min: data.trimMin })}</p>
      ) : null}
    </div>
  );
}

export default function Scoreboard() {
  const { slug } = useParams();
  // Polled as plain JSON, not through the router: a failed refresh (the hall's Wi-Fi dropping)
  // keeps the last board on screen instead of turning into the error page.
  const { data, offline: disconnected } = usePolledJson(
    `/contests/${slug}/scoreboard.json`,
    REFRESH_MS,
    useLoaderData<typeof loader>() as ScoreboardData,
  );
  const t = useT();
  const locale = useLocale();
  const offline = disconnected ? (
    <p
      role="status"
      className="mx-auto mt-1 max-w-6xl rounded bg-amber-300 px-3 py-1 text-center text-lg font-semibold text-black"
    >
      {t("projector.offline", { at: formatDateTime(data.at, locale) })}
    </p>
  ) : null;
  // While the audience votes, the screen is theirs: the QR code and the count.
  if (data.audienceVote?.open) return <ProjectorVote vote={data.audienceVote} notice={offline} />;
  return (
    <main className="bg-brand-800 min-h-screen px-8 py-3 text-white">
      <h1 className="mx-auto max-w-6xl text-center text-3xl font-bold">{data.title}</h1>
      <p className="text-brand-100 text-center text-base">
        {data.wardName} · {t("stage.updatedAt", { at: formatDateTime(data.at, locale) })}
        {data.hidden ? ` · ${t("stage.totalsHidden")}` : ""}
      </p>
      {offline}
      {data.audienceVote ? <ProjectorVote vote={data.audienceVote} /> : null}
      {data.timer ? <TimerBanner timer={data.timer} at={data.at} /> : null}
      {data.knowledge ? (
        <ProjectorKnowledge knowledge={data.knowledge} at={data.at} />
      ) : (
        <Board data={data} />
      )}
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? metaTitle(matches, "title.scoreboard", { contest: data.title }, { app: false })
    : metaTitle(matches, "title.scoreboardNone", {}, { app: false });

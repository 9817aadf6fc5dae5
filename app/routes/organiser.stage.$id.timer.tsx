import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useLiveRefresh } from "~/components/use-live-refresh";
import { z } from "zod";
import { ContestHeading } from "~/components/contest-heading";
import { RunningClock } from "~/components/stage/running-clock";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import { editDuration, startTimer, stopTimer, timerBoard } from "~/models/stage-timing.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useLocale, useT, metaTitle, type MessageKey } from "~/utils/i18n";
import { formatClock, formatWindow, parseTime } from "~/utils/stage-time";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const Ids = { partId: z.coerce.number().int().positive(), teamId: z.coerce.number().int().positive() };
const TimerFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), ...Ids }),
  z.object({ intent: z.literal("stop"), ...Ids }),
  z.object({ intent: z.literal("edit"), ...Ids, time: z.string().max(20), reason: z.string().max(500) }),
]);

/** How often the page asks again, so a start or stop on another device shows within 2 seconds. */
const REFRESH_MS = 1500;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const partId = Number(new URL(request.url).searchParams.get("part")) || null;
  const board = await orHttpError(() => timerBoard(db, id, partId));
  return { ...board, now: Date.now() };
}

type Reply =
  { ok: MessageKey; vars?: Record<string, string>; teamId: number } | { error: MessageKey; teamId?: number };

export async function action({ request, params }: ActionFunctionArgs): Promise<Reply> {
  const user = await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const parsed = TimerFormSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return { error: "error.generic" };
  const v = parsed.data;
  const ids = { contestId, partId: v.partId, teamId: v.teamId, actor: user };
  try {
    if (v.intent === "start") {
      await startTimer(db, ids);
      return { ok: "stageTiming.started", teamId: v.teamId };
    }
    if (v.intent === "stop") {
      const { durationSec } = await stopTimer(db, ids);
      return { ok: "stageTiming.stopped", vars: { time: formatClock(durationSec) }, teamId: v.teamId };
    }
    const time = parseTime(v.time);
    if (!time.ok || time.sec === null) return { error: "stageTiming.badTime", teamId: v.teamId };
    await editDuration(db, { ...ids, durationSec: time.sec, reason: v.reason });
    return { ok: "stageTiming.edited", vars: { time: formatClock(time.sec) }, teamId: v.teamId };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.code, teamId: v.teamId };
    throw error;
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function StageTimer() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  useLiveRefresh(REFRESH_MS);
  const { part, teams } = data;
  const closed = Boolean(part?.closedAt) || data.contest.final;
  const next = teams.find((team) => team.durationSec === null && !team.running) ?? teams[0];
  const replyTeam = teams.find((team) => team.id === reply?.teamId)?.name ?? "";
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <ContestHeading
        label={t("stageTiming.title")}
        title={data.contest.title}
        to={`/organiser/stage/${data.contest.id}`}
      />
      <p className="text-lg text-slate-700">{t("stageTiming.intro")}</p>
      {reply ? (
        "error" in reply ? (
          <Alert>{t(reply.error)}</Alert>
        ) : (
          <Alert tone="success">{t(reply.ok, { team: replyTeam, ...reply.vars })}</Alert>
        )
      ) : null}
      {data.parts.length === 0 || !part ? (
        <Alert tone="info">{t("stageTiming.noParts")}</Alert>
      ) : (
        <>
          <Form method="get" className="flex flex-wrap items-end gap-2">
            <label className="flex flex-col gap-1 text-lg font-semibold">
              {t("stageTiming.part")}
              <select
                name="part"
                defaultValue={part.id}
                className="min-h-12 rounded-lg border border-slate-400 px-3"
              >
                {data.parts.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="secondary">{t("stageTiming.choose")}</Button>
          </Form>
          <p className="text-lg">
            {t("stageTiming.window", { window: formatWindow(part.minTimeSec, part.timeLimitSec) })}
            {/* Only the penalties this part has: over its time limit, under its minimum time. */}
            {part.timeLimitSec !== null && part.overtimePenaltyPerMin
              ? ` ${t("stageTiming.penaltyOver", { over: formatNumber(part.overtimePenaltyPerMin, locale) })}`
              : null}
            {part.minTimeSec !== null && part.undertimePenaltyPerMin
              ? ` ${t("stageTiming.penaltyUnder", { under: formatNumber(part.undertimePenaltyPerMin, locale) })}`
              : null}
          </p>
          {closed ? <Alert tone="info">{t("stageTiming.closed")}</Alert> : null}
          <Stopwatch data={data} nextTeamId={next?.id ?? null} closed={closed} />
          <Results data={data} closed={closed} />
        </>
      )}
    </div>
  );
}

/** The running clock with "Dừng", or the team to time next with "Bắt đầu". */
function Stopwatch({ data, nextTeamId, closed }: { data: Data; nextTeamId: number | null; closed: boolean }) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const { part, running } = data;
  if (!part) return null;
  return (
    <section aria-label={t("stageTiming.title")} className="rounded-xl border border-slate-200 bg-white p-4">
      {running ? (
        <Form method="post" className="flex flex-col items-start gap-3">
          <p className="text-xl font-semibold">
            {t("stageTiming.running", { team: running.teamName, part: running.partName })}
          </p>
          <RunningClock
            key={running.startedAt}
            startedAt={running.startedAt}
            serverNow={data.now}
            label={t("stageTiming.projectorClock", { team: running.teamName })}
            className="text-6xl font-bold md:text-8xl"
          />
          <input type="hidden" name="partId" value={running.partId} />
          <input type="hidden" name="teamId" value={running.teamId} />
          <Button name="intent" value="stop" disabled={busy} className="min-h-20 px-12 text-3xl">
            {t("stageTiming.stop")}
          </Button>
        </Form>
      ) : (
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="partId" value={part.id} />
          <label className="flex flex-col gap-1 text-lg font-semibold">
            {t("stageTiming.team")}
            <select
              name="teamId"
              key={nextTeamId ?? 0}
              defaultValue={nextTeamId ?? undefined}
              className="min-h-12 rounded-lg border border-slate-400 px-3"
            >
              {data.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
          <Button name="intent" value="start" disabled={closed || busy} className="min-h-20 px-12 text-3xl">
            {t("stageTiming.start")}
          </Button>
        </Form>
      )}
    </section>
  );
}

/** Each team's measured time, what it gives, and a correction with a reason. */
function Results({ data, closed }: { data: Data; closed: boolean }) {
  const t = useT();
  const locale = useLocale();
  const reply = useActionData<typeof action>();
  return (
    <ul aria-label={t("stageTiming.duration")} className="flex flex-col gap-2">
      {data.teams.map((team) => (
        <li
          key={team.id}
          className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3"
          data-testid={`timer-team-${team.id}`}
        >
          <p className="flex flex-wrap gap-x-6 text-lg">
            <span className="font-semibold">{team.name}</span>
            <span className="font-mono tabular-nums">
              {t("stageTiming.duration")}: {team.durationSec === null ? "—" : formatClock(team.durationSec)}
              {team.overtimeSec ? ` (${t("stageTiming.over", { time: formatClock(team.overtimeSec) })})` : ""}
              {team.undertimeSec
                ? ` (${t("stageTiming.under", { time: formatClock(team.undertimeSec) })})`
                : ""}
            </span>
            <span>
              {t("stageTiming.penalty")}:{" "}
              {team.penalty === null ? "—" : `−${formatNumber(team.penalty, locale)}`}
            </span>
          </p>
          <details open={reply && "error" in reply && reply.teamId === team.id ? true : undefined}>
            <summary className="cursor-pointer underline">{t("stageTiming.edit")}</summary>
            <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
              <input type="hidden" name="partId" value={data.part?.id} />
              <input type="hidden" name="teamId" value={team.id} />
              <Field
                label={t("stageTiming.editTime", { team: team.name })}
                name="time"
                defaultValue={team.durationSec === null ? "" : formatClock(team.durationSec)}
                inputMode="numeric"
              />
              <Field label={t("stageTiming.editReason", { team: team.name })} name="reason" />
              <Button name="intent" value="edit" variant="secondary" disabled={closed}>
                {t("stageTiming.editSave")}
              </Button>
            </Form>
          </details>
        </li>
      ))}
    </ul>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgStageTimer", {}, { app: false });

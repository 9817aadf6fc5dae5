/**
 * The timekeeper (người bấm giờ) of a stage contest: a stopwatch per part and
 * team, stamped by the server so every screen shows the same running clock;
 * the measured duration gives the seconds over the part's limit and under its
 * minimum, which scoring turns into penalties per started minute. A measured
 * time may be corrected by hand with a reason until the part is closed.
 */
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { stagePartResults, stageParts, teams } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { MAX_TIME_SEC } from "~/utils/stage-time";
import { auditBy } from "./audit.server";
import { overtimePenalty } from "./stage-scoring.server";
import {
  byPerformance,
  isFinal,
  loadStageContest,
  loadStageTeam,
  requireOpenPart,
  stageTeams,
} from "./stage.server";

type TimedPart = {
  timeLimitSec: number | null;
  minTimeSec: number | null;
  overtimePenaltyPerMin: number | null;
  undertimePenaltyPerMin: number | null;
};

/**
 * What a measured duration gives: the seconds over the limit and under the
 * minimum, and the penalty points (each per started minute, as the part sets).
 */
export function timingPenalty(durationSec: number, part: TimedPart) {
  const overtimeSec = part.timeLimitSec ? Math.max(0, durationSec - part.timeLimitSec) : 0;
  const undertimeSec = part.minTimeSec ? Math.max(0, part.minTimeSec - durationSec) : 0;
  return {
    overtimeSec,
    undertimeSec,
    penalty:
      overtimePenalty(overtimeSec, part.overtimePenaltyPerMin) +
      overtimePenalty(undertimeSec, part.undertimePenaltyPerMin),
  };
}

/** A part the timekeeper may still time: open (see requireOpenPart) and with a time limit or minimum. */
async function requireTimedPart(db: Db, contestId: number, partId: number) {
  const part = await requireOpenPart(db, contestId, partId);
  if (!part.timeLimitSec && !part.minTimeSec) throw new DomainError("stageTiming.untimedPart", 422);
  return part;
}

function timingOf(db: Db, partId: number, teamId: number) {
  return db
    .select()
    .from(stagePartResults)
    .where(and(eq(stagePartResults.partId, partId), eq(stagePartResults.teamId, teamId)))
    .then((rows) => rows[0] ?? null);
}

/** The performance being timed in a contest right now, if any: for the projector and the timer page. */
export async function runningTimer(db: Db, contestId: number) {
  const [row] = await db
    .select({
      partId: stagePartResults.partId,
      teamId: stagePartResults.teamId,
      startedAt: stagePartResults.startedAt,
      teamName: teams.name,
      partName: stageParts.name,
      timeLimitSec: stageParts.timeLimitSec,
      minTimeSec: stageParts.minTimeSec,
    })
    .from(stagePartResults)
    .innerJoin(stageParts, eq(stageParts.id, stagePartResults.partId))
    .innerJoin(teams, eq(teams.id, stagePartResults.teamId))
    .where(
      and(
        eq(stageParts.contestId, contestId),
        // A clock left running when the committee closed its part can no longer be stopped: it is ignored.
        isNull(stageParts.closedAt),
        isNotNull(stagePartResults.startedAt),
        isNull(stagePartResults.stoppedAt),
      ),
    )
    .limit(1);
  return row ? { ...row, startedAt: row.startedAt! } : null;
}

/** The timekeeper's page: timed parts, teams in order of performance, and each team's timing in the chosen part. */
export async function timerBoard(db: Db, contestId: number, partId: number | null) {
  const contest = await loadStageContest(db, contestId);
  const parts = (
    await db
      .select()
      .from(stageParts)
      .where(eq(stageParts.contestId, contestId))
      .orderBy(asc(stageParts.position))
  ).filter((p) => p.timeLimitSec || p.minTimeSec);
  const part = parts.find((p) => p.id === partId) ?? parts[0] ?? null;
  const [teamRows, rows, running] = await Promise.all([
    stageTeams(db, contestId),
    part ? db.select().from(stagePartResults).where(eq(stagePartResults.partId, part.id)) : [],
    runningTimer(db, contestId),
  ]);
  return {
    contest: { id: contest.id, title: contest.title, final: isFinal(contest.state) },
    parts: parts.map((p) => ({ id: p.id, name: p.name })),
    part,
    running,
    teams: [...teamRows].sort(byPerformance).map((t) => {
      const row = rows.find((r) => r.teamId === t.id);
      const durationSec = row?.durationSec ?? null;
      return {
        id: t.id,
        number: t.number,
        name: t.name,
        durationSec,
        overtimeSec: row?.overtimeSec ?? 0,
        undertimeSec: row?.undertimeSec ?? 0,
        penalty: part && durationSec !== null ? timingPenalty(durationSec, part).penalty : null,
        running: Boolean(row?.startedAt && row.stoppedAt === null),
      };
    }),
  };
}

/** "Bắt đầu": the server stamps the start; one performance at a time per contest. */
export async function startTimer(
  db: Db,
  input: { contestId: number; partId: number; teamId: number; actor: Actor },
  now = Date.now(),
) {
  authorize(input.actor, "stage.mark");
  const part = await requireTimedPart(db, input.contestId, input.partId);
  await loadStageTeam(db, input.contestId, input.teamId);
  const running = await runningTimer(db, input.contestId);
  if (running)
    throw new DomainError(
      running.partId === part.id && running.teamId === input.teamId
        ? "stageTiming.alreadyRunning"
        : "stageTiming.otherRunning",
      409,
    );
  const fresh = { startedAt: now, stoppedAt: null, durationSec: null, overtimeSec: 0, undertimeSec: 0 };
  await db.batch([
    db
      .insert(stagePartResults)
      .values({ partId: part.id, teamId: input.teamId, ...fresh })
      .onConflictDoUpdate({ target: [stagePartResults.partId, stagePartResults.teamId], set: fresh }),
    auditBy(
      db,
      input.actor,
      "stage.timer.start",
      ["stage_part", part.id],
      { after: { teamId: input.teamId } },
      now,
    ),
  ]);
}

/** "Dừng": the server stamps the stop; the whole seconds run give the duration and its penalties. */
export async function stopTimer(
  db: Db,
  input: { contestId: number; partId: number; teamId: number; actor: Actor },
  now = Date.now(),
) {
  authorize(input.actor, "stage.mark");
  const part = await requireTimedPart(db, input.contestId, input.partId);
  await loadStageTeam(db, input.contestId, input.teamId);
  const row = await timingOf(db, part.id, input.teamId);
  if (!row?.startedAt || row.stoppedAt !== null) throw new DomainError("stageTiming.notRunning", 409);
  const durationSec = Math.min(MAX_TIME_SEC, Math.max(0, Math.floor((now - row.startedAt) / 1000)));
  const { overtimeSec, undertimeSec } = timingPenalty(durationSec, part);
  await db.batch([
    db
      .update(stagePartResults)
      .set({ stoppedAt: now, durationSec, overtimeSec, undertimeSec })
      // Only the run this stop was meant for: a second device's stop finds it already stopped.
      .where(
        and(
          eq(stagePartResults.partId, part.id),
          eq(stagePartResults.teamId, input.teamId),
          eq(stagePartResults.startedAt, row.startedAt),
          isNull(stagePartResults.stoppedAt),
        ),
      ),
    auditBy(
      db,
      input.actor,
      "stage.timer.stop",
      ["stage_part", part.id],
      { after: { teamId: input.teamId, durationSec, overtimeSec, undertimeSec } },
      now,
    ),
  ]);
  return { durationSec, overtimeSec, undertimeSec };
}

/** Corrects a measured time by hand: a reason is required and kept in the audit log with the time before. */
export async function editDuration(
  db: Db,
  input: {
    contestId: number;
    partId: number;
    teamId: number;
    durationSec: number;
    reason: string;
    actor: Actor;
  },
  now = Date.now(),
) {
  authorize(input.actor, "stage.mark");
  const part = await requireTimedPart(db, input.contestId, input.partId);
  await loadStageTeam(db, input.contestId, input.teamId);
  const reason = input.reason.trim();
  if (reason.length < 3) throw new DomainError("stageTiming.reasonRequired", 422);
  if (!(Number.isInteger(input.durationSec) && input.durationSec >= 0 && input.durationSec <= MAX_TIME_SEC))
    throw new DomainError("stageTiming.badTime", 422);
  const before = await timingOf(db, part.id, input.teamId);
  if (before?.startedAt && before.stoppedAt === null)
    throw new DomainError("stageTiming.alreadyRunning", 409);
  const { overtimeSec, undertimeSec } = timingPenalty(input.durationSec, part);
  const set = { durationSec: input.durationSec, overtimeSec, undertimeSec };
  await db.batch([
    db
      .insert(stagePartResults)
      .values({ partId: part.id, teamId: input.teamId, ...set })
      .onConflictDoUpdate({ target: [stagePartResults.partId, stagePartResults.teamId], set }),
    auditBy(
      db,
      input.actor,
      "stage.timer.edit",
      ["stage_part", part.id],
      {
        before: { teamId: input.teamId, durationSec: before?.durationSec ?? null },
        after: { teamId: input.teamId, ...set, reason },
      },
      now,
    ),
  ]);
  return set;
}

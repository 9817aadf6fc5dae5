import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, stagePartResults, stageParts, teams } from "#db/schema";
import { createContest, createUser } from "../../tests/factories";
import type { Actor } from "~/utils/permissions.server";
import { createTestDb } from "../../tests/setup/test-db";
import { computeStage } from "./stage-results.server";
import { readPartForm } from "~/forms/stage-form.server";
import { validatePart } from "./stage-parts.server";
import { loadStageContest } from "./stage.server";
import {
  editDuration,
  runningTimer,
  startTimer,
  stopTimer,
  timerBoard,
  timingPenalty,
} from "./stage-timing.server";

const skit = { timeLimitSec: 900, minTimeSec: 480, overtimePenaltyPerMin: 1, undertimePenaltyPerMin: 0.5 };

describe("timingPenalty: per started minute outside the window", () => {
  it("15:01 over a 15:00 limit is one minute over", () => {
    expect(timingPenalty(901, skit)).toEqual({ overtimeSec: 1, undertimeSec: 0, penalty: 1 });
    expect(timingPenalty(960, skit)).toEqual({ overtimeSec: 60, undertimeSec: 0, penalty: 1 });
    expect(timingPenalty(961, skit)).toEqual({ overtimeSec: 61, undertimeSec: 0, penalty: 2 });
  });
  it("7:59 under an 8:00 minimum is one minute short", () => {
    expect(timingPenalty(479, skit)).toEqual({ overtimeSec: 0, undertimeSec: 1, penalty: 0.5 });
    expect(timingPenalty(400, skit)).toEqual({ overtimeSec: 0, undertimeSec: 80, penalty: 1 });
  });
  it("none within the window, at its edges, or without a penalty set", () => {
    for (const d of [480, 600, 900]) expect(timingPenalty(d, skit).penalty).toBe(0);
    expect(timingPenalty(2000, { ...skit, overtimePenaltyPerMin: null })).toMatchObject({
      overtimeSec: 1100,
      penalty: 0,
    });
    expect(timingPenalty(10, { ...skit, minTimeSec: null })).toEqual({
      overtimeSec: 0,
      undertimeSec: 0,
      penalty: 0,
    });
  });
});

let db: Db;
let organiser: Actor;

async function timedStage() {
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
  const contest = await createContest(db, { kind: "stage", stageAggregation: "mean", entryModes: "team" });
  const [part] = await db
    .insert(stageParts)
    .values({ contestId: contest.id, position: 1, name: "Tiểu phẩm", maxScore: 50, ...skit })
    .returning();
  const [a, b] = await db
    .insert(teams)
    .values([
      { contestId: contest.id, number: 1, name: "Đội Hoa Sen", nameKey: "hoa sen" },
      { contestId: contest.id, number: 2, name: "Đội Sông Hồng", nameKey: "song hong" },
    ])
    .returning();
  return { contest, part, a, b };
}

const row = (partId: number, teamId: number) =>
  db
    .select()
    .from(stagePartResults)
    .where(and(eq(stagePartResults.partId, partId), eq(stagePartResults.teamId, teamId)))
    .then((r) => r[0]);

describe("the timekeeper's stopwatch", () => {
  beforeEach(async () => {
    ({ db } = await createTestDb());
  });

  it("start and stop stamp the server's time; the duration gives over- and undertime and the penalty counts", async () => {
    const { contest, part, a, b } = await timedStage();
    const t0 = 1_800_000_000_000;
    const ids = { contestId: contest.id, partId: part.id, teamId: a.id, actor: organiser };
    await startTimer(db, ids, t0);
    expect(await runningTimer(db, contest.id)).toMatchObject({
      teamName: "Đội Hoa Sen",
      startedAt: t0,
      timeLimitSec: 900,
      minTimeSec: 480,
    });
    // One performance at a time, and a second start of the same is refused.
    await expect(startTimer(db, { ...ids, teamId: b.id }, t0 + 1000)).rejects.toMatchObject({
      code: "stageTiming.otherRunning",
    });
    await expect(startTimer(db, ids, t0 + 1000)).rejects.toMatchObject({
      code: "stageTiming.alreadyRunning",
    });
    expect(await stopTimer(db, ids, t0 + 901_400)).toEqual({
      durationSec: 901,
      overtimeSec: 1,
      undertimeSec: 0,
    });
    expect(await runningTimer(db, contest.id)).toBeNull();
    await expect(stopTimer(db, ids, t0 + 902_000)).rejects.toMatchObject({ code: "stageTiming.notRunning" });

    await startTimer(db, { ...ids, teamId: b.id }, t0 + 1_000_000);
    await stopTimer(db, { ...ids, teamId: b.id }, t0 + 1_000_000 + 479_000);
    expect(await row(part.id, b.id)).toMatchObject({ durationSec: 479, overtimeSec: 0, undertimeSec: 1 });

    const board = await timerBoard(db, contest.id, part.id);
    expect(board.teams.map((t) => [t.name, t.durationSec, t.penalty])).toEqual([
      ["Đội Hoa Sen", 901, 1],
      ["Đội Sông Hồng", 479, 0.5],
    ]);
    const stage = await computeStage(db, await loadStageContest(db, contest.id));
    expect(stage.teams.find((t) => t.id === b.id)!.parts[0]).toMatchObject({ penaltyHundredths: 50 });
    expect(stage.teams.find((t) => t.id === a.id)!.parts[0]).toMatchObject({
      penaltyHundredths: 100,
      overtimeSec: 1,
    });
  });

  it("a measured time is corrected only with a reason, audited, and never after the part is closed", async () => {
    const { contest, part, a } = await timedStage();
    const ids = { contestId: contest.id, partId: part.id, teamId: a.id, actor: organiser };
    await startTimer(db, ids, 1000);
    await stopTimer(db, ids, 1000 + 930_000);
    await expect(editDuration(db, { ...ids, durationSec: 895, reason: " " })).rejects.toMatchObject({
      code: "stageTiming.reasonRequired",
    });
    await expect(editDuration(db, { ...ids, durationSec: -1, reason: "Bấm chậm" })).rejects.toMatchObject({
      code: "stageTiming.badTime",
    });
    expect(await editDuration(db, { ...ids, durationSec: 895, reason: "Bấm chậm 35 giây" })).toEqual({
      durationSec: 895,
      overtimeSec: 0,
      undertimeSec: 0,
    });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "stage.timer.edit"));
    expect(audit.before).toMatchObject({ durationSec: 930 });
    expect(audit.after).toMatchObject({ durationSec: 895, reason: "Bấm chậm 35 giây" });

    await db.update(stageParts).set({ closedAt: 5000 }).where(eq(stageParts.id, part.id));
    await expect(editDuration(db, { ...ids, durationSec: 800, reason: "Sửa lại" })).rejects.toMatchObject({
      code: "stage.partClosed",
      status: 409,
    });
    await expect(startTimer(db, ids)).rejects.toMatchObject({ code: "stage.partClosed" });
    await expect(stopTimer(db, ids)).rejects.toMatchObject({ code: "stage.partClosed" });
    expect(await row(part.id, a.id)).toMatchObject({ durationSec: 895 });
  });

  it("a clock left running when its part is closed leaves the projector and blocks no other part", async () => {
    const { contest, part, a } = await timedStage();
    const [other] = await db
      .insert(stageParts)
      .values({ contestId: contest.id, position: 2, name: "Hát", maxScore: 20, timeLimitSec: 300 })
      .returning();
    await startTimer(db, { contestId: contest.id, partId: part.id, teamId: a.id, actor: organiser });
    await db.update(stageParts).set({ closedAt: Date.now() }).where(eq(stageParts.id, part.id));
    expect(await runningTimer(db, contest.id)).toBeNull();
    await startTimer(db, { contestId: contest.id, partId: other.id, teamId: a.id, actor: organiser });
    expect(await runningTimer(db, contest.id)).toMatchObject({ partName: "Hát" });
  });

  it("only those who may mark a stage contest keep its time", async () => {
    const { contest, part, a } = await timedStage();
    const judge: Actor = { id: (await createUser(db, { role: "judge" })).id, role: "judge" };
    const ids = { contestId: contest.id, partId: part.id, teamId: a.id, actor: judge };
    await expect(startTimer(db, ids)).rejects.toMatchObject({ status: 403 });
    await expect(stopTimer(db, ids)).rejects.toMatchObject({ status: 403 });
    await expect(editDuration(db, { ...ids, durationSec: 600, reason: "Thử" })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("a part's minimum time", () => {
  const part = {
    name: "Tiểu phẩm",
    maxScore: 50,
    scoring: "judges" as const,
    timeLimitSec: 900,
    overtimePenaltyPerMin: 1,
    isTieBreak: false,
    knowledgeQuestions: null,
    knowledgePoints: null,
    knowledgeMode: "all" as const,
    criteria: [],
  };
  it("is shorter than the limit, and its penalty goes by tenths like the overtime one", () => {
    expect(validatePart({ ...part, minTimeSec: 480, undertimePenaltyPerMin: 0.5 })).toEqual({});
    expect(validatePart({ ...part, minTimeSec: 900 })).toEqual({ minTimeSec: "stageTiming.minTimeRange" });
    expect(validatePart({ ...part, minTimeSec: Number.NaN })).toEqual({
      minTimeSec: "stageTiming.minTimeRange",
    });
    expect(validatePart({ ...part, undertimePenaltyPerMin: 0.25 })).toEqual({
      undertimePenaltyPerMin: "stagePart.penalty",
    });
  });
  it("is read from the form as m:ss or minutes", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      name: "Tiểu phẩm",
      maxScore: "50",
      timeLimitMin: "15",
      minTimeMin: "8:00",
    }))
      form.set(k, v);
    form.set("undertimePenaltyPerMin", "0,5");
    expect(readPartForm(form).input).toMatchObject({
      timeLimitSec: 900,
      minTimeSec: 480,
      undertimePenaltyPerMin: 0.5,
    });
    form.set("minTimeMin", "1:15");
    form.set("timeLimitMin", "7,5");
    expect(readPartForm(form).input).toMatchObject({ timeLimitSec: 450, minTimeSec: 75 });
  });
});

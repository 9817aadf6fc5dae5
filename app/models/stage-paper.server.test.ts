import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, stageCriteria, stageScores } from "#db/schema";
import { createContest, createUnit, createUser, createWard } from "../../tests/factories";
import type { Actor } from "~/utils/permissions.server";
import { createTestDb } from "../../tests/setup/test-db";
import { judgeScoreSheet, saveJudgeScore } from "./stage-judging.server";
import { judgeSummary, paperBoard, paperEntries, savePaperSheet } from "./stage-paper.server";
import { savePart } from "./stage-parts.server";
import { setJudges } from "./stage.server";
import { createTeam } from "./teams.server";

let db: Db;
let organiser: Actor & { id: number };

/** A published stage contest with one part of two criteria (10 and 10), two teams and two judges. */
async function stage() {
  const ward = await createWard(db);
  const [u1, u2] = await Promise.all(
    ["UBND", "Trường THCS"].map((name) => createUnit(db, { wardId: ward.id, name })),
  );
  organiser = { id: (await createUser(db, { role: "organiser", fullName: "Thư Ký" })).id, role: "organiser" };
  const contest = await createContest(db, { kind: "stage", stageAggregation: "mean", entryModes: "team" });
  await savePart(
    db,
    contest.id,
    null,
    {
      name: "Chào hỏi",
      maxScore: 20,
      scoring: "judges",
      timeLimitSec: null,
      overtimePenaltyPerMin: null,
      isTieBreak: false,
      knowledgeQuestions: null,
      knowledgePoints: null,
      knowledgeMode: "all",
      criteria: [
        { name: "Nội dung", maxScore: 10 },
        { name: "Hình thức", maxScore: 10 },
      ],
    },
    organiser,
  );
  for (const unit of [u1, u2]) await createTeam(db, contest.id, { unitId: unit.id, name: "" }, organiser);
  const judge = await createUser(db, { role: "judge", unitId: null, fullName: "Giám Khảo Giấy" });
  await setJudges(db, contest.id, [judge.id], organiser);
  const board = await paperBoard(db, contest.id);
  const [part] = board.parts;
  const [c1, c2] = part.criteria.map((c) => c.key);
  return { contest, part, teams: board.teams, judge, c1, c2 };
}

const held = (partId: number, teamId: number, judgeUserId: number) =>
  db
    .select()
    .from(stageScores)
    .where(
      and(
        eq(stageScores.partId, partId),
        eq(stageScores.teamId, teamId),
        eq(stageScores.judgeUserId, judgeUserId),
      ),
    )
    .get();

beforeEach(async () => {
  ({ db } = await createTestDb());
});

describe("the secretary typing in a paper score sheet", () => {
  it("saves the judge's score from paper, recording who typed it in, and audits it", async () => {
    const s = await stage();
    const outcomes = await savePaperSheet(db, {
      contestId: s.contest.id,
      partId: s.part.id,
      judgeUserId: s.judge.id,
      rows: [{ teamId: s.teams[0].id, values: { [s.c1]: 7.5, [s.c2]: 8 }, comment: "Tốt", base: 0 }],
      actor: organiser,
    });
    expect(outcomes).toEqual([{ teamId: s.teams[0].id, outcome: "saved", totalTenths: 155, version: 1 }]);
    expect(await held(s.part.id, s.teams[0].id, s.judge.id)).toMatchObject({
      source: "paper",
      enteredByUserId: organiser.id,
      totalTenths: 155,
      comment: "Tốt",
    });
    const [logged] = await db.select().from(auditLog).where(eq(auditLog.action, "stage.paperScore"));
    expect(logged).toMatchObject({ actorUserId: organiser.id, entity: "stage_part" });
    expect(logged.after).toMatchObject({ judgeUserId: s.judge.id, totalTenths: 155, source: "paper" });
    // Marked wherever the committee and the organiser read scores.
    expect(await judgeScoreSheet(db, s.contest.id)).toEqual([
      expect.objectContaining({ judgeName: "Giám Khảo Giấy", source: "paper", enteredByName: "Thư Ký" }),
    ]);
    expect(await paperEntries(db, s.contest.id)).toEqual([
      { partId: s.part.id, teamId: s.teams[0].id, judgeName: "Giám Khảo Giấy", enteredByName: "Thư Ký" },
    ]);
    const summary = await judgeSummary(db, s.contest.id, s.judge.id);
    expect(summary.totalTenths).toBe(155);
    expect(summary.parts[0].rows.map((r) => r.totalTenths)).toEqual([155, null]);
  });

  it("refuses a score over a criterion's maximum with a message naming the team, and saves nothing", async () => {
    const s = await stage();
    const sheet = savePaperSheet(db, {
      contestId: s.contest.id,
      partId: s.part.id,
      judgeUserId: s.judge.id,
      rows: [
        { teamId: s.teams[0].id, values: { [s.c1]: 7, [s.c2]: 8 }, comment: "", base: 0 },
        { teamId: s.teams[1].id, values: { [s.c1]: 10.5, [s.c2]: 8 }, comment: "", base: 0 },
      ],
      actor: organiser,
    });
    await expect(sheet).rejects.toMatchObject({
      code: "stagePaper.overMax",
      status: 422,
      vars: { team: s.teams[1].name, criterion: "Nội dung", max: 10 },
    });
    const { translate } = await import("~/utils/i18n");
    expect(translate("vi", "stagePaper.overMax", { team: "Đội 2", criterion: "Nội dung", max: 10 })).toBe(
      "Đội 2: điểm \u201cNội dung\u201d vượt quá điểm tối đa 10.",
    );
    expect(await db.select().from(stageScores)).toEqual([]);
  });

  it("is refused to anyone but an organiser or admin, and for someone not on the jury", async () => {
    const s = await stage();
    const input = {
      contestId: s.contest.id,
      partId: s.part.id,
      judgeUserId: s.judge.id,
      rows: [{ teamId: s.teams[0].id, values: { [s.c1]: 7, [s.c2]: 8 }, comment: "", base: 0 }],
    };
    for (const role of ["judge", "committee", "resident"] as const) {
      const actor = { id: (await createUser(db, { role })).id, role };
      await expect(savePaperSheet(db, { ...input, actor })).rejects.toMatchObject({
        code: "error.forbidden",
        status: 403,
      });
    }
    // The judge themself cannot pass their own save off as a paper entry either.
    await expect(
      saveJudgeScore(db, {
        contestId: s.contest.id,
        partId: s.part.id,
        teamId: s.teams[0].id,
        judge: { id: s.judge.id, role: "judge" },
        values: { [s.c1]: 7, [s.c2]: 8 },
        comment: "",
        enteredBy: { id: s.judge.id, role: "judge" },
      }),
    ).rejects.toMatchObject({ code: "error.forbidden" });
    const outsider = await createUser(db, { role: "judge" });
    await expect(
      savePaperSheet(db, { ...input, judgeUserId: outsider.id, actor: organiser }),
    ).rejects.toMatchObject({ code: "stage.notJudge", status: 403 });
    expect(await db.select().from(stageScores)).toEqual([]);
  });

  it("a judge's later save from a sheet that saw an older version is a conflict, not an overwrite", async () => {
    const s = await stage();
    const team = s.teams[0].id;
    // The judge's phone opened the sheet before anything was saved (version 0) …
    await savePaperSheet(db, {
      contestId: s.contest.id,
      partId: s.part.id,
      judgeUserId: s.judge.id,
      rows: [{ teamId: team, values: { [s.c1]: 7.5, [s.c2]: 8 }, comment: "", base: 0 }],
      actor: organiser,
    });
    // … and saves from it after the secretary typed the paper sheet in.
    const phone = await saveJudgeScore(db, {
      contestId: s.contest.id,
      partId: s.part.id,
      teamId: team,
      judge: { id: s.judge.id, role: "judge" },
      values: { [s.c1]: 5, [s.c2]: 5 },
      comment: "",
      base: 0,
    });
    expect(phone).toMatchObject({ outcome: "conflict", totalTenths: 155, version: 1 });
    expect(await held(s.part.id, team, s.judge.id)).toMatchObject({ totalTenths: 155, source: "paper" });
    // From the held version, the judge's own save replaces it and is the judge's again.
    expect(
      await saveJudgeScore(db, {
        contestId: s.contest.id,
        partId: s.part.id,
        teamId: team,
        judge: { id: s.judge.id, role: "judge" },
        values: { [s.c1]: 9, [s.c2]: 9 },
        comment: "",
        base: 1,
      }),
    ).toMatchObject({ outcome: "saved", version: 2 });
    expect(await held(s.part.id, team, s.judge.id)).toMatchObject({
      totalTenths: 180,
      source: "judge",
      enteredByUserId: null,
    });
    // And a paper sheet typed from a page that saw version 1 no longer overwrites it.
    const late = await savePaperSheet(db, {
      contestId: s.contest.id,
      partId: s.part.id,
      judgeUserId: s.judge.id,
      rows: [{ teamId: team, values: { [s.c1]: 1, [s.c2]: 1 }, comment: "", base: 1 }],
      actor: organiser,
    });
    expect(late).toEqual([expect.objectContaining({ outcome: "conflict", totalTenths: 180 })]);
    expect(await db.select().from(stageCriteria)).toHaveLength(2);
  });
});

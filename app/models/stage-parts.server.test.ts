import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { stageCriteria, stageParts } from "#db/schema";
import { createContest, createUnit, createUser, createWard } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import type { Actor } from "~/utils/permissions.server";
import { readPartForm } from "~/forms/stage-form.server";
import { judgeBoard, saveJudgeScore } from "./stage-judging.server";
import { savePart, type PartInput } from "./stage-parts.server";
import { listAmendments } from "./contest-amendments.server";
import { setJudges } from "./stage.server";
import { createTeam } from "./teams.server";

let db: Db;
let organiser: Actor;

const greeting: PartInput = {
  name: "Chào hỏi",
  maxScore: 20,
  scoring: "judges",
  timeLimitSec: 420,
  overtimePenaltyPerMin: 1,
  isTieBreak: false,
  knowledgeQuestions: null,
  knowledgePoints: null,
  knowledgeMode: "all",
  criteria: [
    { name: "Nội dung", maxScore: 10 },
    { name: "Hình thức", maxScore: 10 },
  ],
};

/** The part form as the organiser's browser posts it. */
function partForm(values: Record<string, string>) {
  const form = new FormData();
  const fields: Record<string, string> = {
    name: "Chào hỏi",
    maxScore: "20",
    scoring: "judges",
    timeLimitMin: "7",
    overtimePenaltyPerMin: "1",
    "criterion-name-0": "Nội dung",
    "criterion-max-0": "10",
    "criterion-name-1": "Hình thức",
    "criterion-max-1": "10",
    ...values,
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

async function scoredStage() {
  const ward = await createWard(db);
  const unit = await createUnit(db, { wardId: ward.id, name: "Tổ dân phố 1" });
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
  const contest = await createContest(db, { kind: "stage", stageAggregation: "mean", entryModes: "team" });
  expect(await savePart(db, contest.id, null, greeting, organiser)).toEqual({});
  await createTeam(db, contest.id, { unitId: unit.id, name: "" }, organiser);
  await createTeam(db, contest.id, { unitId: null, name: "" }, organiser);
  const judges = [await createUser(db, { role: "judge" }), await createUser(db, { role: "judge" })];
  await setJudges(
    db,
    contest.id,
    judges.map((j) => j.id),
    organiser,
  );
  const [part] = await db.select().from(stageParts).where(eq(stageParts.contestId, contest.id));
  const board = await judgeBoard(db, contest.id, judges[0].id);
  const [c1, c2] = board.parts[0].criteria;
  for (const [j, judge] of judges.entries())
    for (const team of board.teams)
      await saveJudgeScore(db, {
        contestId: contest.id,
        partId: part.id,
        teamId: team.id,
        judge: { id: judge.id, role: "judge" },
        values: { [c1.id]: 8 + j, [c2.id]: 7.5 },
        comment: "",
      });
  return { contest, part, judges, criteria: [c1, c2] };
}

const criteriaOf = (partId: number) =>
  db.select().from(stageCriteria).where(eq(stageCriteria.partId, partId)).orderBy(asc(stageCriteria.id));

beforeEach(async () => {
  ({ db } = await createTestDb());
});

describe("editing a part that judges have scored", () => {
  it("changing only the time limit keeps its criteria and every judge's values on their score sheet", async () => {
    const s = await scoredStage();
    const { input, problems } = readPartForm(partForm({ timeLimitMin: "8" }));
    expect(problems).toEqual({});
    // Judges have scored: the change is an amendment of the thể lệ, refused without a reason.
    expect(await savePart(db, s.contest.id, s.part.id, input, organiser)).toHaveProperty("amendmentReason");
    const reason = "Ban tổ chức thống nhất nới thời gian";
    expect(await savePart(db, s.contest.id, s.part.id, { ...input, reason }, organiser)).toEqual({});
    const [amendment] = await listAmendments(db, s.contest.id);
    expect(amendment).toMatchObject({ reason });
    expect(amendment.changes.map((c) => c.field)).toEqual(["Phần thi Chào hỏi: giới hạn thời gian (giây)"]);

    expect((await criteriaOf(s.part.id)).map((c) => c.id)).toEqual(s.criteria.map((c) => c.id));
    for (const [j, judge] of s.judges.entries()) {
      const board = await judgeBoard(db, s.contest.id, judge.id);
      expect(board.parts[0].timeLimitSec).toBe(480);
      // What the score sheet shows: the value saved for each criterion the part has now.
      for (const score of board.scores)
        expect(board.parts[0].criteria.map((c) => score.criteria[String(c.id)])).toEqual([(8 + j) * 10, 75]);
    }
  });

  it("changing the name, penalty or tie-break keeps them too; changing a criterion is refused and changes nothing", async () => {
    const s = await scoredStage();
    const renamed = readPartForm(partForm({ name: "Màn chào hỏi", overtimePenaltyPerMin: "2" }));
    expect(
      await savePart(
        db,
        s.contest.id,
        s.part.id,
        { ...renamed.input, reason: "Đổi mức trừ điểm" },
        organiser,
      ),
    ).toEqual({});
    const changed = readPartForm(partForm({ "criterion-max-0": "12", maxScore: "22" }));
    expect(await savePart(db, s.contest.id, s.part.id, changed.input, organiser)).toHaveProperty("maxScore");
    expect((await criteriaOf(s.part.id)).map((c) => [c.id, c.name, c.maxScore])).toEqual([
      [s.criteria[0].id, "Nội dung", 10],
      [s.criteria[1].id, "Hình thức", 10],
    ]);
  });

  it("before any score, renaming or adding a criterion keeps the ids of the rows that stay", async () => {
    const ward = await createWard(db);
    await createUnit(db, { wardId: ward.id });
    organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
    const contest = await createContest(db, { kind: "stage", entryModes: "team" });
    await savePart(db, contest.id, null, greeting, organiser);
    const [part] = await db.select().from(stageParts).where(eq(stageParts.contestId, contest.id));
    const before = await criteriaOf(part.id);
    const edited = readPartForm(
      partForm({
        maxScore: "30",
        "criterion-name-1": "Trang phục",
        "criterion-name-2": "Sáng tạo",
        "criterion-max-2": "10",
      }),
    );
    expect(await savePart(db, contest.id, part.id, edited.input, organiser)).toEqual({});
    const after = await criteriaOf(part.id);
    expect(after.map((c) => c.name)).toEqual(["Nội dung", "Trang phục", "Sáng tạo"]);
    expect(after.slice(0, 2).map((c) => c.id)).toEqual(before.map((c) => c.id));
    const fewer = readPartForm(partForm({ maxScore: "10", "criterion-name-1": "", "criterion-max-1": "" }));
    expect(await savePart(db, contest.id, part.id, fewer.input, organiser)).toEqual({});
    expect((await criteriaOf(part.id)).map((c) => c.id)).toEqual([before[0].id]);
  });
});

describe("a part's numbers as Vietnamese type them", () => {
  it("“7,5” minutes and a “0,5” penalty are saved as 7.5 minutes and 0.5 points, never 75 and 5", async () => {
    const ward = await createWard(db);
    await createUnit(db, { wardId: ward.id });
    organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
    const contest = await createContest(db, { kind: "stage", entryModes: "team" });
    for (const [minutes, penalty] of [
      ["7,5", "0,5"],
      ["7.5", "0.5"],
    ]) {
      const { input, problems } = readPartForm(
        partForm({ timeLimitMin: minutes, overtimePenaltyPerMin: penalty }),
      );
      expect(problems).toEqual({});
      expect(input).toMatchObject({ timeLimitSec: 450, overtimePenaltyPerMin: 0.5 });
      expect(await savePart(db, contest.id, null, input, organiser)).toEqual({});
    }
    const parts = await db.select().from(stageParts).where(eq(stageParts.contestId, contest.id));
    expect(parts.map((p) => [p.timeLimitSec, p.overtimePenaltyPerMin])).toEqual([
      [450, 0.5],
      [450, 0.5],
    ]);
  });

  it("refuses what cannot be read one way, with a message on the field, and saves nothing", async () => {
    expect(readPartForm(partForm({ maxScore: "7,5" })).problems).toEqual({
      maxScore: "“7,5” có phần thập phân, nhưng ô này chỉ nhận số nguyên.",
    });
    expect(readPartForm(partForm({ overtimePenaltyPerMin: "0,25" })).problems).toEqual({
      overtimePenaltyPerMin: "“0,25”: chỉ được 1 chữ số sau dấu phẩy, ví dụ 7,5.",
    });
    expect(readPartForm(partForm({ timeLimitMin: "1,500" })).problems.timeLimitSec).toMatch(
      /có thể hiểu là 1,5 hoặc 1\.500/,
    );
    expect(readPartForm(partForm({ "criterion-max-1": "10,5" })).problems).toHaveProperty("criteria");
  });
});

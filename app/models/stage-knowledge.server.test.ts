import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, questions, stageParts, teams } from "#db/schema";
import { createContest, createQuestion, createUser } from "../../tests/factories";
import type { Actor } from "~/utils/permissions.server";
import { createTestDb } from "../../tests/setup/test-db";
import { saveKnowledgeMarks } from "./stage-judging.server";
import {
  hideKnowledgeQuestion,
  knowledgeQuestionIds,
  parseQuestionCodes,
  projectorKnowledge,
  revealKnowledgeAnswer,
  showKnowledgeQuestion,
  withKnowledgeCodes,
} from "./stage-knowledge.server";
import { savePart, type PartInput } from "./stage-parts.server";

let db: Db;
let organiser: Actor;

const knowledgePart = (codes?: string): PartInput & { knowledgeCodes?: string } => ({
  name: "Kiến thức",
  maxScore: 9,
  scoring: "knowledge",
  timeLimitSec: null,
  overtimePenaltyPerMin: null,
  isTieBreak: false,
  knowledgeQuestions: 3,
  knowledgePoints: 3,
  knowledgeMode: "all",
  criteria: [],
  ...(codes === undefined ? {} : { knowledgeCodes: codes }),
});

/** A stage contest with a bank of three questions (and a retired one) and two teams. */
async function knowledgeStage() {
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
  const contest = await createContest(db, { kind: "stage", stageAggregation: "mean", entryModes: "team" });
  const bank = [
    await createQuestion(db, {
      code: "KT-01",
      prompt: "Cổng dịch vụ công quốc gia có địa chỉ nào?",
      explanation: "Địa chỉ chính thức là dichvucong.gov.vn.",
      options: [
        { text: "dichvucong.gov.vn", correct: true },
        { text: "dichvucong.com" },
        { text: "congdichvu.vn" },
      ],
    }),
    await createQuestion(db, { code: "KT-02" }),
    await createQuestion(db, { code: "KT-03" }),
    await createQuestion(db, { code: "KT-OLD", status: "retired" }),
  ];
  const [a, b] = await db
    .insert(teams)
    .values([
      { contestId: contest.id, number: 1, name: "Đội 1", nameKey: "doi 1" },
      { contestId: contest.id, number: 2, name: "Đội 2", nameKey: "doi 2" },
    ])
    .returning();
  return { contest, bank, teams: [a, b] };
}

async function partOf(contestId: number) {
  const [part] = await db.select().from(stageParts).where(eq(stageParts.contestId, contestId));
  return part;
}

beforeEach(async () => {
  ({ db } = await createTestDb());
});

describe("a knowledge part's questions from the bank", () => {
  it("codes one per line or comma-separated, in reading order, with the answer time", async () => {
    expect(parseQuestionCodes(" KT-01,KT-02\n\nKT-03 ;")).toEqual(["KT-01", "KT-02", "KT-03"]);
    const { contest, bank } = await knowledgeStage();
    const saved = await savePart(
      db,
      contest.id,
      null,
      { ...knowledgePart("kt-03\nKT-01, KT-02"), knowledgeSeconds: 45 },
      organiser,
    );
    expect(saved).toEqual({});
    const part = await partOf(contest.id);
    expect(part.knowledgeQuestionIds).toEqual([bank[2].id, bank[0].id, bank[1].id]);
    expect(part.knowledgeSeconds).toBe(45);
    const [shown] = await withKnowledgeCodes(db, [part]);
    expect(shown.knowledgeCodes).toBe("KT-03\nKT-01\nKT-02");
  });

  it("unknown, retired and repeated codes, or a count different from the part's, are refused naming the code", async () => {
    const { contest } = await knowledgeStage();
    const problem = async (codes: string) => (await knowledgeQuestionIds(db, codes, 3)).problem;
    expect(await problem("KT-01, KT-02, KT-99")).toBe("stageKnowledge.unknownCode?code=KT-99");
    expect(await problem("KT-01, KT-OLD, KT-02")).toBe("stageKnowledge.retiredCode?code=KT-OLD");
    expect(await problem("KT-01, KT-02, kt-01")).toBe("stageKnowledge.duplicateCode?code=kt-01");
    expect(await problem("KT-01, KT-02")).toBe("stageKnowledge.countMismatch?n=2&of=3");
    expect(await savePart(db, contest.id, null, knowledgePart("KT-01, KT-02, KT-99"), organiser)).toEqual({
      knowledgeCodes: "stageKnowledge.unknownCode?code=KT-99",
    });
    expect(await partOf(contest.id)).toBeUndefined();
    expect(
      await savePart(db, contest.id, null, { ...knowledgePart(""), knowledgeSeconds: 2 }, organiser),
    ).toEqual({ knowledgeSeconds: "stageKnowledge.secondsRange" });
  });

  it("no codes: questions read from paper, 30 seconds each; codes may change until the part has marks", async () => {
    const { contest, bank, teams } = await knowledgeStage();
    await savePart(db, contest.id, null, knowledgePart(""), organiser);
    const part = await partOf(contest.id);
    expect([part.knowledgeQuestionIds, part.knowledgeSeconds]).toEqual([null, 30]);
    expect(await savePart(db, contest.id, part.id, knowledgePart("KT-01,KT-02,KT-03"), organiser)).toEqual(
      {},
    );
    // A caller that sends no codes keeps them.
    expect(await savePart(db, contest.id, part.id, knowledgePart(), organiser)).toEqual({});
    expect((await partOf(contest.id)).knowledgeQuestionIds).toEqual(bank.slice(0, 3).map((q) => q.id));
    await saveKnowledgeMarks(db, {
      contestId: contest.id,
      partId: part.id,
      right: { 1: [teams[0].id] },
      actor: organiser,
    });
    expect(await savePart(db, contest.id, part.id, knowledgePart("KT-02,KT-01,KT-03"), organiser)).toEqual({
      knowledgeCodes: "stageKnowledge.frozen",
    });
    expect(await savePart(db, contest.id, part.id, knowledgePart("KT-01,KT-02,KT-03"), organiser)).toEqual(
      {},
    );
  });
});

describe("the MC's cue and the projector", () => {
  async function cued() {
    const stage = await knowledgeStage();
    await savePart(db, stage.contest.id, null, knowledgePart("KT-01,KT-02,KT-03"), organiser);
    const part = await partOf(stage.contest.id);
    return { ...stage, part, cue: { contestId: stage.contest.id, partId: part.id, actor: organiser } };
  }

  it("shows question N with a server-stamped countdown, and no right answer before the reveal", async () => {
    const { contest, cue } = await cued();
    expect(await projectorKnowledge(db, contest.id)).toBeNull();
    await showKnowledgeQuestion(db, { ...cue, no: 1 }, 1_000_000);
    const shown = await projectorKnowledge(db, contest.id);
    expect(shown).toMatchObject({ partName: "Kiến thức", no: 1, of: 3, seconds: 30, shownAt: 1_000_000 });
    expect(shown?.question?.prompt).toBe("Cổng dịch vụ công quốc gia có địa chỉ nào?");
    expect(shown?.question?.options.map((o) => `${o.letter}. ${o.text}`)).toEqual([
      "A. dichvucong.gov.vn",
      "B. dichvucong.com",
      "C. congdichvu.vn",
    ]);
    // Nothing in what the page gets tells the right option or explains it.
    expect(shown?.answer).toBeNull();
    const sent = JSON.stringify(shown);
    expect(sent).not.toMatch(/correct|isCorrect|explanation|dichvucong\.gov\.vn\./);
    expect(shown?.question?.options.every((o) => !("correct" in o))).toBe(true);
  });

  it("the reveal shows the right option, the explanation and the teams marked right", async () => {
    const { contest, cue, teams } = await cued();
    await expect(revealKnowledgeAnswer(db, cue)).rejects.toMatchObject({
      code: "stageKnowledge.nothingShown",
    });
    await showKnowledgeQuestion(db, { ...cue, no: 1 });
    await saveKnowledgeMarks(db, { ...cue, right: { 1: [teams[1].id], 2: [teams[0].id] } });
    await revealKnowledgeAnswer(db, cue);
    const shown = await projectorKnowledge(db, contest.id);
    expect(shown?.question?.options.map((o) => o.correct)).toEqual([true, false, false]);
    expect(shown?.answer).toEqual({
      explanation: "Địa chỉ chính thức là dichvucong.gov.vn.",
      rightTeams: ["Đội 2"],
    });
    // Showing the next question starts it afresh, its answer hidden again.
    await showKnowledgeQuestion(db, { ...cue, no: 2 });
    expect((await projectorKnowledge(db, contest.id))?.answer).toBeNull();
    await hideKnowledgeQuestion(db, cue);
    expect(await projectorKnowledge(db, contest.id)).toBeNull();
  });

  it("one question of a contest on the projector at a time; a question read from paper shows its number only", async () => {
    const { contest, part, cue } = await cued();
    const [paper] = await db
      .insert(stageParts)
      .values({
        contestId: contest.id,
        position: 2,
        name: "Vòng 2",
        maxScore: 10,
        scoring: "knowledge",
        knowledgeQuestions: 5,
        knowledgePoints: 2,
      })
      .returning();
    await showKnowledgeQuestion(db, { ...cue, no: 2 });
    await showKnowledgeQuestion(db, { ...cue, partId: paper.id, no: 4 });
    const [first] = await db.select().from(stageParts).where(eq(stageParts.id, part.id));
    expect([first.knowledgeShownNo, first.knowledgeShownAt]).toEqual([null, null]);
    const shown = await projectorKnowledge(db, contest.id);
    expect(shown).toMatchObject({ partName: "Vòng 2", no: 4, of: 5, question: null, answer: null });
    await expect(showKnowledgeQuestion(db, { ...cue, no: 4 })).rejects.toMatchObject({
      code: "stageKnowledge.badQuestion",
    });
  });

  it("refused once the committee closes the part, which also leaves the projector", async () => {
    const { contest, cue } = await cued();
    await showKnowledgeQuestion(db, { ...cue, no: 1 });
    // The committee closes it (setPartClosed, as on its page).
    await db.update(stageParts).set({ closedAt: Date.now() }).where(eq(stageParts.id, cue.partId));
    expect(await projectorKnowledge(db, contest.id)).toBeNull();
    for (const run of [
      () => showKnowledgeQuestion(db, { ...cue, no: 2 }),
      () => revealKnowledgeAnswer(db, cue),
      () => hideKnowledgeQuestion(db, cue),
    ])
      await expect(run()).rejects.toMatchObject({ code: "stage.partClosed", status: 409 });
  });

  it("only staff who run the stage may cue, and every cue is audited", async () => {
    const { cue } = await cued();
    const judge = { id: (await createUser(db, { role: "judge" })).id, role: "judge" as const };
    await expect(showKnowledgeQuestion(db, { ...cue, no: 1, actor: judge })).rejects.toMatchObject({
      status: 403,
    });
    await showKnowledgeQuestion(db, { ...cue, no: 3 });
    await revealKnowledgeAnswer(db, cue);
    await hideKnowledgeQuestion(db, cue);
    const audit = await db
      .select({ action: auditLog.action, after: auditLog.after, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "stage_part"), eq(auditLog.entityId, String(cue.partId))));
    expect(audit.filter((a) => a.action.startsWith("stage.knowledge.")).map((a) => a.action)).toEqual([
      "stage.knowledge.show",
      "stage.knowledge.reveal",
      "stage.knowledge.hide",
    ]);
    expect(audit.find((a) => a.action === "stage.knowledge.show")).toMatchObject({
      actor: organiser.id,
      after: { no: 3 },
    });
  });

  it("a question's text changed in the bank is shown as it now reads", async () => {
    const { contest, bank, cue } = await cued();
    await db.update(questions).set({ prompt: "Câu hỏi đã sửa?" }).where(eq(questions.id, bank[1].id));
    await showKnowledgeQuestion(db, { ...cue, no: 2 });
    expect((await projectorKnowledge(db, contest.id))?.question?.prompt).toBe("Câu hỏi đã sửa?");
  });
});

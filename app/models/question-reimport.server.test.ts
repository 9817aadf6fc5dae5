import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { createTestDb } from "../../tests/setup/test-db";
import { createUser } from "../../tests/factories";
import type { Actor } from "~/utils/permissions.server";
import { createQuestions, type QuestionInput } from "./question-bank.server";
import {
  applyPendingImport,
  cancelPendingImport,
  importQuestions,
  planReimport,
} from "./question-reimport.server";

let db: Db;
let organiser: Actor;

const question = (code: string, extra: Partial<QuestionInput> = {}): QuestionInput => ({
  code,
  category: "CCHC",
  kind: "single",
  prompt: `Câu hỏi ${code}?`,
  options: [
    { text: "Một", correct: true },
    { text: "Hai", correct: false },
  ],
  explanation: null,
  legalSource: null,
  tags: ["cchc"],
  difficulty: "medium",
  status: "active",
  ...extra,
});

beforeEach(async () => {
  ({ db } = await createTestDb());
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
  await createQuestions(db, [question("Q1"), question("Q2"), question("Q3")], organiser);
});

describe("updating the bank by re-importing an edited export", () => {
  it("sorts the rows into new, changed (field by field), retired and unchanged", async () => {
    const plan = await planReimport(db, [
      question("Q1", {
        prompt: "Câu hỏi Q1 đã sửa?",
        options: [
          { text: "Một", correct: false },
          { text: "Hai", correct: true },
        ],
      }),
      question("Q2"),
      question("Q3", { status: "retired" }),
      question("Q4"),
    ]);
    expect(plan.rows.map((r) => [r.code, r.kind])).toEqual([
      ["Q1", "changed"],
      ["Q2", "unchanged"],
      ["Q3", "retired"],
      ["Q4", "new"],
    ]);
    expect(plan.rows[0].changes).toEqual([
      { field: "Câu hỏi", before: "Câu hỏi Q1?", after: "Câu hỏi Q1 đã sửa?" },
      { field: "Đáp án đúng", before: "A", after: "B" },
    ]);
    expect(plan.rows[2].changes).toEqual([{ field: "Trạng thái", before: "Đang dùng", after: "Ngừng dùng" }]);
    expect(plan.updates).toHaveLength(2);
    expect(plan.creates.map((q) => q.code)).toEqual(["Q4"]);
  });

  it("saves nothing until applied, then applies everything at once; a cancelled one changes nothing", async () => {
    const file = [question("Q1", { prompt: "Đã sửa?" }), question("Q5")];
    const answer = await importQuestions(db, file, organiser);
    if (!answer) throw new Error("a preview was expected");
    expect(answer.preview.counts).toEqual({ new: 1, changed: 1, unchanged: 0, retired: 0 });
    const q1 = (await planReimport(db, [question("Q1")])).rows[0];
    expect(q1.kind).toBe("unchanged"); // not yet applied

    expect(await applyPendingImport(db, answer.preview.token, organiser)).toEqual({
      new: 1,
      changed: 1,
      unchanged: 0,
      retired: 0,
    });
    const updated = (await planReimport(db, [question("Q1", { prompt: "Đã sửa?" }), question("Q5")])).rows;
    expect(updated.map((r) => r.kind)).toEqual(["unchanged", "unchanged"]);
    // Applied once: the preview cannot be applied again.
    await expect(applyPendingImport(db, answer.preview.token, organiser)).rejects.toMatchObject({
      code: "reimport.expired",
    });

    const again = await importQuestions(db, [question("Q2", { prompt: "Không áp dụng" })], organiser);
    await cancelPendingImport(db, again!.preview.token, organiser);
    await expect(applyPendingImport(db, again!.preview.token, organiser)).rejects.toMatchObject({
      code: "reimport.expired",
    });
    expect((await planReimport(db, [question("Q2")])).rows[0].kind).toBe("unchanged");
  });

  it("a file of new questions only is saved at once, as before; someone else's preview cannot be applied", async () => {
    expect(await importQuestions(db, [question("N1"), question("N2")], organiser)).toBeUndefined();
    expect((await planReimport(db, [question("N1")])).rows[0].kind).toBe("unchanged");
    const answer = await importQuestions(db, [question("Q3", { difficulty: "hard" })], organiser);
    const other: Actor = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
    await expect(applyPendingImport(db, answer!.preview.token, other)).rejects.toMatchObject({
      code: "reimport.expired",
    });
    const q3 = (await planReimport(db, [question("Q3")])).rows[0];
    expect(q3.kind).toBe("unchanged");
  });
});

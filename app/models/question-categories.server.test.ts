import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { createTestDb } from "../../tests/setup/test-db";
import { createQuestion, createUser } from "../../tests/factories";
import { message, translate } from "~/utils/i18n";
import type { Actor } from "~/utils/permissions.server";
import { drawBank, validateSettings } from "./contest-admin.server";
import {
  activeCategories,
  categoryCode,
  categoryProblem,
  createCategory,
  listCategories,
  renameCategory,
  setCategoryRetired,
} from "./question-categories.server";
import { parseQuestionTable, QUESTION_HEADERS } from "./question-import.server";

let db: Db;
let organiser: Actor;

beforeEach(async () => {
  ({ db } = await createTestDb());
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: { code: Parameters<typeof translate>[1]; vars?: Record<string, string> }) =>
      translate("vi", e.code, e.vars),
  );

describe("the ward's own question categories", () => {
  it("starts with the five defaults and adds the ward's own, with a code made from the name", async () => {
    expect((await listCategories(db)).map((c) => c.name)).toEqual([
      "Cải cách hành chính",
      "Chuyển đổi số",
      "Dịch vụ công",
      "Định danh điện tử",
      "Địa phương",
    ]);
    expect(await createCategory(db, "  An toàn   giao thông ", organiser)).toBe("AN_TOAN_GIAO_THONG");
    expect(await createCategory(db, "Đại hội Đảng", organiser)).toBe("DAI_HOI_DANG");
    expect(categoryCode("Pháp luật về đất đai")).toBe("PHAP_LUAT_VE_DAT_DAI");
    // The same name in other case or without marks is the same category.
    expect(await refusal(createCategory(db, "an toan giao thong", organiser))).toBe(
      "Đã có lĩnh vực “an toan giao thong”.",
    );
    expect(await refusal(createCategory(db, "!", organiser))).toMatch(/từ 2 đến 60 ký tự/);
    expect((await activeCategories(db)).at(-1)).toEqual({ code: "DAI_HOI_DANG", name: "Đại hội Đảng" });
  });

  it("renames without touching the questions, and a retired one takes no new question but keeps its own", async () => {
    const code = await createCategory(db, "Pháp luật", organiser);
    const q = await createQuestion(db, { category: code });
    await renameCategory(db, code, "Pháp luật phổ thông", organiser);
    const [row] = (await listCategories(db)).filter((c) => c.code === code);
    expect(row).toMatchObject({ name: "Pháp luật phổ thông", questions: 1, retired: false });

    await setCategoryRetired(db, code, true, organiser);
    expect((await activeCategories(db)).map((c) => c.code)).not.toContain(code);
    expect(await categoryProblem(db, code)).toBe("categories.inactive");
    // The question already in it may stay there when it is edited.
    expect(await categoryProblem(db, code, code)).toBeNull();
    expect(q.category).toBe(code);
    await setCategoryRetired(db, code, false, organiser);
    expect(await categoryProblem(db, code)).toBeNull();
  });

  it("an export re-imported keeps a retired category on its own questions, and refuses it for new ones", async () => {
    const code = await createCategory(db, "Bầu cử", organiser);
    await setCategoryRetired(db, code, true, organiser);
    const row = (qcode: string) =>
      [qcode, "Bầu cử", "Đúng/Sai", `Câu ${qcode}?`, "Đúng", "Sai"].concat([
        "",
        "",
        "",
        "",
        "A",
        "",
        "",
        "",
        "",
        "",
      ]);
    const table = {
      headers: QUESTION_HEADERS,
      rows: [
        { line: 2, cells: row("BC-1") },
        { line: 3, cells: row("BC-2") },
      ],
      problems: [],
    };
    const { inputs, problems } = parseQuestionTable(
      table,
      new Set(),
      await listCategories(db),
      new Map([["BC-1", code]]),
    );
    expect(inputs.map((q) => q.code)).toEqual(["BC-1"]);
    expect(problems.map((p) => [p.line, translate("vi", p.message)])).toEqual([
      [3, "Lĩnh vực “Bầu cử” đã ngừng dùng: chỉ câu hỏi đang thuộc lĩnh vực này được giữ nó."],
    ]);
  });

  it("keeps at least one category in use", async () => {
    for (const c of (await activeCategories(db)).slice(1))
      await setCategoryRetired(db, c.code, true, organiser);
    expect(await refusal(setCategoryRetired(db, "CCHC", true, organiser))).toBe(
      "Cần giữ ít nhất một lĩnh vực đang dùng.",
    );
  });

  it("a ward's own category is read by the import (by name or code) and drawn from by a contest", async () => {
    const code = await createCategory(db, "An toàn giao thông", organiser);
    const row = (qcode: string, category: string) => [
      qcode,
      category,
      "Một đáp án",
      `Câu hỏi ${qcode}?`,
      "Đúng",
      "Sai",
      "",
      "",
      "",
      "",
      "A",
      "",
      "",
      "",
      "",
      "",
    ];
    const table = {
      headers: QUESTION_HEADERS,
      rows: [
        { line: 2, cells: row("ATGT-1", "An toàn giao thông") },
        { line: 3, cells: row("ATGT-2", "an toan giao thong") },
        { line: 4, cells: row("ATGT-3", "AN_TOAN_GIAO_THONG") },
        { line: 5, cells: row("PL-1", "Pháp luật") },
      ],
      problems: [],
    };
    const { inputs, problems } = parseQuestionTable(table, new Set(), await activeCategories(db));
    expect(inputs.map((q) => q.category)).toEqual([code, code, code]);
    expect(problems.map((p) => [p.line, translate("vi", p.message)])).toEqual([
      [5, expect.stringContaining("Pháp luật")],
    ]);

    await createQuestion(db, { category: code });
    await createQuestion(db, { category: code });
    const bank = await drawBank(db);
    expect(bank.counts[code]).toBe(2);
    const settings = {
      title: "Cuộc thi an toàn giao thông",
      slug: "an-toan-giao-thong",
      description: "",
      opensAt: Date.now(),
      closesAt: Date.now() + 86_400_000,
      timeLimitSec: 600,
      draw: { mode: "category" as const, rules: [{ category: code, count: 3 }] },
      pointsPerQuestion: 1,
      shuffleQuestions: true,
      shuffleOptions: true,
      maxAttempts: 1,
      attemptPeriod: "contest" as const,
      counting: "best" as const,
      reviewPolicy: "after_close" as const,
      predictionTarget: null,
      predictionPrompt: null,
      entryModes: "individual" as const,
      collectiveRule: "participation_rate" as const,
      eligibleUnitIds: null,
      rules: "",
    };
    // Named as the organiser named it, not by its code.
    expect(validateSettings(settings, bank, []).draw).toBe(
      message("contestSettings.drawShort", { category: "An toàn giao thông", have: 2, need: 3 }),
    );
    settings.draw.rules[0].count = 2;
    expect(validateSettings(settings, bank, []).draw).toBeUndefined();
  });
});

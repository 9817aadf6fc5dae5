import { DEFAULT_CATEGORIES } from "#db/constants";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { questionOptions, questions, units } from "#db/schema";
import { createTestDb } from "../../tests/setup/test-db";
import { createUser } from "../../tests/factories";
import { runAdminCommand } from "../../scripts/admin-commands";
import { runImport } from "~/forms/import.server";
import { translate, type Message } from "~/utils/i18n";
import { countQuestions, createQuestions, listQuestions } from "./question-bank.server";
import { parseQuestionTable, QUESTION_HEADERS, QUESTION_TEMPLATE_ROWS } from "./question-import.server";
import { writeCsv, writeXlsx } from "./spreadsheet.server";
import { UNIT_HEADERS } from "./units.server";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The organiser's upload, as the import form posts it. */
function upload(file: Uint8Array, name: string) {
  const form = new FormData();
  form.append("file", new File([Buffer.from(file)], name));
  return new Request("http://localhost/organiser/questions", { method: "POST", body: form });
}

const questionRows = (n: number, code = (i: number) => `Q-${i}`) =>
  Array.from({ length: n }, (_, i) => {
    const row = [...QUESTION_TEMPLATE_ROWS[0]];
    row[0] = code(i);
    row[3] = `Câu hỏi số ${i}?`;
    return row;
  });

/** The problems as the organiser reads them (the models answer in message keys). */
const inVietnamese = <P extends { message: Message }>(problems: P[]) =>
  problems.map((p) => ({ ...p, message: translate("vi", p.message) }));

describe("large imports", () => {
  it("imports 10,000 questions from an XLSX file through the page's import", async () => {
    const { db } = await createTestDb();
    const actor = await createUser(db, { role: "organiser" });
    const file = await writeXlsx("Câu hỏi", QUESTION_HEADERS, questionRows(10_000));
    const result = await runImport(
      upload(file, "cau-hoi.xlsx"),
      async (table) =>
        parseQuestionTable(
          table,
          new Set((await listQuestions(db)).flatMap((q) => (q.code ? [q.code] : []))),
          DEFAULT_CATEGORIES,
        ),
      (inputs) => createQuestions(db, inputs, { id: actor.id, role: "organiser" }),
    );
    expect(result).toEqual({ imported: 10_000, lineKind: "row" });
    expect((await db.select({ n: count() }).from(questions))[0].n).toBe(10_000);
    expect((await db.select({ n: count() }).from(questionOptions))[0].n).toBe(40_000);
    // The bank's list a page at a time, each question with its options; the export all of them.
    expect(await countQuestions(db, { q: "Câu hỏi số 99" })).toBe(111);
    const lastPage = await listQuestions(db, {}, { limit: 200, offset: 9_900 });
    expect(lastPage.map((q) => q.code)).toEqual(Array.from({ length: 100 }, (_, i) => `Q-${9_900 + i}`));
    expect(lastPage.every((q) => q.options.length === 4)).toBe(true);
    const all = await listQuestions(db);
    expect(all).toHaveLength(10_000);
    expect(
      all.every((q) => q.options.length === 4 && q.options.filter((o) => o.isCorrect).length === 1),
    ).toBe(true);
  }, 120_000);

  it("imports 10,000 units from CSV on the command line", async () => {
    const { db } = await createTestDb();
    const dir = mkdtempSync(path.join(tmpdir(), "hoithi-units-"));
    const file = path.join(dir, "units.csv");
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      `T${i}`,
      `Tổ dân phố ${i + 1}`,
      "Tổ dân phố",
      400,
      "Dân số",
    ]);
    writeFileSync(file, writeCsv(UNIT_HEADERS, rows));
    expect(await runAdminCommand(db, ["import-units", file])).toEqual(["Imported 10000 units."]);
    expect((await db.select({ n: count() }).from(units))[0].n).toBe(10_000);
  }, 120_000);

  it("lists the first 200 problems of 10,000 bad rows and counts the rest; nothing is imported", async () => {
    const { db } = await createTestDb();
    const actor = await createUser(db, { role: "organiser" });
    const rows = questionRows(10_000).map((r) => {
      const bad = [...r];
      bad[10] = "Z";
      return bad;
    });
    const result = await runImport(
      upload(new TextEncoder().encode(writeCsv(QUESTION_HEADERS, rows)), "cau-hoi.csv"),
      async (table) => parseQuestionTable(table, new Set(), DEFAULT_CATEGORIES),
      (inputs) => createQuestions(db, inputs, { id: actor.id, role: "organiser" }),
    );
    expect(result).toMatchObject({ moreProblems: 10_000 - 200 });
    expect("importProblems" in result && result.importProblems).toHaveLength(200);
    expect("importProblems" in result && inVietnamese(result.importProblems.slice(0, 1))[0]).toEqual({
      line: 2,
      message: "Đáp án “Z” không ứng với phương án nào.",
    });
    expect(JSON.stringify(result).length).toBeLessThan(20_000);
    expect((await db.select({ n: count() }).from(questions))[0].n).toBe(0);
  }, 120_000);

  it("refuses an over-limit file with its message and imports nothing", async () => {
    const { db } = await createTestDb();
    const actor = await createUser(db, { role: "organiser" });
    const csv = writeCsv(QUESTION_HEADERS, questionRows(10_001));
    const result = await runImport(
      upload(new TextEncoder().encode(csv), "cau-hoi.csv"),
      async (table) => parseQuestionTable(table, new Set(), DEFAULT_CATEGORIES),
      (inputs) => createQuestions(db, inputs, { id: actor.id, role: "organiser" }),
    );
    expect(result).toEqual({ importError: "import.tooManyRows" });
    expect((await db.select({ n: count() }).from(questions))[0].n).toBe(0);
  }, 120_000);
});

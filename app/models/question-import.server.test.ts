import { DEFAULT_CATEGORIES, DEFAULT_CATEGORY_NAMES } from "#db/constants";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/setup/test-db";
import { listQuestions, createQuestions } from "./question-bank.server";
import { parseQuestionTable, QUESTION_HEADERS, questionExportRows } from "./question-import.server";
import { parseCsv, readTable, writeXlsx, MAX_IMPORT_BYTES } from "./spreadsheet.server";
import { parseUnitTable } from "./units.server";
import { createUser } from "../../tests/factories";
import { translate, type Message } from "~/utils/i18n";

const bytes = (text: string) => new TextEncoder().encode(text);

/** The problems as the organiser reads them (the models answer in message keys). */
const inVietnamese = <P extends { message: Message }>(problems: P[]) =>
  problems.map((p) => ({ ...p, message: translate("vi", p.message) }));

describe("reading spreadsheets", () => {
  it("reads CSV with semicolons, quotes, a BOM and blank lines", () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;1";"say ""hi"""\r\n\r\n')).toEqual([
      ["a", "b"],
      ["x;1", 'say "hi"'],
      [""],
    ]);
  });

  it("refuses an empty file, a file over 5 MB and a file that is not a spreadsheet", async () => {
    await expect(readTable(new Uint8Array())).rejects.toMatchObject({ code: "import.empty" });
    await expect(readTable(bytes("Mã,Tên\n\n"))).rejects.toMatchObject({ code: "import.empty" });
    await expect(readTable(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(65))).rejects.toMatchObject({
      code: "import.tooLarge",
    });
    const pdfLike = Uint8Array.from([
      0x25,
      0x50,
      0x44,
      0x46,
      ...Array.from({ length: 200 }, (_, i) => i % 32),
    ]);
    await expect(readTable(pdfLike)).rejects.toMatchObject({ code: "import.notSpreadsheet" });
    const brokenZip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    await expect(readTable(brokenZip)).rejects.toMatchObject({ code: "import.notSpreadsheet" });
  });
});

describe("importing questions", () => {
  it("accepts the XLSX fixture: 12 CCHC and 12 CĐS questions with their answers", async () => {
    const table = await readTable(readFileSync("tests/fixtures/questions.xlsx"));
    const { inputs, problems } = parseQuestionTable(table, new Set(), DEFAULT_CATEGORIES);
    expect(problems).toEqual([]);
    expect(inputs).toHaveLength(24);
    expect(inputs.filter((q) => q.category === "CDS")).toHaveLength(12);
    const tf = inputs.find((q) => q.kind === "true_false")!;
    expect(tf.options).toEqual([
      { text: "Đúng", correct: true, image: null },
      { text: "Sai", correct: false, image: null },
    ]);
    expect(inputs[0]).toMatchObject({
      code: "NHAP-CCHC-1",
      difficulty: "easy",
      status: "active",
      legalSource: "Nghị quyết 76/NQ-CP ngày 15/7/2021",
    });
  });

  it("reports every bad row with its line and reason, and keeps none", async () => {
    const table = await readTable(readFileSync("tests/fixtures/questions-bad.csv"));
    const { inputs, problems } = parseQuestionTable(table, new Set(), DEFAULT_CATEGORIES);
    const byLine = (line: number) =>
      inVietnamese(problems.filter((p) => p.line === line)).map((p) => p.message);
    expect(byLine(2)).toContain("Chưa chọn đáp án đúng.");
    expect(byLine(3)).toContain("Câu một đáp án (hoặc Đúng/Sai) chỉ được có một đáp án đúng.");
    expect(byLine(4)).toEqual([]);
    expect(byLine(5)).toContain("Mã “T-03” trùng với dòng 4.");
    expect(byLine(6).join()).toContain("Lĩnh vực “Thể thao” không hợp lệ");
    expect(byLine(7)).toContain("Câu Đúng/Sai phải có đúng 2 phương án.");
    // The caller imports nothing when there is any problem; the clean row alone is not enough.
    expect(problems.length).toBeGreaterThanOrEqual(5);
    expect(inputs).toHaveLength(1);
  });

  it("reports a code that is already in the bank and a column that is not in the template", async () => {
    const table = await readTable(
      bytes(
        "Mã,Lĩnh vực,Loại,Câu hỏi,Phương án A,Phương án B,Đáp án đúng\nCCHC-01,CCHC,Một đáp án,Câu?,X,Y,A\n",
      ),
    );
    expect(
      inVietnamese(parseQuestionTable(table, new Set(["CCHC-01"]), DEFAULT_CATEGORIES).problems),
    ).toEqual([{ line: 2, message: "Mã “CCHC-01” đã có trong ngân hàng câu hỏi." }]);
    const wrongColumn = await readTable(
      bytes("Mã,Nhóm,Loại,Câu hỏi,Phương án A,Phương án B,Đáp án đúng\nX,CCHC,Một đáp án,Câu?,X,Y,A\n"),
    );
    const problems = inVietnamese(parseQuestionTable(wrongColumn, new Set(), DEFAULT_CATEGORIES).problems);
    expect(problems).toContainEqual({ line: 1, message: "Cột “Nhóm” không có trong mẫu." });
    expect(problems).toContainEqual({ line: 1, message: "Thiếu cột “Lĩnh vực”." });
  });

  it("round-trips: an export re-imports to the same questions", async () => {
    const { db } = await createTestDb();
    const actor = await createUser(db, { role: "organiser" });
    const table = await readTable(readFileSync("tests/fixtures/questions.xlsx"));
    const { inputs } = parseQuestionTable(table, new Set(), DEFAULT_CATEGORIES);
    await createQuestions(db, inputs, { id: actor.id, role: "organiser" });
    const saved = await listQuestions(db);
    const file = await writeXlsx(
      "Câu hỏi",
      QUESTION_HEADERS,
      questionExportRows(saved, DEFAULT_CATEGORY_NAMES),
    );
    const again = parseQuestionTable(await readTable(file), new Set(), DEFAULT_CATEGORIES);
    expect(again.problems).toEqual([]);
    expect(again.inputs).toEqual(inputs);
  });
});

describe("importing units", () => {
  it("reads the fixture with Vietnamese number grouping and kinds", async () => {
    const { inputs, problems } = parseUnitTable(
      await readTable(readFileSync("tests/fixtures/units.csv")),
      new Set(),
    );
    expect(problems).toEqual([]);
    expect(inputs[0]).toEqual({
      code: "KP01",
      name: "Khu phố Đông",
      kind: "khu_pho",
      denominator: 1250,
      denominatorKind: "population",
    });
    expect(inputs[2]).toMatchObject({ kind: "school", denominatorKind: "members" });
  });

  it("reports unknown kinds, bad denominators, duplicates and existing units", async () => {
    const csv =
      "Tên đơn vị,Loại,Mẫu số\nTổ 1,Tổ dân phố,abc\nTổ 2,Xóm,10\nTổ 3,Thôn,5\nTổ 3,Thôn,5\n,Thôn,1\n";
    const { inputs, problems } = parseUnitTable(await readTable(bytes(csv)), new Set(["tổ 1"]));
    expect(inVietnamese(problems)).toEqual([
      { line: 2, message: "Đơn vị “Tổ 1” đã có trong danh sách." },
      { line: 2, message: "Mẫu số “abc” phải là số nguyên không âm." },
      { line: 3, message: expect.stringContaining("Loại đơn vị “Xóm” không hợp lệ") },
      { line: 5, message: "Đơn vị “Tổ 3” trùng với dòng 4." },
      { line: 6, message: "Thiếu tên đơn vị." },
    ]);
    expect(inputs).toHaveLength(1);
  });
});

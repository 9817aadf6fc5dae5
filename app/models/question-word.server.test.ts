import { DEFAULT_CATEGORIES } from "#db/constants";
import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { describe, expect, it } from "vitest";
import { translate } from "~/utils/i18n";
import {
  pictureRun,
  pngPicture,
  wordFile,
  type AnswerStyle,
  type WordFixtureQuestion,
} from "../../tests/fixtures/word";
import { parseQuestionTable, QUESTION_HEADERS } from "./question-import.server";
import { questionWordSample } from "./question-word-sample.server";
import { isWordDocument, readWordQuestions } from "./question-word.server";
import { normaliseHeader, type Table as ImportTable } from "./spreadsheet.server";

const opts = { defaultCategory: "CCHC", codePrefix: "W", takenCodes: new Set<string>() };
const read = async (questions: WordFixtureQuestion[], before?: string[], o = opts) =>
  readWordQuestions(await wordFile(questions, { before }), o);

/** A cell of a row by its header name. */
const cell = (table: ImportTable, row: number, header: string) =>
  table.rows[row].cells[table.headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(header))];
const problems = (table: ImportTable) =>
  table.problems.map((p) => ({ line: p.line, text: translate("vi", p.message) }));

/**
 * The table as the question import reads it. Until the import knows the
 * picture columns, a text-only table drops them (they are all empty).
 */
function parsed(table: ImportTable) {
  const known = new Set(QUESTION_HEADERS.map(normaliseHeader));
  const keep = table.headers.map((h) => known.has(normaliseHeader(h)));
  const forImport = {
    ...table,
    headers: table.headers.filter((_, i) => keep[i]),
    rows: table.rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) })),
  };
  return parseQuestionTable(forImport, new Set(), DEFAULT_CATEGORIES);
}

const ndLoc: WordFixtureQuestion = {
  prompt: "Ngày Chuyển đổi số quốc gia là ngày nào?",
  options: ["01/10", { text: "10/10", correct: true }, "10/11", "11/11"],
};

describe("reading questions from Word", () => {
  it.each<AnswerStyle>(["bold", "boldLetter", "underline", "star", "starAfter", "line"])(
    "reads the right answer marked by %s",
    async (answerStyle) => {
      const table = await read([{ ...ndLoc, answerStyle }]);
      expect(problems(table)).toEqual([]);
      expect(table.lineKind).toBe("question");
      expect(table.rows).toHaveLength(1);
      expect(table.rows[0].line).toBe(1);
      expect(cell(table, 0, "Đáp án đúng")).toBe("B");
      expect(cell(table, 0, "Phương án B")).toBe("10/10");
      const { inputs, problems: parseProblems } = parsed(table);
      expect(parseProblems).toEqual([]);
      expect(inputs[0]).toMatchObject({
        code: "W-001",
        category: "CCHC",
        kind: "single",
        prompt: "Ngày Chuyển đổi số quốc gia là ngày nào?",
        options: [
          { text: "01/10", correct: false },
          { text: "10/10", correct: true },
          { text: "10/11", correct: false },
          { text: "11/11", correct: false },
        ],
      });
    },
  );

  it("reads every way of writing “Câu N”, a prompt over two paragraphs and the optional lines", async () => {
    const table = await read([
      {
        number: 3,
        head: "dot",
        prompt: [
          "Nghị quyết 76/NQ-CP về Chương trình tổng thể cải cách hành chính",
          "được ban hành ngày nào?",
        ],
        options: ["06/01/2022", { text: "15/7/2021", correct: true }, "23/4/2018", "22/4/2022"],
        explanation: "Chính phủ ban hành Nghị quyết 76/NQ-CP ngày 15/7/2021.",
        legalSource: "Nghị quyết 76/NQ-CP ngày 15/7/2021",
        category: "Cải cách hành chính",
        code: "CCHC-76",
        difficulty: "Dễ",
      },
      {
        number: 4,
        head: "dash",
        prompt: "Mỗi tổ dân phố được thành lập bao nhiêu Tổ công nghệ số cộng đồng?",
        options: [{ text: "01", correct: true }, "02", "03"],
      },
      {
        number: 5,
        head: "hoi",
        prompt: "Chữ ký số không bảo đảm điều nào?",
        options: ["Tính xác thực", "Tính toàn vẹn", { text: "Tính bí mật", correct: true }],
        category: "CDS",
      },
    ]);
    expect(problems(table)).toEqual([]);
    expect(table.rows.map((r) => r.line)).toEqual([3, 4, 5]);
    expect(cell(table, 0, "Câu hỏi")).toBe(
      "Nghị quyết 76/NQ-CP về Chương trình tổng thể cải cách hành chính\nđược ban hành ngày nào?",
    );
    expect(cell(table, 0, "Giải thích")).toBe("Chính phủ ban hành Nghị quyết 76/NQ-CP ngày 15/7/2021.");
    expect(cell(table, 0, "Căn cứ pháp lý")).toBe("Nghị quyết 76/NQ-CP ngày 15/7/2021");
    expect(cell(table, 0, "Độ khó")).toBe("Dễ");
    const { inputs, problems: parseProblems } = parsed(table);
    expect(parseProblems).toEqual([]);
    expect(inputs.map((q) => [q.code, q.category, q.difficulty])).toEqual([
      ["CCHC-76", "CCHC", "easy"],
      ["W-001", "CCHC", "medium"],
      ["W-002", "CDS", "medium"],
    ]);
    expect(inputs[2].options.map((o) => o.correct)).toEqual([false, false, true]);
  });

  it("reads options on one line separated by Tabs, and the kinds: several answers, Đúng/Sai", async () => {
    const table = await read([
      {
        prompt: "Ba trụ cột của chuyển đổi số là gì? (chọn các đáp án đúng)",
        options: [
          { text: "Chính quyền số", correct: true },
          { text: "Kinh tế số", correct: true },
          { text: "Xã hội số", correct: true },
          "Thuế số",
        ],
        oneLine: true,
        answerStyle: "line",
      },
      {
        prompt: "Tài khoản định danh điện tử mức độ 2 có giá trị như thẻ Căn cước công dân.",
        options: [{ text: "Đúng", correct: true }, "Sai"],
        oneLine: true,
        answerStyle: "star",
      },
    ]);
    expect(problems(table)).toEqual([]);
    expect(cell(table, 0, "Phương án D")).toBe("Thuế số");
    expect(cell(table, 0, "Đáp án đúng")).toBe("A,B,C");
    const { inputs, problems: parseProblems } = parsed(table);
    expect(parseProblems).toEqual([]);
    expect(inputs.map((q) => q.kind)).toEqual(["multiple", "true_false"]);
    expect(inputs[0].options.map((o) => [o.text, o.correct])).toEqual([
      ["Chính quyền số", true],
      ["Kinh tế số", true],
      ["Xã hội số", true],
      ["Thuế số", false],
    ]);
    expect(inputs[1].options).toMatchObject([
      { text: "Đúng", correct: true },
      { text: "Sai", correct: false },
    ]);
  });

  it("reads options written with 2+ spaces, “A)” and lower-case letters", async () => {
    const file = await wordFile([], {
      after: [
        new Paragraph("Câu 1: Cổng Dịch vụ công quốc gia có địa chỉ nào?"),
        new Paragraph("a) dichvucongquocgia.gov.vn    b) dichvucong.gov.vn"),
        new Paragraph("c) dichvucong.vn    d) congdichvu.gov.vn"),
        new Paragraph("Đáp án: B"),
      ],
    });
    const table = await readWordQuestions(file, opts);
    expect(problems(table)).toEqual([]);
    expect(["A", "B", "C", "D"].map((l) => cell(table, 0, `Phương án ${l}`))).toEqual([
      "dichvucongquocgia.gov.vn",
      "dichvucong.gov.vn",
      "dichvucong.vn",
      "congdichvu.gov.vn",
    ]);
    expect(cell(table, 0, "Đáp án đúng")).toBe("B");
  });

  it("reads questions and options numbered by Word itself (a numbered list)", async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: "questions",
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: "Câu %1:" },
              { level: 1, format: LevelFormat.UPPER_LETTER, text: "%2." },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph("ĐỀ THI TÌM HIỂU CHUYỂN ĐỔI SỐ"),
            new Paragraph({ numbering: { reference: "questions", level: 0 }, text: ndLoc.prompt as string }),
            ...["01/10", "10/10", "10/11"].map(
              (text) =>
                new Paragraph({
                  numbering: { reference: "questions", level: 1 },
                  children: [new TextRun({ text, bold: text === "10/10" })],
                }),
            ),
            new Paragraph("Giải thích: Quyết định 505/QĐ-TTg lấy ngày 10/10 hằng năm."),
            new Paragraph({
              numbering: { reference: "questions", level: 0 },
              text: "Mỗi thôn, tổ dân phố được thành lập bao nhiêu Tổ công nghệ số cộng đồng?",
            }),
            ...["01", "02"].map(
              (text) => new Paragraph({ numbering: { reference: "questions", level: 1 }, text }),
            ),
            new Paragraph("Đáp án: A"),
          ],
        },
      ],
    });
    const table = await readWordQuestions(await Packer.toBuffer(doc), opts);
    expect(problems(table)).toEqual([]);
    expect(table.rows.map((r) => r.line)).toEqual([1, 2]);
    const { inputs, problems: parseProblems } = parsed(table);
    expect(parseProblems).toEqual([]);
    expect(inputs.map((q) => q.options.map((o) => (o.correct ? `*${o.text}` : o.text)))).toEqual([
      ["01/10", "*10/10", "10/11"],
      ["*01", "02"],
    ]);
    expect(inputs[0].explanation).toBe("Quyết định 505/QĐ-TTg lấy ngày 10/10 hằng năm.");
  });

  it("reads a question laid out in a table, options after Shift+Enter, an answer line with the option's text", async () => {
    const cellOf = (...children: Paragraph[]) => new TableCell({ children });
    const file = await wordFile([], {
      after: [
        new Table({
          rows: [
            new TableRow({
              children: [cellOf(new Paragraph("Câu 1")), cellOf(new Paragraph(ndLoc.prompt as string))],
            }),
            new TableRow({
              children: [cellOf(new Paragraph("A. 01/10")), cellOf(new Paragraph("B. 10/10"))],
            }),
          ],
        }),
        new Paragraph("Đáp án: B. 10/10"),
        new Paragraph({
          children: [
            new TextRun("Câu 2: Luật Giao dịch điện tử 2023 có hiệu lực từ ngày nào?"),
            new TextRun({ text: "A. 01/01/2024", break: 1 }),
            new TextRun({ text: "B. 01/7/2024", break: 1, underline: {} }),
            new TextRun({ text: "(Luật số 20/2023/QH15)", break: 1, underline: {} }),
          ],
        }),
        new Paragraph("Câu 3: Chữ ký số bảo đảm tính bí mật của văn bản."),
        new Paragraph("A. Đúng"),
        new Paragraph("B. Sai"),
        new Paragraph("Đáp án: Sai"),
      ],
    });
    const table = await readWordQuestions(file, opts);
    expect(problems(table)).toEqual([]);
    expect(cell(table, 0, "Câu hỏi")).toBe(ndLoc.prompt);
    expect(cell(table, 0, "Đáp án đúng")).toBe("B");
    expect(cell(table, 1, "Phương án B")).toBe("01/7/2024 (Luật số 20/2023/QH15)");
    expect(cell(table, 1, "Đáp án đúng")).toBe("B");
    expect(cell(table, 2, "Đáp án đúng")).toBe("B");
    expect(cell(table, 2, "Loại")).toBe("Đúng/Sai");
  });

  it("takes bold on every option as the document's style, and skips headings and footnotes", async () => {
    const file = await wordFile([], {
      after: [
        new Paragraph({ heading: HeadingLevel.HEADING_1, text: "PHẦN I. CHUYỂN ĐỔI SỐ" }),
        new Paragraph({ heading: HeadingLevel.HEADING_2, text: "Câu 1: " + (ndLoc.prompt as string) }),
        ...["A. 01/10", "B. 10/10", "C. 10/11"].map(
          (text) => new Paragraph({ children: [new TextRun({ text, bold: true })] }),
        ),
        new Paragraph("Đáp án: B"),
        new Paragraph("Giải thích: Quyết định 505/QĐ-TTg"),
        new Paragraph({ heading: HeadingLevel.HEADING_1, text: "PHẦN II. CẢI CÁCH HÀNH CHÍNH" }),
        new Paragraph({
          children: [
            new TextRun("Câu 2: Cổng Dịch vụ công quốc gia có địa chỉ nào?"),
            new FootnoteReferenceRun(1),
          ],
        }),
        new Paragraph("A. dichvucong.gov.vn *"),
        new Paragraph("B. dichvucong.vn"),
      ],
      footnotes: { 1: { children: [new Paragraph("Khai trương ngày 09/12/2019.")] } },
    });
    const table = await readWordQuestions(file, opts);
    expect(problems(table)).toEqual([]);
    expect(table.rows.map((r) => cell(table, table.rows.indexOf(r), "Đáp án đúng"))).toEqual(["B", "A"]);
    expect(cell(table, 0, "Giải thích")).toBe("Quyết định 505/QĐ-TTg");
    expect(cell(table, 1, "Phương án B")).toBe("dichvucong.vn");
  });

  it("reports options out of order, a number used twice and a cell over the length limit", async () => {
    const table = await read(
      [
        { ...ndLoc, number: 1 },
        { ...ndLoc, number: 1 },
        { ...ndLoc, number: 2, prompt: "Câu hỏi rất dài ".repeat(200) },
      ],
      undefined,
    );
    const file = await wordFile([], {
      after: [
        new Paragraph("Câu 7: Ngày Chuyển đổi số quốc gia?"),
        new Paragraph("A. 01/10"),
        new Paragraph({ children: [new TextRun({ text: "C. 10/10", bold: true })] }),
      ],
    });
    expect(problems(table)).toEqual([
      { line: 1, text: expect.stringContaining("Số câu 1 có ở nhiều câu trong tệp") },
      { line: 2, text: expect.stringContaining("Ô ở cột “Câu hỏi” dài 3.199 ký tự") },
    ]);
    expect(problems(await readWordQuestions(file, opts))).toEqual([
      { line: 7, text: "Phương án “C.” đứng sai thứ tự: phương án tiếp theo phải là “B.”." },
    ]);
  });

  it("reads text typed as combining marks (Unikey's “Unicode tổ hợp”) and “Đáp án đúng là:”", async () => {
    const nfd = (text: string) => new Paragraph(text.normalize("NFD"));
    const file = await wordFile([], {
      after: [
        nfd("Câu 1: Ngày Chuyển đổi số quốc gia là ngày nào?"),
        nfd("A. 01/10"),
        nfd("B. 10/10"),
        nfd("Đáp án đúng là: B"),
      ],
    });
    const table = await readWordQuestions(file, opts);
    expect(problems(table)).toEqual([]);
    expect(cell(table, 0, "Câu hỏi")).toBe("Ngày Chuyển đổi số quốc gia là ngày nào?");
    expect(cell(table, 0, "Đáp án đúng")).toBe("B");
  });

  it("names the old TCVN3 font when that is why no question is found", async () => {
    const file = await wordFile([], {
      before: ["C©u 1: Ngµy chuyÓn ®æi sè quèc gia lµ ngµy nµo?", "A. 01/10"],
    });
    await expect(readWordQuestions(file, opts)).rejects.toMatchObject({ code: "wordImport.oldFont" });
  });

  it("ignores the title and text before “Câu 1”", async () => {
    const table = await read(
      [ndLoc],
      ["ĐỀ THI TÌM HIỂU CHUYỂN ĐỔI SỐ", "A. Phần trắc nghiệm", "Thời gian làm bài: 20 phút"],
    );
    expect(problems(table)).toEqual([]);
    expect(table.rows).toHaveLength(1);
    expect(cell(table, 0, "Câu hỏi")).toBe("Ngày Chuyển đổi số quốc gia là ngày nào?");
  });

  it("gives generated codes that skip the bank's codes and the file's own", async () => {
    const table = await read([ndLoc, { ...ndLoc, code: "W-003" }, ndLoc, ndLoc], undefined, {
      ...opts,
      takenCodes: new Set(["W-001", "W-004"]),
    });
    expect(table.rows.map((_, i) => cell(table, i, "Mã"))).toEqual(["W-002", "W-003", "W-005", "W-006"]);
  });

  it("puts a picture with alternative text in table.images and its cells, for the question and an option", async () => {
    const png = await pngPicture("#0f766e", "10/10");
    const flag = await pngPicture("#b91c1c", "B");
    const table = await read([
      {
        ...ndLoc,
        picture: { png, alt: "Biểu trưng Ngày Chuyển đổi số quốc gia 10/10" },
        options: [
          "01/10",
          { text: "10/10", correct: true, picture: { png: flag, alt: "Tờ lịch ngày 10/10" } },
          "10/11",
        ],
      },
    ]);
    expect(problems(table)).toEqual([]);
    expect(cell(table, 0, "Hình ảnh")).toBe("upload:1");
    expect(cell(table, 0, "Mô tả hình ảnh")).toBe("Biểu trưng Ngày Chuyển đổi số quốc gia 10/10");
    expect(cell(table, 0, "Hình ảnh B")).toBe("upload:2");
    expect(cell(table, 0, "Mô tả hình ảnh B")).toBe("Tờ lịch ngày 10/10");
    expect(cell(table, 0, "Hình ảnh A")).toBe("");
    expect(cell(table, 0, "Phương án B")).toBe("10/10");
    expect(Buffer.from(table.images!.get("upload:1")!)).toEqual(png);
    expect(Buffer.from(table.images!.get("upload:2")!)).toEqual(flag);
    const headers = table.headers.map(normaliseHeader);
    for (const h of ["Hình ảnh", "Mô tả hình ảnh", "Hình ảnh F", "Mô tả hình ảnh F", ...QUESTION_HEADERS])
      expect(headers.filter((x) => x === normaliseHeader(h))).toHaveLength(1);
  });

  it("reports a picture without alternative text, and two pictures for one question", async () => {
    const png = await pngPicture();
    const file = await wordFile(
      [
        { ...ndLoc, picture: { png } },
        { ...ndLoc, options: ["01/10", { text: "10/10", correct: true, picture: { png } }] },
      ],
      {
        after: [
          new Paragraph("Câu 3: Câu có hai hình?"),
          new Paragraph({
            children: [pictureRun({ png, alt: "Hình một" }), pictureRun({ png, alt: "Hình hai" })],
          }),
          new Paragraph({ children: [new TextRun({ text: "A. Có", bold: true })] }),
          new Paragraph("B. Không"),
        ],
      },
    );
    const table = await readWordQuestions(file, opts);
    expect(problems(table)).toEqual([
      { line: 1, text: expect.stringContaining("Hình trong câu này chưa có mô tả (Alt Text)") },
      { line: 2, text: expect.stringContaining("Hình ở phương án B chưa có mô tả") },
      { line: 3, text: "Câu hỏi có 2 hình; mỗi câu hỏi chỉ được một hình." },
    ]);
    expect(table.rows).toEqual([]);
    expect(table.images?.size).toBe(0);
  });

  it("reports marks that disagree and a question with no mark, by question number", async () => {
    const table = await read([
      { ...ndLoc, answerStyle: "bold", answerLine: "C" },
      { ...ndLoc, answerStyle: "none" },
      { ...ndLoc, answerStyle: "underline" },
    ]);
    expect(problems(table)).toEqual([
      {
        line: 1,
        text: "Các cách đánh dấu đáp án đúng không khớp nhau (in đậm: B; gạch chân: —; dấu *: —; dòng “Đáp án”: C). Hãy chỉ dùng một cách.",
      },
      { line: 2, text: expect.stringContaining("Câu này chưa đánh dấu đáp án đúng") },
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([3]);
  });

  it("reports a question with no options, options without a question and a line it cannot place", async () => {
    const file = await wordFile([], {
      after: [
        new Paragraph("Câu 1: Câu hỏi không có phương án?"),
        new Paragraph("Câu 2: Ngày Chuyển đổi số quốc gia là ngày nào?"),
        new Paragraph("A. 01/10"),
        new Paragraph({ children: [new TextRun({ text: "B. 10/10", bold: true })] }),
        new Paragraph("Đáp án: B"),
        new Paragraph("A. Phương án của câu bị thiếu dòng Câu"),
        new Paragraph("B. Phương án khác"),
        new Paragraph("Câu 3: Chữ ký số dùng gì?"),
        new Paragraph("A. Mật khẩu dùng chung"),
        new Paragraph("B. Cặp khóa bất đối xứng *"),
        new Paragraph("Ghi chú riêng của người soạn"),
      ],
    });
    const table = await readWordQuestions(file, opts);
    expect(problems(table)).toEqual([
      { line: 1, text: expect.stringContaining("Câu này chưa có phương án nào") },
      { line: 2, text: expect.stringContaining("Sau câu này có phương án “A.” không thuộc câu hỏi nào") },
      { line: 3, text: expect.stringContaining("Không hiểu dòng “Ghi chú riêng của người soạn”") },
    ]);
  });

  it("refuses a file that is not a Word document, and one with no questions", async () => {
    expect(isWordDocument(new TextEncoder().encode("Mã;Câu hỏi\n"))).toBe(false);
    await expect(readWordQuestions(new TextEncoder().encode("Câu 1: x"), opts)).rejects.toMatchObject({
      code: "import.notWord",
    });
    const broken = await wordFile([ndLoc]);
    await expect(readWordQuestions(broken.subarray(0, broken.length - 200), opts)).rejects.toMatchObject({
      code: "import.notWord",
    });
    await expect(
      readWordQuestions(await wordFile([], { before: ["Chỉ có tiêu đề"] }), opts),
    ).rejects.toMatchObject({
      code: "wordImport.noQuestions",
    });
  });

  it("reads the sample file back with no problems", async () => {
    const sample = await questionWordSample();
    expect(isWordDocument(sample)).toBe(true);
    const table = await readWordQuestions(sample, opts);
    expect(problems(table)).toEqual([]);
    expect(table.rows).toHaveLength(7);
    expect(table.images?.size).toBe(1);
    expect(cell(table, 6, "Hình ảnh")).toBe("upload:1");
    expect(cell(table, 6, "Mô tả hình ảnh")).not.toBe("");
    const { inputs, problems: parseProblems } = parsed({
      ...table,
      rows: table.rows.filter((r) => !r.cells.some((c) => c.startsWith("upload:"))),
    });
    expect(parseProblems).toEqual([]);
    expect(inputs).toHaveLength(6);
  });
});

import mammoth from "mammoth";
import { inflateRawSync } from "node:zlib";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { questionOptions, questions } from "#db/schema";
import { createContest, createQuestion, createUser, createWard } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { preparePicture, storePictures } from "./images.server";
import {
  answerKeyDocx,
  bankPaper,
  contestPaper,
  loadPaperPictures,
  paperFile,
  questionPaperDocx,
  type PaperHeading,
  type PaperQuestion,
} from "./question-paper.server";

const QUESTIONS: PaperQuestion[] = [
  {
    kind: "single",
    prompt: "Cổng Dịch vụ công quốc gia có địa chỉ nào?",
    explanation: "Địa chỉ chính thức là dichvucong.gov.vn.",
    legalSource: "Nghị định 42/2022/NĐ-CP ngày 24/6/2022",
    options: [
      { text: "dichvucong.vn", isCorrect: false },
      { text: "dichvucong.gov.vn", isCorrect: true },
      { text: "congdichvu.gov.vn", isCorrect: false },
    ],
  },
  {
    kind: "multiple",
    prompt: "Những giấy tờ nào được tích hợp vào ứng dụng VNeID?",
    explanation: "Giấy phép lái xe và thẻ bảo hiểm y tế đều tích hợp được.",
    legalSource: "Quyết định 06/QĐ-TTg ngày 06/01/2022",
    options: [
      { text: "Giấy phép lái xe", isCorrect: true },
      { text: "Sổ hộ khẩu giấy", isCorrect: false },
      { text: "Thẻ bảo hiểm y tế", isCorrect: true },
      { text: "Giấy khai sinh bản gốc", isCorrect: false },
    ],
  },
  {
    kind: "true_false",
    prompt: "Người dân có thể nộp hồ sơ trực tuyến vào ngày nghỉ.",
    explanation: null,
    legalSource: null,
    options: [
      { text: "Đúng", isCorrect: true },
      { text: "Sai", isCorrect: false },
    ],
  },
];

const HEADING: PaperHeading = {
  wardName: "Phường Hòa Thuận",
  title: "Hội thi tìm hiểu chuyển đổi số năm 2026",
  paperNo: 2,
  timeLimitMinutes: 15,
};

const toBuffer = (bytes: Uint8Array) => Buffer.from(bytes);

/** Read back with mammoth, a reader written apart from the docx writer. */
async function read(bytes: Uint8Array) {
  const alts: string[] = [];
  const { value: html } = await mammoth.convertToHtml(
    { buffer: toBuffer(bytes) },
    {
      convertImage: mammoth.images.imgElement(async (image) => {
        // mammoth's typings omit the alt text it reads from the drawing's properties
        alts.push(String((image as { altText?: string }).altText));
        return { src: `data:${image.contentType};base64,${await image.readAsBase64String()}` };
      }),
    },
  );
  const { value: text } = await mammoth.extractRawText({ buffer: toBuffer(bytes) });
  return { html, text, alts };
}

/** One part of the .docx (a zip), found through its central directory and inflated. */
function part(bytes: Uint8Array, name: string) {
  const buf = Buffer.from(bytes);
  let at = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = buf.readUInt16LE(at + 10);
  at = buf.readUInt32LE(at + 16);
  for (let i = 0; i < entries; i++) {
    const [method, size, nameLen, extraLen, commentLen, local] = [
      buf.readUInt16LE(at + 10),
      buf.readUInt32LE(at + 20),
      buf.readUInt16LE(at + 28),
      buf.readUInt16LE(at + 30),
      buf.readUInt16LE(at + 32),
      buf.readUInt32LE(at + 42),
    ];
    if (buf.toString("utf8", at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`no ${name} in the file`);
}

async function png(width: number, height: number) {
  const data = await sharp({ create: { width, height, channels: 3, background: "#1d4ed8" } })
    .png()
    .toBuffer();
  return { png: new Uint8Array(data), width, height };
}

describe("the printable question paper", () => {
  it("numbers the questions and letters the options, with the heading and the candidate's line", async () => {
    const { text } = await read(await questionPaperDocx(QUESTIONS, HEADING));
    expect(text).toContain("PHƯỜNG HÒA THUẬN");
    expect(text).toContain("ĐỀ THI");
    expect(text).toContain("Hội thi tìm hiểu chuyển đổi số năm 2026");
    expect(text).toContain("Đề số 2");
    expect(text).toContain("Thời gian làm bài: 15 phút");
    expect(text).toMatch(/Họ và tên:.*Đơn vị:/);
    QUESTIONS.forEach((q, i) => expect(text).toContain(`Câu ${i + 1}. ${q.prompt}`));
    expect(text).toContain("A. dichvucong.vn");
    expect(text).toContain("B. dichvucong.gov.vn");
    expect(text).toContain("D. Giấy khai sinh bản gốc");
    expect(text).toContain("A. Đúng");
    expect(text).toContain("B. Sai");
  });

  it("gives a multiple-answer question its tick-box line and the others none", async () => {
    const { text } = await read(await questionPaperDocx(QUESTIONS, HEADING));
    const lines = text.split("\n").filter((l) => l.includes("Chọn tất cả đáp án đúng"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/☐ A\s+☐ B\s+☐ C\s+☐ D/);
    const [second, third] = [text.indexOf("Câu 2."), text.indexOf("Câu 3.")];
    expect(text.indexOf("Chọn tất cả đáp án đúng")).toBeGreaterThan(second);
    expect(text.indexOf("Chọn tất cả đáp án đúng")).toBeLessThan(third);
  });

  it("shows no answer, explanation or legal source anywhere", async () => {
    const bytes = await questionPaperDocx(QUESTIONS, HEADING);
    const { text, html } = await read(bytes);
    for (const hidden of [
      "Đáp án",
      "Giải thích",
      "Căn cứ pháp lý",
      "Nghị định 42/2022",
      "dichvucong.gov.vn.",
    ])
      expect(text).not.toContain(hidden);
    // No mark of the right option either: every option is set the same way.
    expect(html).not.toMatch(/<(u|em)>[^<]*dichvucong\.gov\.vn/);
    const xml = part(bytes, "word/document.xml");
    expect(xml).not.toContain("Giải thích");
  });

  it("is A4 with 2 cm margins in Times New Roman 13 pt and numbers its pages", async () => {
    const bytes = await questionPaperDocx(QUESTIONS, HEADING);
    const xml = part(bytes, "word/document.xml");
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/);
    const styles = part(bytes, "word/styles.xml");
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:docDefaults>.*<w:sz w:val="26"\/>/s);
    expect(part(bytes, "word/footer1.xml")).toMatch(/PAGE.*NUMPAGES/s);
  });

  it("puts a question's and an option's picture in, scaled to 8 cm at most, with their alternative text", async () => {
    const withPictures: PaperQuestion[] = [
      {
        ...QUESTIONS[0],
        image: { key: "q", alt: "Ảnh chụp trang chủ Cổng Dịch vụ công" },
        options: QUESTIONS[0].options.map((o, i) =>
          i === 1 ? { ...o, image: { key: "o", alt: "Biểu tượng ổ khóa" } } : o,
        ),
      },
      { ...QUESTIONS[1], image: { key: "missing", alt: "Không có trong kho" } },
    ];
    const pictures = new Map([
      ["q", await png(800, 400)],
      ["o", await png(120, 120)],
    ]);
    const bytes = await questionPaperDocx(withPictures, HEADING, pictures);
    const { html, alts } = await read(bytes);
    expect(alts).toEqual(["Ảnh chụp trang chủ Cổng Dịch vụ công", "Biểu tượng ổ khóa"]);
    expect(html.match(/<img /g)).toHaveLength(2);
    const sizes = [...part(bytes, "word/document.xml").matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"/g)].map(
      ([, cx, cy]) => [Number(cx) / 360_000, Number(cy) / 360_000],
    );
    expect(sizes[0][0]).toBeCloseTo(8, 1);
    expect(sizes[0][1]).toBeCloseTo(4, 1);
    expect(sizes[1][0]).toBeLessThanOrEqual(8);
  });
});

describe("the answer key", () => {
  it("has the quick-marking table at the top with each question's letters", async () => {
    const { html } = await read(await answerKeyDocx(QUESTIONS, HEADING));
    const table = html.slice(html.indexOf("<table>"), html.indexOf("</table>"));
    const cells = [...table.matchAll(/<t[dh]>(?:<p>)?(?:<strong>)?([^<]*)/g)].map(([, c]) => c);
    expect(cells.slice(0, 2)).toEqual(["Câu", "Đáp án"]);
    expect(cells.slice(10, 16)).toEqual(["1", "B", "2", "A, C", "3", "A"]);
    expect(html.indexOf("<table>")).toBeLessThan(html.indexOf("Câu 1."));
  });

  it("gives the same numbering with the right letters, explanation and legal source", async () => {
    const { text } = await read(await answerKeyDocx(QUESTIONS, HEADING));
    expect(text).toContain("ĐÁP ÁN");
    expect(text).toContain("Đề số 2");
    expect(text).toContain("Câu 1. Cổng Dịch vụ công quốc gia có địa chỉ nào?");
    expect(text).toContain("Đáp án: B (B. dichvucong.gov.vn)");
    expect(text).toContain("Giải thích: Địa chỉ chính thức là dichvucong.gov.vn.");
    expect(text).toContain("Căn cứ pháp lý: Nghị định 42/2022/NĐ-CP ngày 24/6/2022");
    expect(text).toContain("Đáp án: A, C (A. Giấy phép lái xe; C. Thẻ bảo hiểm y tế)");
    expect(text).toContain("Đáp án: A (A. Đúng)");
    expect(text).not.toContain("Họ và tên");
  });

  it("is named after the contest and its paper number", async () => {
    expect((await paperFile("paper", { questions: QUESTIONS, heading: HEADING })).filename).toBe(
      "Đề thi - Hội thi tìm hiểu chuyển đổi số năm 2026 (Đề số 2).docx",
    );
    const fixed = { ...HEADING, paperNo: null };
    expect((await paperFile("key", { questions: QUESTIONS, heading: fixed })).filename).toBe(
      "Đáp án - Hội thi tìm hiểu chuyển đổi số năm 2026.docx",
    );
  });
});

describe("papers from the bank and from contests", () => {
  let db: Db;
  beforeEach(async () => {
    ({ db } = await createTestDb());
    await createWard(db, { name: "Phường Hòa Thuận" });
  });

  it("prints the bank with the list's filters under the ward's name", async () => {
    await createQuestion(db, { prompt: "Câu CCHC đang dùng?", category: "CCHC" });
    await createQuestion(db, { prompt: "Câu CĐS đang dùng?", category: "CDS" });
    await createQuestion(db, { prompt: "Câu đã ngừng dùng?", category: "CCHC", status: "retired" });
    const paper = await bankPaper(db, { category: "CCHC", status: "active" });
    expect(paper.questions.map((q) => q.prompt)).toEqual(["Câu CCHC đang dùng?"]);
    expect(paper.heading).toMatchObject({ wardName: "Phường Hòa Thuận", title: "Ngân hàng câu hỏi" });
  });

  it("prints a fixed list in its order, options unshuffled, without a paper number, questions retired since included", async () => {
    const qs = [];
    for (let i = 1; i <= 4; i++)
      qs.push(
        await createQuestion(db, { prompt: `Câu cố định ${i}?`, status: i === 3 ? "historical" : "active" }),
      );
    const order = [qs[2].id, qs[0].id, qs[3].id];
    const contest = await createContest(db, {
      title: "Thi theo danh sách",
      timeLimitSec: 900,
      draw: { mode: "fixed", questionIds: order },
    });
    const paper = await contestPaper(db, contest.id, 7);
    expect(paper.questions.map((q) => q.prompt)).toEqual([
      "Câu cố định 3?",
      "Câu cố định 1?",
      "Câu cố định 4?",
    ]);
    expect(paper.questions[0].options.map((o) => o.text)).toEqual([
      "Đáp án đúng",
      "Đáp án sai 1",
      "Đáp án sai 2",
      "Đáp án sai 3",
    ]);
    expect(paper.heading).toMatchObject({
      paperNo: null,
      timeLimitMinutes: 15,
      wardName: "Phường Hòa Thuận",
    });
  });

  it("draws N per category repeatably: the same paper number gives the same paper, and its key matches", async () => {
    for (let i = 1; i <= 12; i++)
      await createQuestion(db, {
        prompt: `Câu ${i % 2 ? "CCHC" : "CDS"} số ${i}?`,
        category: i % 2 ? "CCHC" : "CDS",
      });
    const contest = await createContest(db, {
      draw: {
        mode: "category",
        rules: [
          { category: "CCHC", count: 3 },
          { category: "CDS", count: 2 },
        ],
      },
    });
    const first = await contestPaper(db, contest.id, 1);
    const again = await contestPaper(db, contest.id, 1);
    expect(again.questions).toEqual(first.questions);
    expect(first.questions).toHaveLength(5);
    expect(first.questions.filter((q) => q.prompt.includes("CCHC"))).toHaveLength(3);
    expect(first.heading.paperNo).toBe(1);
    // Every option keeps its own right/wrong mark through the option shuffle.
    for (const q of first.questions) expect(q.options.find((o) => o.isCorrect)?.text).toBe("Đáp án đúng");
    const others = await Promise.all([2, 3, 4].map((n) => contestPaper(db, contest.id, n)));
    expect(others.some((o) => JSON.stringify(o.questions) !== JSON.stringify(first.questions))).toBe(true);

    const paperText = (await read(await questionPaperDocx(first.questions, first.heading))).text;
    const keyText = (await read(await answerKeyDocx(again.questions, again.heading))).text;
    first.questions.forEach((q, i) => {
      expect(paperText).toContain(`Câu ${i + 1}. ${q.prompt}`);
      expect(keyText).toContain(`Câu ${i + 1}. ${q.prompt}`);
    });
  });

  it("prints the bank's stored pictures (WebP) as PNG under the prompt and beside the option", async () => {
    const organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" as const };
    const photo = await sharp({ create: { width: 600, height: 300, channels: 3, background: "#15803d" } })
      .jpeg()
      .toBuffer();
    const icon = await sharp({ create: { width: 64, height: 64, channels: 4, background: "#b91c1c" } })
      .png()
      .toBuffer();
    const [big, small] = await storePictures(
      db,
      [await preparePicture(new Uint8Array(photo)), await preparePicture(new Uint8Array(icon))],
      organiser,
    );
    const q = await createQuestion(db, { prompt: "Biển báo trong ảnh có ý nghĩa gì?", category: "DVC" });
    await db
      .update(questions)
      .set({ image: { ...big, alt: "Ảnh biển báo trước trụ sở phường" } })
      .where(eq(questions.id, q.id));
    await db
      .update(questionOptions)
      .set({ image: { ...small, alt: "Ô vuông màu đỏ" } })
      .where(eq(questionOptions.id, q.options[1].id));

    const paper = await bankPaper(db, { category: "DVC" });
    const pictures = await loadPaperPictures(db, paper.questions);
    expect([...pictures.keys()].sort()).toEqual([big.key, small.key].sort());
    const loaded = pictures.get(big.key)!;
    expect([...loaded.png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect([loaded.width, loaded.height]).toEqual([600, 300]);
    const { alts, html } = await read(await questionPaperDocx(paper.questions, paper.heading, pictures));
    expect(alts).toEqual(["Ảnh biển báo trước trụ sở phường", "Ô vuông màu đỏ"]);
    expect(html).toMatch(/Đáp án sai 1<br \/><img /);
  });

  it("refuses a contest that is not a quiz", async () => {
    const stage = await createContest(db, { kind: "stage" });
    await expect(contestPaper(db, stage.id, 1)).rejects.toMatchObject({
      code: "contest.notFound",
      status: 404,
    });
  });
});

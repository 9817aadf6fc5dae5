/**
 * Printable Word papers (issue 19, item 3): the question paper (đề thi) a
 * candidate writes on, and its answer key (đáp án) for the markers, from the
 * bank with the list's filters or from a contest's draw. A4, 2 cm margins,
 * Times New Roman 13 pt, as Vietnamese administrative documents are set.
 */
import { createHash } from "node:crypto";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LeaderType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { contests, wards } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { drawQuestions, type RandomInt } from "./draw.server";
import { picturesAsPng } from "./images.server";
import { listQuestions, OPTION_LETTERS, type QuestionFilters } from "./question-bank.server";

export type PaperPicture = { key: string; alt: string };

/** A question as printed: plain data, whether it comes from the bank or from a contest's draw. */
export type PaperQuestion = {
  kind: "single" | "multiple" | "true_false";
  prompt: string;
  explanation: string | null;
  legalSource: string | null;
  image?: PaperPicture | null;
  options: { text: string; isCorrect: boolean; image?: PaperPicture | null }[];
};

export type PaperHeading = {
  /** The ward as of the contest (contests keep the name they were held under). */
  wardName: string;
  title: string;
  /** Đề số: which draw of a contest that draws N per category; null for a fixed list or the bank. */
  paperNo?: number | null;
  timeLimitMinutes?: number | null;
};

/** Pictures already loaded and converted, by their key. */
export type PaperPictures = Map<string, { png: Uint8Array; width: number; height: number }>;

const FONT = "Times New Roman";
const SIZE = 26; // half-points: 13 pt
/** Millimetres in twips, rounded (docx's own helper truncates: A4 came out 11905 × 16837). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const MARGIN = mm(20);
const TEXT_WIDTH = mm(210 - 40);
const INDENT = mm(6);
/** Pictures are scaled (in 96 dpi pixels, docx's unit) to at most 8 cm wide, an option's to 5 cm. */
const PX_PER_CM = 96 / 2.54;
const QUESTION_PICTURE = { width: 8 * PX_PER_CM, height: 10 * PX_PER_CM };
const OPTION_PICTURE = { width: 5 * PX_PER_CM, height: 6 * PX_PER_CM };

const letters = (q: PaperQuestion) =>
  q.options.flatMap((o, i) => (o.isCorrect ? [OPTION_LETTERS[i]] : [])).join(", ");

function picture(
  image: PaperPicture | null | undefined,
  pictures: PaperPictures,
  box: { width: number; height: number },
) {
  const loaded = image ? pictures.get(image.key) : undefined;
  if (!image || !loaded) return null;
  const scale = Math.min(1, box.width / loaded.width, box.height / loaded.height);
  return new ImageRun({
    type: "png",
    data: loaded.png,
    transformation: {
      width: Math.max(1, Math.round(loaded.width * scale)),
      height: Math.max(1, Math.round(loaded.height * scale)),
    },
    altText: { description: image.alt, name: image.alt, title: image.alt },
  });
}

const text = (t: string, style: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: t, ...style });

const centred = (children: ParagraphChild[], after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });

/** The top of both papers: the ward, what the paper is, the contest, đề số and time allowed. */
function headingBlock(heading: PaperHeading, what: "ĐỀ THI" | "ĐÁP ÁN", count: number) {
  const blocks = [
    centred([text(heading.wardName.toLocaleUpperCase("vi"), { bold: true })]),
    centred([text("BAN TỔ CHỨC", { bold: true })], 240),
    centred([text(what, { bold: true, size: 32 })]),
    centred([text(heading.title, { bold: true })]),
  ];
  if (heading.paperNo) blocks.push(centred([text(`Đề số ${heading.paperNo}`, { bold: true })]));
  if (heading.timeLimitMinutes)
    blocks.push(
      centred([
        text(`Thời gian làm bài: ${heading.timeLimitMinutes} phút (không kể thời gian phát đề)`, {
          italics: true,
        }),
      ]),
    );
  blocks.push(centred([text(`Gồm ${count} câu hỏi`, { italics: true })], 240));
  return blocks;
}

/** "Họ và tên: ....... Đơn vị: .......": dot leaders to the tab stops fill the line whatever the printer. */
function candidateLine() {
  return new Paragraph({
    spacing: { after: 360 },
    tabStops: [
      { type: TabStopType.RIGHT, position: Math.round(TEXT_WIDTH * 0.58), leader: LeaderType.DOT },
      { type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: LeaderType.DOT },
    ],
    children: [text("Họ và tên: \t Đơn vị: \t")],
  });
}

function documentOf(title: string, children: (Paragraph | Table)[]) {
  return new Document({
    creator: "Hội Thi",
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [
              centred([
                new TextRun({
                  children: ["Trang ", PageNumber.CURRENT, "/", PageNumber.TOTAL_PAGES],
                  size: 22,
                }),
              ]),
            ],
          }),
        },
        children,
      },
    ],
  });
}

async function pack(doc: Document): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** One question on the paper: "Câu N.", its picture, the lettered options, never a mark of the answer. */
function paperQuestion(q: PaperQuestion, n: number, pictures: PaperPictures) {
  const out = [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 60 },
      children: [text(`Câu ${n}. `, { bold: true }), text(q.prompt)],
    }),
  ];
  const image = picture(q.image, pictures, QUESTION_PICTURE);
  if (image) out.push(new Paragraph({ keepNext: true, indent: { left: INDENT }, children: [image] }));
  q.options.forEach((o, i) => {
    const optionImage = picture(o.image, pictures, OPTION_PICTURE);
    out.push(
      new Paragraph({
        keepNext: i < q.options.length - 1 || q.kind === "multiple",
        indent: { left: INDENT },
        children: [
          text(`${OPTION_LETTERS[i]}. `, { bold: true }),
          text(o.text),
          ...(optionImage ? [new TextRun({ break: 1 }), optionImage] : []),
        ],
      }),
    );
  });
  if (q.kind === "multiple")
    out.push(
      new Paragraph({
        indent: { left: INDENT },
        children: [
          text("Chọn tất cả đáp án đúng:", { italics: true }),
          text(q.options.map((_, i) => `   ☐ ${OPTION_LETTERS[i]}`).join("")),
        ],
      }),
    );
  return out;
}

/** The question paper (đề thi): heading, the candidate's line, the questions; no answer anywhere. */
export async function questionPaperDocx(
  questions: PaperQuestion[],
  heading: PaperHeading,
  pictures: PaperPictures = new Map(),
) {
  return pack(
    documentOf(`Đề thi - ${heading.title}`, [
      ...headingBlock(heading, "ĐỀ THI", questions.length),
      candidateLine(),
      ...questions.flatMap((q, i) => paperQuestion(q, i + 1, pictures)),
      centred([text("— HẾT —", { bold: true })], 0),
    ]),
  );
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: thin, bottom: thin, left: thin, right: thin };
/** Pairs of "Câu | Đáp án" columns per row of the quick-marking table. */
const PAIRS = 5;

function cell(value: string, bold = false) {
  return new TableCell({
    borders: BORDERS,
    width: { size: Math.floor(TEXT_WIDTH / (PAIRS * 2)), type: WidthType.DXA },
    children: [centred([text(value, { bold })])],
  });
}

/** The quick-marking table: "Câu | Đáp án" five times across, as many rows as it takes. */
function markingTable(questions: PaperQuestion[]) {
  const rows = [
    new TableRow({
      tableHeader: true,
      children: Array.from({ length: PAIRS }, () => [cell("Câu", true), cell("Đáp án", true)]).flat(),
    }),
  ];
  for (let start = 0; start < questions.length; start += PAIRS) {
    const children = Array.from({ length: PAIRS }, (_, j) => {
      const q = questions[start + j];
      return q ? [cell(String(start + j + 1)), cell(letters(q), true)] : [cell(""), cell("")];
    }).flat();
    rows.push(new TableRow({ cantSplit: true, children }));
  }
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, rows });
}

/** One question in the key: the same number, the right letters and options, why, and the law behind it. */
function keyQuestion(q: PaperQuestion, n: number) {
  const correct = q.options.flatMap((o, i) => (o.isCorrect ? [`${OPTION_LETTERS[i]}. ${o.text}`] : []));
  const out = [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 60 },
      children: [text(`Câu ${n}. `, { bold: true }), text(q.prompt)],
    }),
    new Paragraph({
      keepNext: Boolean(q.explanation || q.legalSource),
      indent: { left: INDENT },
      children: [
        text("Đáp án: ", { bold: true }),
        text(letters(q), { bold: true }),
        text(` (${correct.join("; ")})`),
      ],
    }),
  ];
  if (q.explanation)
    out.push(
      new Paragraph({
        keepNext: Boolean(q.legalSource),
        indent: { left: INDENT },
        children: [text("Giải thích: ", { italics: true, bold: true }), text(q.explanation)],
      }),
    );
  if (q.legalSource)
    out.push(
      new Paragraph({
        indent: { left: INDENT },
        children: [text("Căn cứ pháp lý: ", { italics: true, bold: true }), text(q.legalSource)],
      }),
    );
  return out;
}

/** The answer key (đáp án): the quick-marking table, then each question's answer, explanation and legal source. */
export async function answerKeyDocx(questions: PaperQuestion[], heading: PaperHeading) {
  return pack(
    documentOf(`Đáp án - ${heading.title}`, [
      ...headingBlock(heading, "ĐÁP ÁN", questions.length),
      centred(
        [text("Dành cho ban tổ chức và người chấm, không phát cho người dự thi.", { italics: true })],
        240,
      ),
      markingTable(questions),
      new Paragraph({ spacing: { before: 240 }, children: [text("Đáp án chi tiết", { bold: true })] }),
      ...questions.flatMap((q, i) => keyQuestion(q, i + 1)),
    ]),
  );
}

/** The Word file of a paper or its key, named "Đề thi - <title>.docx" / "Đáp án - <title> (Đề số N).docx". */
export async function paperFile(
  kind: "paper" | "key",
  { questions, heading }: { questions: PaperQuestion[]; heading: PaperHeading },
  pictures: PaperPictures = new Map(),
) {
  const bytes =
    kind === "paper"
      ? await questionPaperDocx(questions, heading, pictures)
      : await answerKeyDocx(questions, heading);
  const no = heading.paperNo ? ` (Đề số ${heading.paperNo})` : "";
  return { bytes, filename: `${kind === "paper" ? "Đề thi" : "Đáp án"} - ${heading.title}${no}.docx` };
}

/**
 * The pictures of these questions, read from the images table and turned
 * into PNG (Word shows no WebP). sharp is loaded only when there is one.
 */
export async function loadPaperPictures(db: Db, questions: PaperQuestion[]): Promise<PaperPictures> {
  return picturesAsPng(
    db,
    questions.flatMap((q) => [q.image, ...q.options.map((o) => o.image)]).flatMap((p) => (p ? [p.key] : [])),
  );
}

/** A repeatable random source: the same seed draws the same paper, so a paper and its key match. */
export function seededRandom(seed: string): RandomInt {
  let counter = 0;
  return (n) => createHash("sha256").update(`${seed}:${counter++}`).digest().readUInt32BE(0) % n;
}

type BankRow = Awaited<ReturnType<typeof listQuestions>>[number];

/** A bank row as printed, with its pictures. */
function asPaperQuestion(row: BankRow): PaperQuestion {
  return {
    kind: row.kind,
    prompt: row.prompt,
    explanation: row.explanation,
    legalSource: row.legalSource,
    image: row.image,
    options: row.options.map((o) => ({ text: o.text, isCorrect: o.isCorrect, image: o.image })),
  };
}

async function wardName(db: Db) {
  const [ward] = await db.select({ name: wards.name }).from(wards).limit(1);
  return ward?.name ?? "";
}

/** The bank with the list's filters, in the list's order. */
export async function bankPaper(db: Db, filters: QuestionFilters) {
  const [rows, ward] = await Promise.all([listQuestions(db, filters), wardName(db)]);
  return {
    questions: rows.map(asPaperQuestion),
    heading: { wardName: ward, title: "Ngân hàng câu hỏi" } satisfies PaperHeading,
  };
}

/**
 * One paper of a quiz contest. A fixed list prints in its order, questions
 * retired since included (a past contest prints as it was held); a draw of N
 * per category is drawn by the contest's rules (draw.server) from the active
 * bank, repeatably: paper `paperNo` always draws the same questions in the
 * same order, so its key matches it.
 */
export async function contestPaper(db: Db, contestId: number, paperNo: number) {
  const [contest] = await db.select().from(contests).where(eq(contests.id, contestId));
  if (!contest || contest.kind !== "quiz") throw new DomainError("contest.notFound", 404);
  const fixed = contest.draw.mode === "fixed";
  const rows = await listQuestions(db, fixed ? {} : { status: "active" });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const drawn = drawQuestions(
    rows,
    contest.draw,
    fixed
      ? { shuffleQuestions: false, shuffleOptions: false }
      : { shuffleQuestions: contest.shuffleQuestions, shuffleOptions: contest.shuffleOptions },
    seededRandom(`${contest.id}:${paperNo}`),
  );
  const questions = drawn.map((d) => {
    const q = asPaperQuestion(byId.get(d.questionId)!);
    const optionAt = new Map(byId.get(d.questionId)!.options.map((o, i) => [o.id, q.options[i]]));
    return { ...q, options: d.options.map((o) => optionAt.get(o.id)!) };
  });
  return {
    contest: { id: contest.id, title: contest.title },
    questions,
    heading: {
      wardName: contest.wardName,
      title: contest.title,
      paperNo: fixed ? null : paperNo,
      timeLimitMinutes: Math.round(contest.timeLimitSec / 60),
    } satisfies PaperHeading,
  };
}

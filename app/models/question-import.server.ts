/** Question bank files: the template, parsing with every problem reported by row, and export. */
import type { Db } from "#db/client";
import type { Picture } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { message, type Message } from "~/utils/i18n";
import { authorize, type Actor } from "~/utils/permissions.server";
import { picturesAsPng, preparePicture, storePictures, storedPictures } from "./images.server";
import { listCategories } from "./question-categories.server";
import {
  DIFFICULTY_LABELS,
  KIND_LABELS,
  OPTION_LETTERS,
  STATUS_LABELS,
  questionCategoriesByCode,
  validateQuestion,
  type QuestionInput,
} from "./question-bank.server";
import {
  writeCsv,
  writeXlsx,
  mapColumns,
  mergeProblems,
  normaliseHeader,
  type Column,
  type RowProblem,
  type Table,
} from "./spreadsheet.server";

const columns = [
  { key: "code", header: "Mã", required: true },
  { key: "category", header: "Lĩnh vực", required: true },
  { key: "kind", header: "Loại", required: true },
  { key: "prompt", header: "Câu hỏi", required: true },
  ...OPTION_LETTERS.map((l, i) => ({
    key: `option${l}` as const,
    header: `Phương án ${l}`,
    required: i < 2,
  })),
  { key: "answer", header: "Đáp án đúng", required: true },
  { key: "explanation", header: "Giải thích" },
  { key: "legalSource", header: "Căn cứ pháp lý" },
  { key: "tags", header: "Thẻ" },
  { key: "difficulty", header: "Độ khó" },
  { key: "status", header: "Trạng thái" },
  { key: "image", header: "Hình ảnh" },
  { key: "imageAlt", header: "Mô tả hình ảnh" },
  ...OPTION_LETTERS.flatMap((l) => [
    { key: `image${l}` as const, header: `Hình ảnh ${l}` },
    { key: `imageAlt${l}` as const, header: `Mô tả hình ảnh ${l}` },
  ]),
] satisfies Column<string>[];

export const QUESTION_HEADERS = columns.map((c) => c.header);

/** The picture columns: the question's, then each option's. */
const PICTURE_COLUMNS = [
  { image: "image", alt: "imageAlt" },
  ...OPTION_LETTERS.map((l) => ({ image: `image${l}` as const, alt: `imageAlt${l}` as const })),
] as const;

/**
 * The pictures an import's cells name, by the cell's text ("upload:3",
 * "#<key>"): stored (key and size), or the problem that kept it out.
 */
export type TablePictures = Map<string, Omit<Picture, "alt"> | Message>;

/**
 * Stores the pictures a file carries (re-encoded: see images.server) and
 * looks up the bank's pictures its cells name ("#<key>", as exported), before
 * the rows are read. A picture that cannot be used is a problem of its row.
 */
async function resolveTablePictures(
  db: Db,
  table: Table,
  actor: Actor,
  progress: (p: { phase: "pictures"; done: number; total: number }) => void,
) {
  const pictures: TablePictures = new Map();
  const total = table.images?.size ?? 0;
  const { get } = mapColumns(table, columns);
  const named: string[] = [];
  for (const { cells } of table.rows) {
    for (const { image } of PICTURE_COLUMNS) {
      const token = get(cells, image);
      if (token.startsWith("#")) named.push(token.slice(1));
      const bytes = table.images?.get(token);
      if (!bytes || pictures.has(token)) continue;
      try {
        const [stored] = await storePictures(db, [await preparePicture(bytes)], actor);
        pictures.set(token, stored);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const column = columns.find((c) => c.key === image)!.header;
        pictures.set(token, message(`${error.code}.inColumn` as "picture.format.inColumn", { column }));
      }
      progress({ phase: "pictures", done: pictures.size, total });
    }
  }
  for (const [key, size] of await storedPictures(db, named)) pictures.set(`#${key}`, { key, ...size });
  return pictures;
}

/**
 * Reads an import's questions: its pictures stored first (a file that is
 * refused leaves them unused, never half a question), then every row checked
 * against the ward's categories. `existingCodes` are refused (the command
 * line's import adds questions only); the page previews them as updates.
 */
export async function parseQuestionImport(
  db: Db,
  table: Table,
  actor: Actor,
  existingCodes = new Set<string>(),
  /** Told of each picture re-encoded (the slow part of a file with many). */
  progress: (p: { phase: "pictures"; done: number; total: number }) => void = () => {},
) {
  authorize(actor, "question.manage");
  const [categories, bank, pictures] = await Promise.all([
    listCategories(db),
    questionCategoriesByCode(db),
    resolveTablePictures(db, table, actor, progress),
  ]);
  return parseQuestionTable(table, existingCodes, categories, bank, pictures);
}

/** Accepts a code ("CDS") or its label ("Chuyển đổi số", "CĐS"), with or without diacritics. */
function lookup<T extends string>(value: string, labels: Record<T, string>): T | null {
  const wanted = normaliseHeader(value);
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (normaliseHeader(code) === wanted || normaliseHeader(label) === wanted) return code;
  }
  return null;
}

/**
 * Turns a table into question inputs. Nothing is imported unless the whole
 * file is clean: the caller gets every problem with its row number.
 */
/**
 * Reads an import's rows into questions, with every problem by line. A
 * category is named by its code or its name among the ward's `categories`
 * in use.
 */
export function parseQuestionTable(
  table: Table,
  existingCodes: Set<string>,
  categories: { code: string; name: string; retired?: boolean }[],
  /** The category of each question in the bank, by code: a retired category stays only on its own questions. */
  current = new Map<string, string>(),
  /** The pictures the cells name (resolveTablePictures); a picture cell not among them is a problem. */
  pictures: TablePictures = new Map(),
) {
  const categoryNames = Object.fromEntries(categories.map((c) => [c.code, c.name]));
  const retired = new Set(categories.filter((c) => c.retired).map((c) => c.code));
  const inUse = categories
    .filter((c) => !c.retired)
    .map((c) => c.name)
    .join(", ");
  const { get, problems } = mapColumns(table, columns);
  const rowProblems: RowProblem[] = [...problems];
  const inputs: QuestionInput[] = [];
  if (problems.length) return { inputs, problems: rowProblems };
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const here: Message[] = [];
    const code = get(cells, "code") || null;
    if (!code) here.push("questionImport.codeMissing");
    else if (existingCodes.has(code)) here.push(message("questionImport.codeExists", { code }));
    else if (seen.has(code))
      here.push(message("questionImport.codeRepeated", { code, line: seen.get(code) ?? "" }));
    if (code) seen.set(code, line);
    const category = lookup(get(cells, "category"), categoryNames);
    if (!category)
      here.push(message("questionImport.categoryInvalid", { value: get(cells, "category"), names: inUse }));
    else if (retired.has(category) && !(code && current.get(code) === category))
      here.push(message("questionImport.categoryRetired", { value: get(cells, "category") }));
    const kind = lookup(get(cells, "kind"), KIND_LABELS);
    if (!kind) here.push(message("questionImport.kindInvalid", { value: get(cells, "kind") }));
    const options = OPTION_LETTERS.map((l) => get(cells, `option${l}`));
    const lastFilled = options.reduce((last, text, i) => (text ? i : last), -1);
    if (options.slice(0, lastFilled + 1).some((t) => !t)) here.push("questionImport.optionsGap");
    const answerText = get(cells, "answer").toUpperCase().replace(/\s/g, "");
    const letters = answerText ? answerText.split(/[,;]/).filter(Boolean) : [];
    const badLetters = letters.filter(
      (l) => !OPTION_LETTERS.slice(0, lastFilled + 1).includes(l as (typeof OPTION_LETTERS)[number]),
    );
    if (badLetters.length)
      here.push(message("questionImport.answerLetters", { letters: badLetters.join(", ") }));
    const difficulty = get(cells, "difficulty")
      ? lookup(get(cells, "difficulty"), DIFFICULTY_LABELS)
      : "medium";
    if (!difficulty)
      here.push(message("questionImport.difficultyInvalid", { value: get(cells, "difficulty") }));
    const status = get(cells, "status") ? lookup(get(cells, "status"), STATUS_LABELS) : "active";
    if (!status) here.push(message("questionImport.statusInvalid", { value: get(cells, "status") }));
    const [image, ...optionImages] = PICTURE_COLUMNS.map((c) => {
      const token = get(cells, c.image);
      if (!token) return null;
      const stored = pictures.get(token);
      if (typeof stored === "object") return { ...stored, alt: get(cells, c.alt) };
      here.push(stored ?? message("picture.unknown", { value: token }));
      return null;
    });
    const input: QuestionInput = {
      code,
      category: category ?? "CCHC",
      kind: kind ?? "single",
      prompt: get(cells, "prompt"),
      image,
      options: options
        .slice(0, lastFilled + 1)
        .map((text, i) => ({ text, correct: letters.includes(OPTION_LETTERS[i]), image: optionImages[i] })),
      explanation: get(cells, "explanation") || null,
      legalSource: get(cells, "legalSource") || null,
      tags: get(cells, "tags")
        .split(/[;,]/)
        .map((t) => t.trim())
        .filter(Boolean),
      difficulty: difficulty ?? "medium",
      status: status ?? "active",
    };
    if (kind)
      here.push(
        ...validateQuestion(input).filter((p) => !(badLetters.length && p === "questionCheck.noCorrect")),
      );
    for (const message of here) rowProblems.push({ line, message });
    if (here.length === 0) inputs.push(input);
  }
  return { inputs, problems: mergeProblems(table.problems, rowProblems) };
}

type ExportedQuestion = Omit<QuestionInput, "options"> & {
  options: { text: string; isCorrect: boolean; image?: Picture | null }[];
};

/** A question's pictures with their columns of the export: the prompt's, then each option's. */
function picturesOf(q: ExportedQuestion) {
  return [q.image, ...OPTION_LETTERS.map((_, i) => q.options[i]?.image)].map((picture, i) => ({
    picture: picture ?? null,
    column: QUESTION_HEADERS.indexOf(i === 0 ? "Hình ảnh" : `Hình ảnh ${OPTION_LETTERS[i - 1]}`),
  }));
}

/**
 * Where an export shows each picture: the cell that names it ("#<key>"),
 * so the XLSX shows a thumbnail beside the name a re-import reads.
 */
export function questionExportPictures(list: ExportedQuestion[]) {
  return list.flatMap((q, row) =>
    picturesOf(q).flatMap(({ picture, column }) => (picture ? [{ row, column, key: picture.key }] : [])),
  );
}

/**
 * The bank's questions as a file in the template's columns: CSV, or XLSX
 * with each picture's thumbnail shown in the cell that names it.
 */
export async function questionBankFile(db: Db, format: "xlsx" | "csv", list: ExportedQuestion[]) {
  const categories = await listCategories(db);
  const rows = questionExportRows(list, Object.fromEntries(categories.map((c) => [c.code, c.name])));
  if (format === "csv") return writeCsv(QUESTION_HEADERS, rows);
  const placed = questionExportPictures(list);
  const thumbnails = await picturesAsPng(
    db,
    placed.map((p) => p.key),
    120,
  );
  return writeXlsx(
    "Câu hỏi",
    QUESTION_HEADERS,
    rows,
    placed.flatMap((p) => {
      const thumbnail = thumbnails.get(p.key);
      return thumbnail ? [{ ...p, ...thumbnail }] : [];
    }),
  );
}

/** Rows for export (same columns as the template, so an export can be edited and re-imported). */
export function questionExportRows(list: ExportedQuestion[], categoryNames: Record<string, string>) {
  return list.map((q) => [
    q.code,
    q.category === "CDS" ? "CĐS" : q.category === "CCHC" ? "CCHC" : (categoryNames[q.category] ?? q.category),
    KIND_LABELS[q.kind],
    q.prompt,
    ...OPTION_LETTERS.map((_, i) => q.options[i]?.text ?? ""),
    q.options.flatMap((o, i) => (o.isCorrect ? [OPTION_LETTERS[i]] : [])).join(","),
    q.explanation,
    q.legalSource,
    q.tags.join("; "),
    DIFFICULTY_LABELS[q.difficulty],
    STATUS_LABELS[q.status],
    ...picturesOf(q).flatMap(({ picture }) => [picture ? `#${picture.key}` : "", picture?.alt ?? ""]),
  ]);
}

export const QUESTION_TEMPLATE_ROWS = [
  [
    "CCHC-101",
    "CCHC",
    "Một đáp án",
    "Nội dung câu hỏi một đáp án?",
    "Phương án thứ nhất",
    "Phương án thứ hai",
    "Phương án thứ ba",
    "Phương án thứ tư",
    "",
    "",
    "B",
    "Giải thích ngắn vì sao B đúng.",
    "Nghị quyết 76/NQ-CP ngày 15/7/2021",
    "NQ 76/NQ-CP",
    "Trung bình",
    "Đang dùng",
  ],
  [
    "CDS-101",
    "CĐS",
    "Nhiều đáp án",
    "Câu hỏi chọn tất cả đáp án đúng?",
    "Đúng 1",
    "Sai",
    "Đúng 2",
    "",
    "",
    "",
    "A,C",
    "",
    "",
    "",
    "Khó",
    "Đang dùng",
  ],
  [
    "CDS-102",
    "CĐS",
    "Đúng/Sai",
    "Một nhận định để chọn Đúng hoặc Sai.",
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
    "Dễ",
    "Đang dùng",
  ],
];

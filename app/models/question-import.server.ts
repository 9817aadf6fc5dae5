/** Question bank files: the template, parsing with every problem reported by row, and export. */
import { message, type Message } from "~/utils/i18n";
import {
  DIFFICULTY_LABELS,
  KIND_LABELS,
  OPTION_LETTERS,
  STATUS_LABELS,
  validateQuestion,
  type QuestionInput,
} from "./question-bank.server";
import {
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
] satisfies Column<string>[];

export const QUESTION_HEADERS = columns.map((c) => c.header);

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
    const input: QuestionInput = {
      code,
      category: category ?? "CCHC",
      kind: kind ?? "single",
      prompt: get(cells, "prompt"),
      options: options
        .slice(0, lastFilled + 1)
        .map((text, i) => ({ text, correct: letters.includes(OPTION_LETTERS[i]) })),
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

/** Rows for export (same columns as the template, so an export can be edited and re-imported). */
export function questionExportRows(
  list: (Omit<QuestionInput, "options"> & { options: { text: string; isCorrect: boolean }[] })[],
  categoryNames: Record<string, string>,
) {
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

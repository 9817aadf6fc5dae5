/**
 * Reads questions from a Word (.docx) file into the same Table an XLSX import
 * gives, so `parseQuestionTable` checks them row by row (a row per question,
 * its line the question's number), from the document's lines (see
 * word-document.server.ts). What a document may look like:
 *
 *   ĐỀ THI …                        anything before the first “Câu” is ignored
 *   Câu 1: Nội dung câu hỏi …       also “Câu 1.”, “Câu 1 -”, “Câu hỏi 1:”;
 *   … tiếp nội dung câu hỏi          the prompt may go on until the first option
 *   A. Phương án                    “A.”, “A)”, “a.” … up to F, one a paragraph,
 *   B. Phương án    C. Phương án    or several on a line after a Tab or 2+ spaces,
 *                                   or a Word lettered list inside the question
 *   Đáp án: B                       or “Đáp án đúng: A, C”
 *   Giải thích: …                   Căn cứ: / Căn cứ pháp lý: …, Lĩnh vực: (name or
 *                                   code), Mã: (question code), Độ khó:, Thẻ:
 *
 * The right option(s) are marked by one of: bold (its letter or its whole
 * text), underline, a “*” before or after it, or the “Đáp án:” line. Marks
 * that disagree, or none, are a problem of the question (bold or underline
 * on every option is the document's style, not a mark). A picture among the
 * question's paragraphs is the question's; one on an option's line (or alone
 * on the line after it) is the option's; its alternative text is the Word
 * picture's description. Pictures go to `table.images` as "upload:N".
 * A question with a problem is left out of the rows; its problems say why.
 * Questions may also be numbered by Word itself (a numbered list) when no
 * paragraph is typed “Câu N”: they are then numbered in order. A table's
 * cells read as paragraphs (“Câu 1” | prompt, A. … | B. …); a line after
 * Shift+Enter in an option continues it; “Đáp án:” may also be “B. <text>”
 * or an option's text (“Đáp án: Sai”); headings (“PHẦN II”) and footnotes
 * belong to no question.
 */
import type { Db } from "#db/client";
import { DomainError } from "~/utils/errors";
import { message, type Message } from "~/utils/i18n";
import { IMPORT_LIMITS } from "~/utils/import-limits";
import { KIND_LABELS, OPTION_LETTERS, questionCategoriesByCode } from "./question-bank.server";
import { QUESTION_HEADERS } from "./question-import.server";
import { normaliseHeader, readTable, type RowProblem, type Table } from "./spreadsheet.server";
import { wordDocumentLines, type Line, type Picture } from "./word-document.server";

import { isWordDocument } from "./word-document.server";

export { isWordDocument };

/** Picture types a browser shows; Word also holds EMF/WMF drawings, which it cannot. */
const WEB_PICTURES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

const QUESTION = /^\s*c[âa]u(?:\s+h[ỏo]i)?\s*(\d{1,6})(?:\s*[:.)\-–—]|\s|$)\s*/iu;
/** Where an option starts: the line's start, or after a Tab or 2+ spaces; a “*” may stand before it. */
const OPTION = /(?:^|\t|[ \t]{2,})\s*(\*?)\s*([A-Fa-f])\s*[.)]/gu;
const FIELDS: Record<string, Field> = {
  "dap an": "answer",
  "dap an dung": "answer",
  "dap an la": "answer",
  "dap an dung la": "answer",
  "giai thich": "explanation",
  "can cu": "legalSource",
  "can cu phap ly": "legalSource",
  "linh vuc": "category",
  ma: "code",
  "ma cau hoi": "code",
  "do kho": "difficulty",
  the: "tags",
};
type Field = "answer" | "explanation" | "legalSource" | "category" | "code" | "difficulty" | "tags";

type Option = {
  letter: string;
  text: string;
  bold: boolean;
  underline: boolean;
  star: boolean;
  pictures: number[];
};
type Question = {
  number: number;
  prompt: string[];
  pictures: number[];
  options: Option[];
  fields: Partial<Record<Field, string>>;
  last?: Field;
  phase: "prompt" | "options" | "after" | "orphan";
  listDepth?: number;
  problems: Message[];
};

/**
 * Option starts in `text` from `from`, in letter order (A, B … continuing
 * after `count` options). With `atStart` the text must begin with one (any
 * letter: a wrong one is reported); otherwise only options after a Tab or
 * 2+ spaces count.
 */
function optionStarts(text: string, from: number, count: number, atStart: boolean) {
  const starts: { at: number; letterAt: number; star: boolean; letter: string; body: number }[] = [];
  const rest = text.slice(from);
  for (const m of rest.matchAll(OPTION)) {
    const letter = m[2].toUpperCase();
    const first = starts.length === 0 && atStart && m.index === 0;
    if (m.index === 0 && !atStart && !/^[ \t]/.test(m[0])) continue;
    const previous = starts.at(-1);
    const next = previous
      ? OPTION_LETTERS[OPTION_LETTERS.indexOf(previous.letter as "A") + 1]
      : OPTION_LETTERS[count];
    if (!first && letter !== next) continue;
    starts.push({
      at: from + m.index,
      letterAt: from + m.index + m[0].search(/[A-Fa-f]\s*[.)]$/),
      star: m[1] === "*",
      letter,
      body: from + m.index + m[0].length,
    });
  }
  return atStart && starts[0]?.at !== from ? [] : starts;
}

const clean = (text: string) => text.replace(/[ \t]+/g, " ").trim();
const allMarked = (flags: boolean[], text: string, from: number, to: number) => {
  let any = false;
  for (let i = from; i < to; i++) {
    if (/\s|\*/.test(text[i])) continue;
    if (!flags[i]) return false;
    any = true;
  }
  return any;
};

/** Adds the options of `line` that start at or after `from`; returns where the first one starts. */
function addOptions(q: Question, line: Line, from: number, atStart: boolean, wholeLine?: string) {
  const starts = wholeLine
    ? [{ at: 0, letterAt: -1, star: false, letter: wholeLine, body: 0 }]
    : optionStarts(line.text, from, q.options.length, atStart);
  starts.forEach((s, i) => {
    const end = starts[i + 1]?.at ?? line.text.length;
    const expected = OPTION_LETTERS[q.options.length];
    if (s.letter !== expected) {
      q.problems.push(message("wordImport.optionOrder", { letter: s.letter, expected: expected ?? "—" }));
      return;
    }
    let text = line.text.slice(s.body, end);
    const starAfter = /\*\s*$/.test(text);
    if (starAfter) text = text.replace(/\*\s*$/, "");
    const mark = (flags: boolean[]) =>
      (s.letterAt >= 0 && flags[s.letterAt]) || allMarked(flags, line.text, s.body, end);
    q.options.push({
      letter: s.letter,
      text: clean(text),
      bold: mark(line.bold),
      underline: mark(line.underline),
      star: s.star || starAfter,
      pictures: line.pictures
        .filter((p) => p.at >= (i === 0 && atStart ? 0 : s.at) && (p.at < end || i === starts.length - 1))
        .map((p) => p.id),
    });
  });
  return starts[0]?.at ?? line.text.length;
}

/** A line of the prompt from `from`, with any options after a Tab on it. */
function promptLine(q: Question, line: Line, from: number) {
  const first = addOptions(q, line, from, false);
  const prompt = clean(line.text.slice(from, first));
  if (prompt) q.prompt.push(prompt);
  q.pictures.push(...line.pictures.filter((p) => p.at < first || !q.options.length).map((p) => p.id));
  if (q.options.length) q.phase = "options";
}

function readLine(q: Question, line: Line, ordered: boolean) {
  const text = line.text.trim();
  const field = /^([^:：]{1,20}?)\s*[:：]\s*(.*)$/su.exec(text);
  const key = field ? FIELDS[normaliseHeader(field[1])] : undefined;
  if (key && field) {
    if (q.fields[key] !== undefined)
      q.problems.push(message("wordImport.fieldRepeated", { label: clean(field[1]) }));
    q.fields[key] = clean(field[2]);
    q.last = key;
    if (q.options.length) q.phase = "after";
    if (line.pictures.length) q.problems.push("wordImport.pictureStray");
    return;
  }
  const option = optionStarts(line.text, line.text.search(/\S/), q.options.length, true)[0];
  if (option) {
    if (q.phase === "after" || (q.options.length > 0 && option.letter === "A")) {
      q.problems.push(message("wordImport.optionsWithoutQuestion", { letter: option.letter }));
      q.phase = "orphan";
      return;
    }
    addOptions(q, line, line.text.search(/\S/), true);
    q.phase = "options";
    return;
  }
  if (ordered && text && q.phase !== "after" && q.options.length < OPTION_LETTERS.length) {
    addOptions(q, line, 0, true, OPTION_LETTERS[q.options.length]);
    q.phase = "options";
    return;
  }
  const pictures = line.pictures.map((p) => p.id);
  if (q.phase === "prompt") promptLine(q, line, 0);
  else if (q.phase === "options" && (!text || line.soft)) {
    const last = q.options[q.options.length - 1];
    if (text) last.text = clean(`${last.text} ${text}`);
    last.pictures.push(...pictures);
  } else if (
    q.phase === "after" &&
    (q.last === "explanation" || q.last === "legalSource") &&
    !pictures.length
  ) {
    q.fields[q.last] = `${q.fields[q.last]}\n${clean(text)}`;
  } else {
    if (text)
      q.problems.push(
        message("wordImport.strayLine", { text: text.length > 60 ? `${text.slice(0, 60)}…` : text }),
      );
    if (pictures.length) q.problems.push("wordImport.pictureStray");
  }
}

/**
 * The letters of an “Đáp án:” line: "B", "B.", "B. 15/7/2021", "A, C", "A và C";
 * or the text of one option ("Đúng"); null when it is neither.
 */
function answerLetters(value: string, options: Option[]) {
  const letters = /^([A-F](?:\s*(?:[,;/]|và|\s)\s*[A-F])*)\s*(?:[.)]|$)/iu.exec(value.trim())?.[1];
  if (letters) return [...new Set(letters.toUpperCase().match(/[A-F]/g))].sort();
  const named = options.find((o) => normaliseHeader(o.text) === normaliseHeader(value));
  return named ? [named.letter] : null;
}

/** The right letters by the one way the question marks them, or its problems. */
function correctLetters(q: Question) {
  const marked = (pick: (o: Option) => boolean, style = false) => {
    const letters = q.options.filter(pick).map((o) => o.letter);
    return style && q.options.length > 1 && letters.length === q.options.length ? [] : letters;
  };
  const ways = {
    bold: marked((o) => o.bold, true),
    underline: marked((o) => o.underline, true),
    star: marked((o) => o.star),
    line: [] as string[],
  };
  if (q.fields.answer !== undefined) {
    const letters = answerLetters(q.fields.answer, q.options);
    if (!letters) {
      q.problems.push(message("wordImport.answerLine", { value: q.fields.answer }));
      return [];
    }
    ways.line = letters;
  }
  const used = Object.values(ways).filter((l) => l.length);
  if (!used.length) q.problems.push("wordImport.noMark");
  else if (new Set(used.map((l) => l.join(","))).size > 1) {
    const shown = (l: string[]) => (l.length ? l.join(", ") : "—");
    q.problems.push(
      message("wordImport.marksDisagree", {
        bold: shown(ways.bold),
        underline: shown(ways.underline),
        star: shown(ways.star),
        line: shown(ways.line),
      }),
    );
  }
  return used[0] ?? [];
}

/**
 * A question file as uploaded: a Word document, or else a spreadsheet (CSV
 * or XLSX). A Word question with no "Mã:" line is put in `wordCategory`
 * (unless it names its own "Lĩnh vực:") and coded "<category>-W-001" …,
 * after the codes already in the bank.
 */
export async function readQuestionFile(db: Db, bytes: Uint8Array, wordCategory: string) {
  if (!isWordDocument(bytes)) return readTable(bytes);
  return readWordQuestions(bytes, {
    defaultCategory: wordCategory,
    codePrefix: `${wordCategory}-W`,
    takenCodes: new Set((await questionCategoriesByCode(db)).keys()),
  });
}

export async function readWordQuestions(
  bytes: Uint8Array,
  opts: { defaultCategory: string; codePrefix: string; takenCodes: Set<string> },
): Promise<Table> {
  const { lines, pictures } = await wordDocumentLines(bytes);
  const typed = lines.some((l) => QUESTION.test(l.text));
  const questions: Question[] = [];
  let q: Question | undefined;
  const start = (number: number, listDepth?: number): Question => {
    if (questions.length >= IMPORT_LIMITS.rows)
      throw new DomainError("wordImport.tooManyQuestions", 422, { max: IMPORT_LIMITS.rows });
    const next: Question = {
      number,
      prompt: [],
      pictures: [],
      options: [],
      fields: {},
      phase: "prompt",
      listDepth,
      problems: [],
    };
    questions.push(next);
    return next;
  };
  for (const line of lines) {
    if (line.heading && !QUESTION.test(line.text)) {
      if (q) q.last = undefined;
      continue;
    }
    const head = QUESTION.exec(line.text);
    const ordered = line.list?.ordered === true;
    if (head) {
      q = start(Number(head[1]));
      promptLine(q, line, head[0].length);
    } else if (
      !typed &&
      ordered &&
      line.text.trim() &&
      (!q || (q.listDepth === line.list?.depth && q.options.length > 0)) &&
      !optionStarts(line.text, line.text.search(/\S/), 0, true).length
    ) {
      q = start((q?.number ?? 0) + 1, line.list?.depth);
      readLine(q, { ...line, list: undefined }, false);
    } else if (q && q.phase !== "orphan") {
      readLine(q, line, ordered && (q.listDepth === undefined || (line.list?.depth ?? 0) > q.listDepth));
    }
  }
  if (!questions.length) {
    // “Câu” in the old TCVN3 (.VnTime) and VNI fonts, which Word shows right but stores as other letters.
    if (lines.some((l) => /^\s*(C©u|Caâu)\s*\d/.test(l.text)))
      throw new DomainError("wordImport.oldFont", 422);
    throw new DomainError("wordImport.noQuestions", 422);
  }
  return questionTable(questions, pictures, opts);
}

function questionTable(
  questions: Question[],
  pictures: Picture[],
  opts: { defaultCategory: string; codePrefix: string; takenCodes: Set<string> },
): Table {
  const headers = [...QUESTION_HEADERS];
  const column = new Map(headers.map((h, i) => [normaliseHeader(h), i]));
  const images = new Map<string, Uint8Array>();
  const table: Table = { headers, rows: [], problems: [], images, lineKind: "question" };
  const given = new Set(questions.map((q) => q.fields.code).filter(Boolean));
  const seen = new Set<number>();
  let counter = 0;
  const nextCode = () => {
    let code: string;
    do code = `${opts.codePrefix}-${String(++counter).padStart(3, "0")}`;
    while (opts.takenCodes.has(code) || given.has(code));
    return code;
  };
  for (const q of questions) {
    if (seen.has(q.number)) q.problems.push(message("wordImport.numberRepeated", { n: q.number }));
    seen.add(q.number);
    if (q.phase !== "orphan" && !q.options.length) q.problems.push("wordImport.noOptions");
    // Options out of order were skipped: their marks would only confuse.
    const skipped = q.problems.some((p) => p.startsWith("wordImport.optionOrder"));
    const letters = q.options.length && !skipped ? correctLetters(q) : [];
    const cells = new Array<string>(headers.length).fill("");
    const set = (header: string, value: string) => {
      const i = column.get(normaliseHeader(header));
      if (i !== undefined) cells[i] = value;
    };
    const placed: [string, Picture][] = [];
    const picture = (ids: number[], suffix: string, noAlt: Message, many: Message) => {
      if (ids.length > 1) q.problems.push(many);
      const found = pictures[ids[0]];
      if (!found) return;
      if (!found.alt) q.problems.push(noAlt);
      if (!WEB_PICTURES.has(found.type)) {
        const type = found.type.replace(/^image\/(x-)?/, "").toUpperCase();
        q.problems.push(message("wordImport.pictureFormat", { type }));
      }
      placed.push([suffix, found]);
    };
    picture(
      q.pictures,
      "",
      "wordImport.pictureNoAlt",
      message("wordImport.pictureMany", { n: q.pictures.length }),
    );
    for (const o of q.options) {
      const vars = { letter: o.letter, n: o.pictures.length };
      const noAlt = message("wordImport.optionPictureNoAlt", vars);
      picture(o.pictures, ` ${o.letter}`, noAlt, message("wordImport.optionPictureMany", vars));
      set(`Phương án ${o.letter}`, o.text);
    }
    const problems = [...new Set(q.problems)];
    if (problems.length) {
      for (const m of problems) table.problems.push({ line: q.number, message: m });
      continue;
    }
    for (const [suffix, found] of placed) {
      const token = `upload:${images.size + 1}`;
      images.set(token, found.bytes);
      set(`Hình ảnh${suffix}`, token);
      set(`Mô tả hình ảnh${suffix}`, found.alt);
    }
    const trueFalse =
      q.options.length === 2 &&
      q.options
        .map((o) => normaliseHeader(o.text))
        .sort()
        .join() === "dung,sai";
    set("Mã", q.fields.code || nextCode());
    set("Lĩnh vực", q.fields.category || opts.defaultCategory);
    set("Loại", KIND_LABELS[letters.length > 1 ? "multiple" : trueFalse ? "true_false" : "single"]);
    set("Câu hỏi", q.prompt.join("\n"));
    set("Đáp án đúng", letters.join(","));
    set("Giải thích", q.fields.explanation ?? "");
    set("Căn cứ pháp lý", q.fields.legalSource ?? "");
    set("Thẻ", q.fields.tags ?? "");
    set("Độ khó", q.fields.difficulty ?? "");
    cells.forEach((c, i) => {
      if (c.length > IMPORT_LIMITS.cellChars)
        table.problems.push({
          line: q.number,
          message: message("import.cellTooLong", {
            column: headers[i],
            length: c.length,
            max: IMPORT_LIMITS.cellChars,
          }),
        } satisfies RowProblem);
    });
    table.rows.push({ line: q.number, cells });
  }
  return table;
}

import type { ImportPreview } from "~/models/question-reimport.server";
import type { Message, MessageKey } from "~/utils/i18n";

/**
 * What an import action answers: a refusal, the rows with problems, how many
 * rows were saved, or (a question import that changes the bank) its preview.
 */
/**
 * How far a long import has got, streamed to the page while it works: the
 * file read (its rows), each row checked (problems so far), pictures
 * re-encoded, the questions saved.
 */
export type ImportProgress =
  | { phase: "read" }
  | { phase: "check"; rows: number; problems: number }
  | { phase: "pictures"; done: number; total: number }
  | { phase: "save"; rows: number };

/** One line of a streamed import's answer: progress, then the result. */
export type ImportEvent = { progress: ImportProgress } | { result: ImportResult };

export type ImportResult =
  | { importError: MessageKey }
  | {
      importProblems: { line: number; message: Message }[];
      moreProblems: number;
      /** What the lines count: a spreadsheet's rows, or a Word file's questions ("Câu 3"). */
      lineKind: "row" | "question";
    }
  | { imported: number; lineKind: "row" | "question" }
  | { preview: ImportPreview };

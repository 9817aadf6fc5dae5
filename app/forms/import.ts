import type { ImportPreview } from "~/models/question-reimport.server";
import type { Message, MessageKey } from "~/utils/i18n";

/**
 * What an import action answers: a refusal, the rows with problems, how many
 * rows were saved, or (a question import that changes the bank) its preview.
 */
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

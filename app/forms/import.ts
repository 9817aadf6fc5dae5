import type { ImportPreview } from "~/models/question-reimport.server";
import type { Message, MessageKey } from "~/utils/i18n";

/**
 * What an import action answers: a refusal, the rows with problems, how many
 * rows were saved, or (a question import that changes the bank) its preview.
 */
export type ImportResult =
  | { importError: MessageKey }
  | { importProblems: { line: number; message: Message }[]; moreProblems: number }
  | { imported: number }
  | { preview: ImportPreview };

import type { Message, MessageKey } from "~/utils/i18n";

/** What an import action answers: a refusal, the rows with problems, or how many rows were saved. */
export type ImportResult =
  | { importError: MessageKey }
  | { importProblems: { line: number; message: Message }[]; moreProblems: number }
  | { imported: number };

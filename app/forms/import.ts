import type { MessageKey } from "~/utils/i18n";

/** What an import action answers: a refusal, the rows with problems, or how many rows were saved. */
export type ImportResult =
  | { importError: MessageKey }
  | { importProblems: { line: number; message: string }[]; moreProblems: number }
  | { imported: number };

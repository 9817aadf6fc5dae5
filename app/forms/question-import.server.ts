import { z } from "zod";
import { importQuestions } from "~/models/question-reimport.server";
import { parseQuestionImport } from "~/models/question-import.server";
import { readQuestionFile } from "~/models/question-word.server";
import type { Db } from "#db/client";
import type { Actor } from "~/utils/permissions.server";
import type { ImportProgress, ImportResult } from "./import";
import { runImport } from "./import.server";

/** The category a Word file's questions go in when they name none: a code; anything else reads as none. */
const WordCategorySchema = z.string().trim().max(40).catch("");

/**
 * The question bank's import, from the page's form or streamed with its
 * progress: a Word, XLSX or CSV file; codes already in the bank come back
 * as a preview of the update (see question-reimport.server).
 */
export function importQuestionFile(
  db: Db,
  request: Request,
  actor: Actor,
  progress?: (p: ImportProgress) => void,
): Promise<ImportResult> {
  return runImport(
    request,
    (table) => parseQuestionImport(db, table, actor, new Set(), progress),
    (inputs) => importQuestions(db, inputs, actor),
    {
      read: (bytes, form) => readQuestionFile(db, bytes, WordCategorySchema.parse(form.get("wordCategory"))),
      progress,
    },
  );
}

import type { ImportPreview } from "~/models/question-reimport.server";
import type { ImportProgress, ImportResult } from "./import";
import { readTable, type RowProblem, type Table } from "~/models/spreadsheet.server";
import { DomainError } from "~/utils/errors";
import { capProblems } from "~/utils/import-limits";
import { readUpload } from "./upload.server";

/**
 * The shared shape of an import action: read the upload, parse it, and
 * save only when every row is clean.
 */
export async function runImport<T>(
  request: Request,
  parse: (table: Table) => Promise<{ inputs: T[]; problems: RowProblem[] }>,
  save: (inputs: T[]) => Promise<unknown>,
  {
    read = (bytes) => readTable(bytes),
    progress = () => {},
  }: {
    /** How the file becomes a table (a spreadsheet's rows, unless the page reads more), with the form's other fields. */
    read?: (bytes: Uint8Array, form: FormData) => Promise<Table>;
    /** Told how far the import has got (the streamed import shows it). */
    progress?: (p: ImportProgress) => void;
  } = {},
): Promise<ImportResult> {
  try {
    const { bytes, form } = await readUpload(request);
    progress({ phase: "read" });
    const table = await read(bytes, form);
    progress({ phase: "check", rows: table.rows.length, problems: table.problems.length });
    const { inputs, problems } = await parse(table);
    progress({ phase: "check", rows: table.rows.length, problems: problems.length });
    if (problems.length) {
      const { shown, more } = capProblems(problems);
      return { importProblems: shown, moreProblems: more, lineKind: table.lineKind ?? "row" };
    }
    progress({ phase: "save", rows: inputs.length });
    const saved = await save(inputs);
    // A question import that would change the bank saves nothing yet: it answers with its preview.
    if (isPreview(saved)) return saved;
    return { imported: inputs.length, lineKind: table.lineKind ?? "row" };
  } catch (error) {
    if (error instanceof DomainError) return { importError: error.code };
    throw error;
  }
}

/** A save's answer that is a preview to apply, not a saved import. */
function isPreview(saved: unknown): saved is { preview: ImportPreview } {
  return typeof saved === "object" && saved !== null && "preview" in saved;
}

export function isMultipart(request: Request) {
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
}

import type { ImportResult } from "./import";
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
): Promise<ImportResult> {
  try {
    const { bytes } = await readUpload(request);
    const { inputs, problems } = await parse(await readTable(bytes));
    if (problems.length) {
      const { shown, more } = capProblems(problems);
      return { importProblems: shown, moreProblems: more };
    }
    await save(inputs);
    return { imported: inputs.length };
  } catch (error) {
    if (error instanceof DomainError) return { importError: error.code };
    throw error;
  }
}

export function isMultipart(request: Request) {
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
}

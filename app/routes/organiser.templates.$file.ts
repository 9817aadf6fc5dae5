import type { LoaderFunctionArgs } from "@remix-run/node";
import { QUESTION_HEADERS, QUESTION_TEMPLATE_ROWS } from "~/models/question-import.server";
import { questionWordSample } from "~/models/question-word-sample.server";
import { fileResponse, writeCsv, writeXlsx } from "~/models/spreadsheet.server";
import { UNIT_HEADERS, UNIT_TEMPLATE_ROWS } from "~/models/units.server";
import { requireRole } from "~/utils/auth.server";

const TEMPLATES = {
  units: { sheet: "Đơn vị", headers: UNIT_HEADERS, rows: UNIT_TEMPLATE_ROWS },
  questions: { sheet: "Câu hỏi", headers: QUESTION_HEADERS, rows: QUESTION_TEMPLATE_ROWS },
} as const;

/** Downloadable import templates: /organiser/templates/units.xlsx, questions.csv, questions.docx … */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  if (params.file === "questions.docx")
    return fileResponse(await questionWordSample(), "Mẫu nhập câu hỏi.docx");
  const match = /^(units|questions)\.(xlsx|csv)$/.exec(params.file ?? "");
  if (!match) throw new Response("Not found", { status: 404 });
  const template = TEMPLATES[match[1] as keyof typeof TEMPLATES];
  const filename = `Mẫu nhập ${match[1] === "units" ? "đơn vị" : "câu hỏi"}.${match[2]}`;
  const rows = template.rows.map((r) => [...r]);
  return fileResponse(
    match[2] === "csv"
      ? writeCsv([...template.headers], rows)
      : await writeXlsx(template.sheet, [...template.headers], rows),
    filename,
  );
}

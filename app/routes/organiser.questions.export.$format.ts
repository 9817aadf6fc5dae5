import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { audit } from "~/models/audit.server";
import { listQuestions } from "~/models/question-bank.server";
import { listCategories } from "~/models/question-categories.server";
import { QUESTION_HEADERS, questionExportRows } from "~/models/question-import.server";
import { fileResponse, writeCsv, writeXlsx } from "~/models/spreadsheet.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

const FiltersSchema = z.object({
  category: z.string().max(40).optional().catch(undefined),
  status: z.enum(["active", "retired", "historical"]).optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
});

/** The bank (with the list's filters) in the import template's columns. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const format = params.format === "csv" ? "csv" : params.format === "xlsx" ? "xlsx" : null;
  if (!format) throw new Response("Not found", { status: 404 });
  const filters = FiltersSchema.parse(
    Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v)),
  );
  const categories = await listCategories(db);
  const rows = questionExportRows(
    await listQuestions(db, filters),
    Object.fromEntries(categories.map((c) => [c.code, c.name])),
  );
  await audit(db, {
    actorUserId: user.id,
    action: "question.export",
    after: { format, count: rows.length },
    ip: context.clientIp,
  });
  return fileResponse(
    format === "csv" ? writeCsv(QUESTION_HEADERS, rows) : await writeXlsx("Câu hỏi", QUESTION_HEADERS, rows),
    `Ngân hàng câu hỏi.${format}`,
  );
}

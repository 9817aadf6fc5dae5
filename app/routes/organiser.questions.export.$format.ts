import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { DIFFICULTIES, QUESTION_STATUSES } from "~/forms/question-form";
import { audit } from "~/models/audit.server";
import { listQuestions } from "~/models/question-bank.server";
import { questionBankFile } from "~/models/question-import.server";
import { bankPaper, loadPaperPictures, paperFile } from "~/models/question-paper.server";
import { fileResponse } from "~/models/spreadsheet.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { markDownload } from "~/utils/http.server";

/** The list's filters (organiser.questions._index), so an export holds what the organiser sees. */
const FiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z.string().max(40).optional().catch(undefined),
  status: z.enum(QUESTION_STATUSES).optional().catch(undefined),
  difficulty: z.enum(DIFFICULTIES).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
  legal: z.string().trim().max(100).optional().catch(undefined),
});

const FormatSchema = z.enum(["xlsx", "csv", "paper", "key"]);

/**
 * The bank (with the list's filters): in the import template's columns
 * (xlsx, csv), or as a printable Word question paper and its answer key.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const parsed = FormatSchema.safeParse(params.format);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const format = parsed.data;
  const filters = FiltersSchema.parse(
    Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v)),
  );
  if (format === "paper" || format === "key") {
    const { questions, heading } = await bankPaper(db, filters);
    await audit(db, {
      actorUserId: user.id,
      action: "question.export",
      after: { format, count: questions.length },
      ip: context.clientIp,
    });
    const pictures = format === "paper" ? await loadPaperPictures(db, questions) : undefined;
    const { bytes, filename } = await paperFile(format, { questions, heading }, pictures);
    return markDownload(request, fileResponse(bytes, filename));
  }
  const list = await listQuestions(db, filters);
  await audit(db, {
    actorUserId: user.id,
    action: "question.export",
    after: { format, count: list.length },
    ip: context.clientIp,
  });
  return markDownload(
    request,
    fileResponse(await questionBankFile(db, format, list), `Ngân hàng câu hỏi.${format}`),
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { audit } from "~/models/audit.server";
import { contestPaper, loadPaperPictures, paperFile } from "~/models/question-paper.server";
import { fileResponse } from "~/models/spreadsheet.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { orHttpError, parseParams } from "~/utils/http.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
/** Đề số: which repeatable draw of a contest that draws N per category (1 unless asked). */
const SeedSchema = z.coerce.number().int().min(1).max(9999).catch(1);

/** A quiz contest's printable question paper (đề thi), as a Word file. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const seed = SeedSchema.parse(new URL(request.url).searchParams.get("seed") ?? 1);
  const paper = await orHttpError(() => contestPaper(db, id, seed));
  await audit(db, {
    actorUserId: user.id,
    action: "question.export",
    entity: "contest",
    entityId: id,
    after: { format: "paper", paperNo: paper.heading.paperNo, count: paper.questions.length },
    ip: context.clientIp,
  });
  const { bytes, filename } = await paperFile("paper", paper, await loadPaperPictures(db, paper.questions));
  return fileResponse(bytes, filename);
}

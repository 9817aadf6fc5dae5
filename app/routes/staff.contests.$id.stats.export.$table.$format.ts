import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { audit } from "~/models/audit.server";
import { fileResponse, writeCsv, writeXlsx } from "~/models/spreadsheet.server";
import { contestStats, statsTable } from "~/models/stats.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { orHttpError, parseParams } from "~/utils/http.server";

const ParamsSchema = z.object({
  id: z.coerce.number().int().positive(),
  table: z.string().max(20),
  format: z.enum(["csv", "xlsx"]),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["organiser", "committee"]);
  const { id, table, format } = parseParams(ParamsSchema, params);
  const stats = await orHttpError(() => contestStats(db, id));
  const data = await statsTable(db, stats, table);
  if (!data) throw new Response("Not found", { status: 404 });
  await audit(db, {
    actorUserId: user.id,
    action: "stats.export",
    entity: "contest",
    entityId: id,
    after: { table, format },
    ip: context.clientIp,
  });
  const filename = `thong-ke-${stats.contest.slug}-${table}.${format}`;
  return fileResponse(
    format === "csv" ? writeCsv(data.headers, data.rows) : await writeXlsx(table, data.headers, data.rows),
    filename,
  );
}

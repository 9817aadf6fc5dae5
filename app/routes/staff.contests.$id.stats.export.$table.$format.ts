import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { audit } from "~/models/audit.server";
import { fileResponse, writeCsv, writeXlsx } from "~/models/spreadsheet.server";
import { isStatsTable, STATS_TABLES, statsTable } from "~/models/stats-export.server";
import { contestStats } from "~/models/stats.server";
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
  if (!isStatsTable(table)) throw new Response("Not found", { status: 404 });
  const stats = await orHttpError(() => contestStats(db, id));
  const data = await statsTable(db, stats, table);
  await audit(db, {
    actorUserId: user.id,
    action: "stats.export",
    entity: "contest",
    entityId: id,
    after: { table, format },
    ip: context.clientIp,
  });
  const label = STATS_TABLES[table];
  return fileResponse(
    format === "csv" ? writeCsv(data.headers, data.rows) : await writeXlsx(label, data.headers, data.rows),
    `Thống kê ${stats.contest.slug} - ${label}.${format}`,
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contests } from "#db/schema";
import { audit } from "~/models/audit.server";
import type { RankedEntry } from "~/models/ranking.server";
import { currentResults } from "~/models/results.server";
import { exportDateTime, fileResponse, writeCsv, writeXlsx, type Cell } from "~/models/spreadsheet.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseParams } from "~/utils/http.server";
import { translate } from "~/utils/i18n";
import { tieReason } from "~/components/results/tie-reason";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive(), format: z.enum(["csv", "xlsx"]) });

const HEADERS = [
  "Bảng",
  "Hạng",
  "Tên",
  "Đơn vị",
  "Điểm",
  "Dự đoán",
  "Thời gian làm bài (giây)",
  "Nộp bài lúc",
  "Tỷ lệ tham gia (%)",
  "Số bài",
  "Trạng thái",
  "Giải",
  "Số tiền (đồng)",
];
const STATUS = {
  ranked: "Xếp hạng",
  ineligible: "Không xét giải",
  disqualified: "Đã loại",
  prized_earlier: "Đã đoạt giải đợt trước",
  missing_rounds: "Chưa dự đủ các đợt bắt buộc",
  no_participants: "Chưa có người dự thi",
};

/** The full ranking with Vietnamese headings and labels, times in Hà Nội (CSV for Vietnamese Excel, or XLSX). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["committee", "organiser"]);
  const { id, format } = parseParams(ParamsSchema, params);
  const [contest] = await db.select({ slug: contests.slug }).from(contests).where(eq(contests.id, id));
  if (!contest) throw new Response("Not found", { status: 404 });
  const { results } = await currentResults(db, id);
  const num = (n: number | null, digits = 0) => (n === null ? null : Number(n.toFixed(digits)));
  // A stage contest: a column per part and the tie reason; no time or submission (a team performs).
  const stageParts = results.stage?.parts.map((p) => p.name) ?? [];
  const stage = results.stage !== undefined;
  const headers = stage ? [...HEADERS, ...stageParts, "Lý do xếp hạng khi bằng điểm"] : HEADERS;
  const vi = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate("vi", key, vars);
  const entryRow = (table: string, e: RankedEntry): Cell[] => [
    table,
    e.rank,
    e.name,
    e.unitName,
    num(e.score, 2),
    e.prediction,
    stage ? null : Math.round(e.durationMs / 1000),
    e.submittedAt ? exportDateTime(e.submittedAt) : null,
    null,
    null,
    STATUS[e.status],
    e.prize?.label ?? null,
    e.prize?.amount ?? null,
    ...(stage ? [...(e.parts ?? []).map((p) => num(p.score, 2)), tieReason(e.tie, vi)] : []),
  ];
  const rows: Cell[][] = [
    ...results.collective.map((u): Cell[] => [
      "Tập thể",
      u.rank,
      u.name,
      u.name,
      num(u.averageScore, 2),
      null,
      null,
      null,
      num(u.participationRate === null ? null : u.participationRate * 100, 1),
      u.entries,
      STATUS[u.status],
      u.prize?.label ?? null,
      u.prize?.amount ?? null,
    ]),
    ...results.individual.map((e) => entryRow("Cá nhân", e)),
    ...results.teams.map((e) => entryRow("Đội", e)),
  ];
  await audit(db, {
    actorUserId: user.id,
    action: "results.export",
    entity: "contest",
    entityId: id,
    after: { format },
    ip: context.clientIp,
  });
  const filename = `Xếp hạng ${contest.slug}.${format}`;
  return fileResponse(
    format === "csv" ? writeCsv(headers, rows) : await writeXlsx("Xếp hạng", headers, rows),
    filename,
  );
}

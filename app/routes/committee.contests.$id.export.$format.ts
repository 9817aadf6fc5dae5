import type { LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contests } from "#db/schema";
import { audit } from "~/models/audit.server";
import type { RankedEntry } from "~/models/ranking.server";
import { currentResults } from "~/models/results.server";
import { fileResponse, writeCsv, writeXlsx } from "~/models/spreadsheet.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseParams } from "~/utils/http.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive(), format: z.enum(["csv", "xlsx"]) });

const HEADERS = [
  "Bảng",
  "Hạng",
  "Tên",
  "Đơn vị",
  "Điểm",
  "Dự đoán",
  "Thời gian (giây)",
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
  no_participants: "Chưa có người dự thi",
};

/** The full ranking with Vietnamese headings (CSV: vi-VN number formats; XLSX: numbers). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["committee", "organiser"]);
  const { id, format } = parseParams(ParamsSchema, params);
  const [contest] = await db.select({ slug: contests.slug }).from(contests).where(eq(contests.id, id));
  if (!contest) throw new Response("Not found", { status: 404 });
  const { results } = await currentResults(db, id);
  const num = (n: number | null, digits = 0) =>
    n === null
      ? ""
      : format === "csv"
        ? n.toLocaleString("vi-VN", { maximumFractionDigits: digits })
        : Number(n.toFixed(digits));
  const entryRow = (table: string, e: RankedEntry) => [
    table,
    e.rank ?? "",
    e.name,
    e.unitName ?? "",
    num(e.score, 2),
    num(e.prediction),
    num(Math.round(e.durationMs / 1000)),
    "",
    "",
    STATUS[e.status],
    e.prize?.label ?? "",
    num(e.prize?.amount ?? null),
  ];
  const rows = [
    ...results.collective.map((u) => [
      "Tập thể",
      u.rank ?? "",
      u.name,
      u.name,
      num(u.averageScore, 2),
      "",
      "",
      num(u.participationRate === null ? null : u.participationRate * 100, 1),
      num(u.entries),
      STATUS[u.status],
      u.prize?.label ?? "",
      num(u.prize?.amount ?? null),
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
  const filename = `xep-hang-${contest.slug}.${format}`;
  return fileResponse(
    format === "csv" ? writeCsv(HEADERS, rows) : await writeXlsx("Xếp hạng", HEADERS, rows),
    filename,
  );
}

/** The statistics tables as a ward reads them in Excel: Vietnamese headings and labels, Hà Nội times, rates in %. */
import { inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { questions } from "#db/schema";
import { chunks } from "~/utils/chunks";
import { exportDate, exportDateTime, type Cell } from "./spreadsheet.server";
import { contestQuestionStats, listParticipants, type ContestStats } from "./stats.server";
import { UNIT_KIND_LABELS } from "./units.server";

/** Each exportable table and the name its file and sheet get. */
export const STATS_TABLES = {
  units: "Đơn vị",
  questions: "Câu hỏi",
  days: "Theo ngày",
  hours: "Theo giờ",
  scores: "Phân bố điểm",
  devices: "Thiết bị",
  participants: "Người dự thi",
} as const;

export type StatsTableName = keyof typeof STATS_TABLES;

export function isStatsTable(name: string): name is StatsTableName {
  return Object.hasOwn(STATS_TABLES, name);
}

const percent = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);
const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const kindLabel = (kind: string) =>
  Object.hasOwn(UNIT_KIND_LABELS, kind) ? UNIT_KIND_LABELS[kind as keyof typeof UNIT_KIND_LABELS] : kind;

async function questionCodes(db: Db, ids: number[]) {
  const codes = new Map<number, string | null>();
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .select({ id: questions.id, code: questions.code })
      .from(questions)
      .where(inArray(questions.id, part));
    for (const r of rows) codes.set(r.id, r.code);
  }
  return codes;
}

type Table = { headers: string[]; rows: Cell[][] };

/** Each unit's participation and scores. */
function unitsTable(stats: ContestStats): Table {
  return {
    headers: [
      "Đơn vị",
      "Loại",
      "Mẫu số",
      "Người dự thi",
      "Bài dự thi",
      "Tỷ lệ tham gia (%)",
      "Điểm trung bình",
      "Điểm cao nhất",
      "Điểm tuyệt đối",
      "Tỷ lệ hỗ trợ (%)",
    ],
    rows: stats.units.map((u) => [
      u.name,
      kindLabel(u.kind),
      u.denominator,
      u.participants,
      u.entries,
      percent(u.participationRate),
      round2(u.averageScore),
      u.bestScore,
      u.perfectScores,
      percent(u.assistedShare),
    ]),
  };
}

/** Each question's answers, correct rate and discrimination, by its code. */
async function questionsTable(db: Db, stats: ContestStats): Promise<Table> {
  const list = await contestQuestionStats(db, stats);
  const codes = await questionCodes(
    db,
    list.map((q) => q.questionId),
  );
  return {
    headers: ["Mã câu hỏi", "Câu hỏi", "Số lượt", "Tỷ lệ đúng (%)", "Độ phân biệt", "Ghi chú"],
    rows: list.map((q) => [
      codes.get(q.questionId) ?? `#${q.questionId}`,
      q.prompt,
      q.answered,
      percent(q.correctRate),
      round2(q.discrimination),
      q.flag === "nobodyRight" ? "Không ai đúng" : q.flag === "everybodyRight" ? "Ai cũng đúng" : "",
    ]),
  };
}

/** Every statistics table as headings + rows, for CSV and XLSX export. */
export async function statsTable(db: Db, stats: ContestStats, table: StatsTableName): Promise<Table> {
  switch (table) {
    case "units":
      return unitsTable(stats);
    case "questions":
      return questionsTable(db, stats);
    case "days":
      return {
        headers: ["Ngày", "Bài dự thi"],
        rows: stats.byDay.map((d) => [exportDate(d.day), d.entries]),
      };
    case "hours": {
      const hh = (h: number) => String(h).padStart(2, "0");
      return {
        headers: ["Khung giờ", "Bài dự thi"],
        rows: stats.byHour.map((h) => [`${hh(h.hour)}:00–${hh(h.hour)}:59`, h.entries]),
      };
    }
    case "scores":
      return { headers: ["Điểm", "Bài dự thi"], rows: stats.scores.map((s) => [s.score, s.entries]) };
    case "devices":
      return { headers: ["Thiết bị", "Bài dự thi"], rows: stats.devices.map((d) => [d.device, d.entries]) };
    case "participants": {
      const list = await listParticipants(db, stats.contest.id);
      return {
        headers: ["Họ tên", "Số điện thoại", "Đơn vị", "Điểm", "Nộp bài lúc", "Hỗ trợ"],
        rows: list.map((p) => [
          p.name,
          p.phone,
          p.unit,
          p.score,
          exportDateTime(p.submittedAt),
          p.assisted ? "Có" : "Không",
        ]),
      };
    }
  }
}

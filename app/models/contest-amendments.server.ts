/**
 * Amendments to a contest's rules (sửa đổi thể lệ). From the first start,
 * every setting that decides who may win and what is frozen; a change is an
 * amendment: a reason, an audit entry and a dated revision of the thể lệ that
 * the contest page lists. After the close there are none (docs/fairness.md).
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { contestAmendments, type contests } from "#db/schema";
import { formatDateTime, formatMoney } from "~/utils/format";
import type { MessageKey } from "~/utils/i18n";
import type { Actor } from "~/utils/permissions.server";
import type { ContestSettings, PrizeInput } from "./contest-settings.server";

type Contest = Pick<typeof contests.$inferSelect, keyof ContestSettings>;
export type RulesState = { settings: Contest; prizes: PrizeInput[]; exclusions: string[] };
export type Change = { field: string; before: string; after: string };

const ENUMS: Record<string, Record<string, string>> = {
  entryModes: { individual: "cá nhân", team: "theo đội", both: "cá nhân và theo đội" },
  collectiveRule: {
    participation_rate: "tỷ lệ tham gia",
    entries: "số bài dự thi",
    average_score: "điểm trung bình",
    points: "tỷ lệ tham gia + điểm giải",
  },
  reviewPolicy: {
    after_submit: "ngay sau khi nộp bài",
    after_close: "sau khi kết thúc",
    never: "không công bố",
  },
  predictionTarget: { entries: "tổng số bài dự thi", perfect_entries: "số bài đúng hết" },
};

/** The settings that decide eligibility, ranking or prizes, as people read them. */
const RULE_FIELDS: [keyof Contest, string][] = [
  ["opensAt", "Thời điểm bắt đầu"],
  ["closesAt", "Thời điểm kết thúc"],
  ["entryModes", "Hình thức dự thi"],
  ["eligibleUnitIds", "Đơn vị được dự thi"],
  ["predictionTarget", "Câu hỏi dự đoán tính theo"],
  ["predictionPrompt", "Câu hỏi dự đoán"],
  ["collectiveRule", "Cách xếp giải tập thể"],
  ["reviewPolicy", "Công bố đáp án"],
];

function show(field: keyof Contest, value: unknown) {
  if (value === null || value === undefined || value === "") return "(không có)";
  if (field === "opensAt" || field === "closesAt") return formatDateTime(value as number);
  if (field === "eligibleUnitIds") return `${(value as number[]).length} đơn vị`;
  return ENUMS[field]?.[String(value)] ?? String(value);
}

const prizeText = (prizes: PrizeInput[]) =>
  prizes.length
    ? prizes.map((p) => `${p.category}:${p.label} ×${p.count} ${formatMoney(p.amount)}`).join("; ")
    : "(không có)";

/** What changes between two states of a contest's rules, field by field. */
export function ruleChanges(before: RulesState, after: RulesState): Change[] {
  const changes: Change[] = [];
  for (const [field, label] of RULE_FIELDS) {
    const [a, b] = [before.settings[field] ?? null, after.settings[field] ?? null];
    if (JSON.stringify(a) !== JSON.stringify(b))
      changes.push({ field: label, before: show(field, a), after: show(field, b) });
  }
  const norm = (p: PrizeInput[]) =>
    JSON.stringify(
      p
        .map(({ category, rank, label, count, amount }) => ({ category, rank, label, count, amount }))
        .sort((x, y) => x.category.localeCompare(y.category) || x.rank - y.rank),
    );
  if (norm(before.prizes) !== norm(after.prizes))
    changes.push({
      field: "Cơ cấu giải thưởng",
      before: prizeText(before.prizes),
      after: prizeText(after.prizes),
    });
  const [ex0, ex1] = [[...before.exclusions].sort(), [...after.exclusions].sort()];
  if (JSON.stringify(ex0) !== JSON.stringify(ex1))
    changes.push({
      field: "Danh sách không xét giải",
      before: `${ex0.length} số điện thoại`,
      after: `${ex1.length} số điện thoại: thêm ${ex1.filter((p) => !ex0.includes(p)).length}, bớt ${ex0.filter((p) => !ex1.includes(p)).length}`,
    });
  return changes;
}

/** The row recording one amendment, to write in the same batch as the change. */
export function amendmentInsert(
  db: Db,
  input: { contestId: number; reason: string; changes: Change[]; rules: string },
  actor: Actor,
  now: number,
) {
  return db.insert(contestAmendments).values({
    contestId: input.contestId,
    at: now,
    byUserId: actor.id,
    reason: input.reason,
    changes: input.changes,
    rules: input.rules,
  });
}

/** A contest's amendments, oldest first: public, as the thể lệ is. */
export function listAmendments(db: Db, contestId: number) {
  return db
    .select({
      id: contestAmendments.id,
      at: contestAmendments.at,
      reason: contestAmendments.reason,
      changes: contestAmendments.changes,
    })
    .from(contestAmendments)
    .where(eq(contestAmendments.contestId, contestId))
    .orderBy(asc(contestAmendments.at), asc(contestAmendments.id));
}

/** A stage contest is scored once any judge's score, knowledge mark or overtime is recorded. */
export async function stageScored(db: Db, contestId: number) {
  const [row] = await db.all<{ scored: number }>(sql`
    SELECT EXISTS (SELECT 1 FROM stage_scores s JOIN stage_parts p ON p.id = s.part_id WHERE p.contest_id = ${contestId})
      OR EXISTS (SELECT 1 FROM stage_knowledge_marks m JOIN stage_parts p ON p.id = m.part_id WHERE p.contest_id = ${contestId})
      OR EXISTS (SELECT 1 FROM stage_part_results r JOIN stage_parts p ON p.id = r.part_id WHERE p.contest_id = ${contestId})
      AS scored`);
  return row?.scored === 1;
}

/** A stage contest is over for its rules once the committee has closed every part (or is at work on it). */
export async function stageOver(db: Db, contest: { id: number; state: string }) {
  if (!["draft", "published"].includes(contest.state)) return true;
  const [row] = await db.all<{ parts: number; open: number }>(sql`
    SELECT count(*) AS parts, sum(closed_at IS NULL) AS open FROM stage_parts WHERE contest_id = ${contest.id}`);
  return (row?.parts ?? 0) > 0 && (row?.open ?? 0) === 0;
}

/** The message a change gets when it needs a reason: the form shows it by the reason field. */
export const AMENDMENT_NEEDS_REASON = "stageSettings.amendmentReason" satisfies MessageKey;
export const STAGE_OVER = "stageSettings.over" satisfies MessageKey;

/** What changes in a part, for an amendment's record ("Phần chào hỏi: giới hạn 7 → 8 phút"). */
export function partChanges(
  name: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  labels: Record<string, string>,
): Change[] {
  if (!before) return [{ field: `Phần thi ${name}`, before: "(chưa có)", after: "thêm mới" }];
  return Object.entries(labels)
    .filter(([key]) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
    .map(([key, label]) => ({
      field: `Phần thi ${name}: ${label}`,
      before: String(before[key] ?? "(không có)"),
      after: String(after[key] ?? "(không có)"),
    }));
}

import type { contestPrizes, contests } from "#db/schema";
import { formatDateTime, formatMoney } from "~/utils/format";
import { questionCount } from "./contest.server";

type Settings = Pick<
  typeof contests.$inferSelect,
  | "title"
  | "wardName"
  | "opensAt"
  | "closesAt"
  | "timeLimitSec"
  | "draw"
  | "pointsPerQuestion"
  | "maxAttempts"
  | "attemptPeriod"
  | "counting"
  | "reviewPolicy"
  | "predictionPrompt"
  | "collectiveRule"
> &
  Partial<Pick<typeof contests.$inferSelect, "entryModes" | "practiceEnabled">>;
type Prize = Pick<typeof contestPrizes.$inferSelect, "category" | "label" | "count" | "amount">;

const CATEGORY = { individual: "giải cá nhân", team: "giải đội", collective: "giải tập thể" } as const;
const PERIOD = { contest: "trong suốt cuộc thi", day: "mỗi ngày", week: "mỗi tuần" } as const;
const COUNTING = {
  best: "lần có kết quả cao nhất",
  first: "lần dự thi đầu tiên",
  last: "lần dự thi cuối cùng",
} as const;
const REVIEW = {
  after_submit:
    "Đáp án và giải thích được hiển thị sau khi nộp bài, khi người dự thi đã dùng hết số lần dự thi (nếu được dự thi theo ngày hoặc theo tuần: khi cuộc thi kết thúc).",
  after_close: "Đáp án và giải thích được công bố sau khi cuộc thi kết thúc.",
  never: "Cuộc thi không công bố đáp án.",
} as const;
const COLLECTIVE = {
  participation_rate: "tỷ lệ người dự thi so với dân số (hoặc số thành viên) của đơn vị",
  entries: "số bài dự thi của đơn vị",
  average_score: "điểm trung bình của đơn vị (mỗi người dự thi tính một bài theo quy định trên)",
  points: "tỷ lệ tham gia (%) cộng điểm giải cá nhân (nhất 10, nhì 8, ba 6, khuyến khích 4)",
} as const;

/** Thể lệ generated from a contest's settings; organisers may edit the text afterwards. */
export function generateRules(c: Settings, prizes: Prize[]) {
  const n = questionCount(c);
  const lines = [
    `1. Đối tượng: công dân, cán bộ, học sinh đang sinh sống, học tập, làm việc trên địa bàn ${c.wardName}. Thành viên ban tổ chức, hội đồng và tổ giúp việc được dự thi nhưng không xét giải.`,
    `2. Thời gian: từ ${formatDateTime(c.opensAt)} đến ${formatDateTime(c.closesAt)} (giờ Việt Nam).`,
    `3. Hình thức: thi trắc nghiệm trực tuyến, mỗi bài gồm ${n} câu hỏi, mỗi câu ${c.pointsPerQuestion} điểm, làm trong ${Math.round(c.timeLimitSec / 60)} phút. Hết giờ, hệ thống tự động nộp bài với các câu đã trả lời.`,
    c.maxAttempts > 1
      ? `4. Số lần dự thi: tối đa ${c.maxAttempts} lần ${PERIOD[c.attemptPeriod]}; tính ${COUNTING[c.counting]}.`
      : `4. Số lần dự thi: mỗi người dự thi 1 lần ${PERIOD[c.attemptPeriod]}.`,
  ];
  if (c.predictionPrompt) {
    lines.push(`5. Câu hỏi dự đoán: ${c.predictionPrompt} Câu dự đoán dùng để xếp hạng khi bằng điểm.`);
  }
  const modes = c.entryModes ?? "individual";
  if (modes !== "individual")
    lines.push(
      `${lines.length + 1}. Dự thi theo đội: ${modes === "team" ? "cuộc thi chỉ nhận bài dự thi theo đội" : "người dự thi có thể dự thi cá nhân, và đội có thể dự thi theo đội"}. Mỗi đội đại diện cho một đơn vị, có đội trưởng và các thành viên do ban tổ chức lập; mỗi người chỉ ở một đội. Đội trưởng làm bài cho cả đội từ trang cuộc thi (nút “Dự thi cho …” tên đội); số lần dự thi và lần được tính như trên áp dụng cho đội, riêng với số lần dự thi cá nhân của đội trưởng. Các thành viên xem bài dự thi của đội trên trang cuộc thi.`,
    );
  if (c.practiceEnabled)
    lines.push(
      `${lines.length + 1}. Thi thử: trong thời gian cuộc thi, người dự thi có thể bấm “Thi thử” để làm thử với cách ra đề như bài chính thức (đề mới mỗi lần), không giới hạn số lần. Bài thi thử không dùng lượt dự thi, không có mã xác nhận và không được tính vào kết quả, xếp giải hay thống kê.`,
    );
  const tieBreak = `điểm cao hơn xếp trên; bằng điểm thì ${c.predictionPrompt ? "dự đoán gần đúng hơn, rồi " : ""}thời gian làm bài ngắn hơn, rồi nộp bài sớm hơn xếp trên.`;
  if (modes !== "team")
    lines.push(`${lines.length + 1}. Xếp giải cá nhân: ${tieBreak} Mỗi người chỉ nhận một giải.`);
  if (modes !== "individual")
    lines.push(
      `${lines.length + 1}. Xếp giải đội (bảng riêng, mỗi đội tính một bài theo quy định trên): ${tieBreak} Mỗi đội chỉ nhận một giải.`,
    );
  lines.push(
    `${lines.length + 1}. Xếp giải tập thể theo ${COLLECTIVE[c.collectiveRule]}. Người không xét giải và người bị loại không được tính cho đơn vị.`,
    `${lines.length + 2}. ${REVIEW[c.reviewPolicy]}`,
  );
  if (prizes.length) {
    const total = prizes.reduce((sum, p) => sum + p.count * p.amount, 0);
    const groups = (["individual", "team", "collective"] as const)
      .map((category) => {
        const items = prizes.filter((p) => p.category === category);
        if (!items.length) return null;
        const list = items.map((p) => `${p.count} giải ${p.label} (${formatMoney(p.amount)})`).join(", ");
        return `${CATEGORY[category]}: ${list}`;
      })
      .filter(Boolean);
    lines.push(
      `${lines.length + 1}. Cơ cấu giải thưởng — ${groups.join("; ")}. Tổng giá trị: ${formatMoney(total)}.`,
    );
  }
  return lines.join("\n");
}

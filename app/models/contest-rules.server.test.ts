import { describe, expect, it } from "vitest";
import { generateRules } from "./contest-rules.server";

const base = {
  title: "Cuộc thi",
  wardName: "Phường Hòa Thuận",
  opensAt: Date.UTC(2026, 3, 5, 1),
  closesAt: Date.UTC(2026, 3, 25, 1),
  timeLimitSec: 1200,
  draw: {
    mode: "category" as const,
    rules: [
      { category: "CCHC" as const, count: 10 },
      { category: "CDS" as const, count: 10 },
    ],
  },
  pointsPerQuestion: 1,
  maxAttempts: 1,
  attemptPeriod: "contest" as const,
  counting: "best" as const,
  reviewPolicy: "after_close" as const,
  predictionPrompt: null,
  collectiveRule: "participation_rate" as const,
};

describe("generated rules (thể lệ)", () => {
  it("states the window in Hà Nội time, the number of questions and the time limit", () => {
    const text = generateRules(base, []);
    expect(text).toContain("từ 08:00 05/04/2026 đến 08:00 25/04/2026");
    expect(text).toContain("mỗi bài gồm 20 câu hỏi");
    expect(text).toContain("làm trong 20 phút");
    expect(text).toContain("mỗi người dự thi 1 lần");
    expect(text).not.toContain("dự đoán");
  });

  it("names the prize categories and mentions the prediction tie-break only when there is one", () => {
    const text = generateRules({ ...base, maxAttempts: 2, predictionPrompt: "Có bao nhiêu bài?" }, [
      { category: "collective", label: "Nhất", count: 1, amount: 800_000 },
      { category: "individual", label: "Nhất", count: 1, amount: 600_000 },
    ]);
    expect(text).toContain("giải cá nhân: 1 giải Nhất (600.000 đ); giải tập thể: 1 giải Nhất (800.000 đ)");
    expect(text).toContain("Tổng giá trị: 1.400.000 đ");
    expect(text).toContain("dự đoán gần đúng hơn");
    expect(text).toContain("tính lần có kết quả cao nhất");
  });
});

describe("generated rules for team entries", () => {
  it("describe how a captain enters for the team and how teams are ranked, only when the contest takes team entries", () => {
    const both = generateRules({ ...base, entryModes: "both" }, [
      { category: "team", label: "Nhất", count: 1, amount: 1_000_000 },
    ]);
    expect(both).toContain("Dự thi theo đội");
    expect(both).toContain("Đội trưởng làm bài cho cả đội");
    expect(both).toContain("Xếp giải cá nhân");
    expect(both).toContain("Xếp giải đội");
    expect(both).toContain("giải đội: 1 giải Nhất (1.000.000 đ)");
    const teamOnly = generateRules({ ...base, entryModes: "team" }, []);
    expect(teamOnly).toContain("cuộc thi chỉ nhận bài dự thi theo đội");
    expect(teamOnly).not.toContain("Xếp giải cá nhân");
    // Contests for individuals keep the text they always had (no hand edit is mistaken for one).
    expect(generateRules({ ...base, entryModes: "individual" }, [])).toBe(generateRules(base, []));
    expect(generateRules(base, [])).not.toContain("đội");
  });
});

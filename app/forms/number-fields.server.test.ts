/**
 * Every numeric field of the organiser's forms reads numbers the way
 * Vietnamese type them: "7,5" and "7.5" the same, or refused with a message;
 * never 75. (The stage part form is tested with the parts, in
 * models/stage-parts.server.test.ts.)
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { createQuestion } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { translate } from "~/utils/i18n";
import { readContestForm } from "./contest-form.server";
import { readStageForm } from "./stage-form.server";

let db: Db;

beforeEach(async () => {
  ({ db } = await createTestDb());
});

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const quiz = (values: Record<string, string>) =>
  form({
    title: "Cuộc thi tìm hiểu CCHC",
    slug: "cuoc-thi-so",
    opensAt: "2026-12-01T08:00",
    closesAt: "2026-12-20T08:00",
    timeLimitMin: "20",
    drawMode: "category",
    "counts.CCHC": "2",
    pointsPerQuestion: "5",
    maxAttempts: "1",
    "prizes[0].label": "Nhất",
    "prizes[0].count": "1",
    "prizes[0].amount": "1.000.000",
    ...values,
  });

describe("the quiz contest form", () => {
  beforeEach(async () => {
    await createQuestion(db);
    await createQuestion(db);
  });

  it("reads a prize of 1.000.000, 1,000,000 or 1 000 000 đồng as the same amount", async () => {
    for (const amount of ["1.000.000", "1,000,000", "1 000 000", "1000000"]) {
      const read = await readContestForm(db, quiz({ "prizes[0].amount": amount }), "Phường Hòa Thuận");
      expect(read.problems, amount).toEqual({});
      expect(read.prizes[0].amount, amount).toBe(1_000_000);
    }
  });

  it("refuses “7.5” or “7,5” minutes with a message instead of a 75-minute quiz", async () => {
    for (const minutes of ["7.5", "7,5"]) {
      const read = await readContestForm(db, quiz({ timeLimitMin: minutes }), "Phường Hòa Thuận");
      expect(read.settings.timeLimitSec).not.toBe(75 * 60);
      expect(read.problems.timeLimitSec).toBe(
        `“${minutes}” có phần thập phân, nhưng ô này chỉ nhận số nguyên.`,
      );
    }
    const points = await readContestForm(db, quiz({ pointsPerQuestion: "0,5" }), "Phường Hòa Thuận");
    expect(points.problems.pointsPerQuestion).toMatch(/chỉ nhận số nguyên/);
    const count = await readContestForm(db, quiz({ "counts.CCHC": "1,5" }), "Phường Hòa Thuận");
    expect(count.problems.draw).toMatch(/chỉ nhận số nguyên/);
    const prize = await readContestForm(db, quiz({ "prizes[0].amount": "1.000.000,5" }), "Phường Hòa Thuận");
    expect(prize.problems.prizes).toMatch(/chỉ nhận số nguyên/);
  });
});

describe("the stage contest settings form", () => {
  const stage = (values: Record<string, string>) =>
    form({
      title: "Hội thi tuyên truyền",
      slug: "hoi-thi-so",
      opensAt: "2026-12-01T08:00",
      closesAt: "2026-12-01T11:00",
      stageAggregation: "mean",
      stageSpreadPct: "20",
      "prizes[0].label": "Nhất",
      "prizes[0].count": "1",
      "prizes[0].amount": "3.000.000",
      ...values,
    });

  it("reads prize amounts grouped either way, and refuses a decimal spread with its message", () => {
    expect(readStageForm(stage({ "prizes[0].amount": "3,000,000" })).prizes[0].amount).toBe(3_000_000);
    expect(readStageForm(stage({})).problems).toEqual({});
    expect(readStageForm(stage({ stageSpreadPct: "2.5" })).problems.stageSpreadPct).toBe(
      "“2.5” có phần thập phân, nhưng ô này chỉ nhận số nguyên.",
    );
    expect(readStageForm(stage({ "prizes[0].count": "1,5" })).problems.prizes).toMatch(/chỉ nhận số nguyên/);
  });
});

describe("unit denominators in an import", () => {
  it("reads 1.200, 1,200 and 1 200 alike, and refuses 7.5 instead of reading 75", async () => {
    const { parseUnitTable } = await import("~/models/units.server");
    const table = {
      headers: ["Tên đơn vị", "Loại", "Mẫu số"],
      rows: [
        { line: 2, cells: ["Tổ 1", "Tổ dân phố", "1.200"] },
        { line: 3, cells: ["Tổ 2", "Tổ dân phố", "1,200"] },
        { line: 4, cells: ["Tổ 3", "Tổ dân phố", "1 200"] },
        { line: 5, cells: ["Tổ 4", "Tổ dân phố", "7.5"] },
      ],
      problems: [],
    };
    const { inputs, problems } = parseUnitTable(table, new Set());
    expect(inputs.map((u) => u.denominator)).toEqual([1200, 1200, 1200]);
    expect(problems.map((p) => ({ ...p, message: translate("vi", p.message) }))).toEqual([
      { line: 5, message: "Mẫu số “7.5” phải là số nguyên không âm." },
    ]);
  });
});

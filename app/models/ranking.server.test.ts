import { describe, expect, it } from "vitest";
import { rankEntries, rankUnits, type Entry, type Prize, type UnitFigures } from "./ranking.server";

const prizes: Prize[] = [
  { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 600_000 },
  { category: "individual", rank: 2, label: "Nhì", count: 1, amount: 450_000 },
  { category: "individual", rank: 4, label: "Khuyến khích", count: 2, amount: 200_000 },
  { category: "collective", rank: 1, label: "Nhất", count: 1, amount: 800_000 },
  { category: "collective", rank: 2, label: "Nhì", count: 1, amount: 600_000 },
];

const entry = (key: string, over: Partial<Entry> = {}): Entry => ({
  key,
  attemptId: `att-${key}`,
  name: key,
  unitId: 1,
  unitName: "Tổ 1",
  score: 18,
  prediction: 240,
  durationMs: 600_000,
  submittedAt: 1_000,
  ...over,
});

const none = () => false;

describe("individual ranking", () => {
  it("breaks exact score ties by prediction, then duration, then submission time, then id", () => {
    const ranked = rankEntries(
      [
        entry("e", { attemptId: "att-b", submittedAt: 2_000 }),
        entry("d", { attemptId: "att-a", submittedAt: 2_000 }),
        entry("c", { submittedAt: 1_500 }),
        entry("b", { durationMs: 500_000 }),
        entry("a", { prediction: 241 }),
        entry("top", { score: 19, prediction: null }),
      ],
      { actual: 241, ineligible: none, disqualified: none, prizes, category: "individual" },
    );
    expect(ranked.map((r) => [r.key, r.rank, r.separatedBy, r.prize?.label ?? null])).toEqual([
      ["top", 1, null, "Nhất"],
      ["a", 2, "score", "Nhì"],
      ["b", 3, "prediction", "Khuyến khích"],
      ["c", 4, "duration", "Khuyến khích"],
      ["d", 5, "submitted", null],
      ["e", 6, "id", null],
    ]);
  });

  it("skips an excluded organiser in first place and a disqualified entry; the next ones move up", () => {
    const ranked = rankEntries(
      [
        entry("organiser", { score: 20 }),
        entry("cheat", { score: 19 }),
        entry("x", { score: 17 }),
        entry("y", { score: 16 }),
      ],
      {
        actual: 241,
        ineligible: (e) => e.key === "organiser",
        disqualified: (e) => e.key === "cheat",
        prizes,
        category: "individual",
      },
    );
    expect(ranked.map((r) => [r.key, r.status, r.rank, r.prize?.label ?? null])).toEqual([
      ["organiser", "ineligible", null, null],
      ["cheat", "disqualified", null, null],
      ["x", "ranked", 1, "Nhất"],
      ["y", "ranked", 2, "Nhì"],
    ]);
  });

  it("is deterministic: computed twice from shuffled input, byte-identical", () => {
    const entries = Array.from({ length: 200 }, (_, i) =>
      entry(`p${i}`, {
        attemptId: `att-${(i * 7919) % 1000}`,
        score: i % 5,
        prediction: i % 3 ? 200 + (i % 50) : null,
        durationMs: 300_000 + (i % 4) * 1000,
        submittedAt: i % 6,
      }),
    );
    const opts = {
      actual: 241,
      ineligible: none,
      disqualified: none,
      prizes,
      category: "individual" as const,
    };
    const once = JSON.stringify(rankEntries(entries, opts));
    const twice = JSON.stringify(rankEntries([...entries].reverse(), opts));
    expect(twice).toBe(once);
  });
});

describe("collective ranking", () => {
  const units: UnitFigures[] = [
    {
      unitId: 1,
      name: "Tổ 1",
      kind: "to_dan_pho",
      denominator: 400,
      participants: 40,
      entries: 41,
      averageScore: 15,
    },
    {
      unitId: 2,
      name: "Tổ 2",
      kind: "to_dan_pho",
      denominator: 100,
      participants: 20,
      entries: 20,
      averageScore: 17,
    },
    {
      unitId: 3,
      name: "Trường",
      kind: "school",
      denominator: 50,
      participants: 10,
      entries: 60,
      averageScore: 12,
    },
    {
      unitId: 4,
      name: "Không mẫu số",
      kind: "other",
      denominator: null,
      participants: 5,
      entries: 70,
      averageScore: 19,
    },
    {
      unitId: 5,
      name: "Tổ 5",
      kind: "to_dan_pho",
      denominator: 300,
      participants: 0,
      entries: 0,
      averageScore: null,
    },
  ];
  const base = { prizes, individual: [], disqualifiedUnits: new Set<number>() };

  it("by participation rate: 20% beats 10%, a unit without denominator comes after, none without participants is ranked", () => {
    const ranked = rankUnits(units, { ...base, rule: "participation_rate" });
    // The school (10/50) and Tổ 2 (20/100) tie at 20%; the school's 60 entries put it first.
    expect(ranked.map((u) => [u.unitId, u.rank, u.prize?.label ?? null])).toEqual([
      [3, 1, "Nhất"],
      [2, 2, "Nhì"],
      [1, 3, null],
      [4, 4, null],
      [5, null, null],
    ]);
    expect(ranked[1].separatedBy).toBe("entries");
    expect(ranked[2].separatedBy).toBe("participationRate");
  });

  it("by entries, by average score, and skipping a disqualified unit", () => {
    expect(rankUnits(units, { ...base, rule: "entries" }).map((u) => u.unitId)).toEqual([4, 3, 1, 2, 5]);
    expect(rankUnits(units, { ...base, rule: "average_score" }).map((u) => u.unitId)).toEqual([
      4, 2, 1, 3, 5,
    ]);
    const withoutSchool = rankUnits(units, { ...base, rule: "entries", disqualifiedUnits: new Set([4]) });
    expect(withoutSchool.map((u) => [u.unitId, u.rank])).toEqual([
      [4, null],
      [3, 1],
      [1, 2],
      [2, 3],
      [5, null],
    ]);
  });

  it("by points: rate % plus 10/8/6/4 for the members' individual prizes", () => {
    const individual = rankEntries(
      [entry("a", { unitId: 1, score: 20 }), entry("b", { unitId: 1, score: 19 })],
      { actual: null, ineligible: none, disqualified: none, prizes, category: "individual" },
    );
    const ranked = rankUnits(units, { ...base, rule: "points", individual });
    const t1 = ranked.find((u) => u.unitId === 1)!;
    expect(t1.prizePoints).toBe(18);
    expect(t1.points).toBeCloseTo(10 + 18);
    expect(ranked[0].unitId).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { drawQuestions, type BankQuestion } from "./draw.server";
import { receiptCode, scoreAnswers } from "./scoring.server";

describe("scoring", () => {
  const questions = [
    { questionId: 1, correct: [11], points: 1 },
    { questionId: 2, correct: [21, 23], points: 2 },
    { questionId: 3, correct: [31], points: 1 },
  ];
  it("gives points only for exactly the correct set of options", () => {
    const result = scoreAnswers(
      questions,
      new Map([
        [1, [11]],
        [2, [23, 21]],
        [3, [32]],
      ]),
    );
    expect(result).toEqual({ score: 3, correctCount: 2, maxScore: 4 });
  });
  it("gives nothing for ticking every option of a multiple-choice question or for no answer", () => {
    const result = scoreAnswers(questions, new Map([[2, [21, 22, 23]]]));
    expect(result).toEqual({ score: 0, correctCount: 0, maxScore: 4 });
  });
  it("makes receipt codes that change with the score and can be recomputed", () => {
    const a = receiptCode("att1", 1000, 18);
    expect(a).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(receiptCode("att1", 1000, 18)).toBe(a);
    expect(receiptCode("att1", 1000, 19)).not.toBe(a);
  });
});

function bank(): BankQuestion[] {
  const q = (id: number, category: "CCHC" | "CDS", kind: BankQuestion["kind"] = "single"): BankQuestion => ({
    id,
    kind,
    category,
    prompt: `Q${id}`,
    explanation: null,
    legalSource: null,
    options:
      kind === "true_false"
        ? [
            { id: id * 10 + 1, text: "Đúng", isCorrect: true },
            { id: id * 10 + 2, text: "Sai", isCorrect: false },
          ]
        : [1, 2, 3, 4].map((k) => ({ id: id * 10 + k, text: `O${k}`, isCorrect: k === 1 })),
  });
  return [q(1, "CCHC"), q(2, "CCHC"), q(3, "CCHC"), q(4, "CDS"), q(5, "CDS"), q(6, "CDS", "true_false")];
}

/** A seeded generator so the draw is repeatable in tests. */
function seeded(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
}

describe("drawing questions", () => {
  it("takes N per category with no repeats and numbers them from 1", () => {
    const drawn = drawQuestions(
      bank(),
      {
        mode: "category",
        rules: [
          { category: "CCHC", count: 2 },
          { category: "CDS", count: 2 },
        ],
      },
      { shuffleQuestions: true, shuffleOptions: true },
      seeded(7),
    );
    expect(drawn).toHaveLength(4);
    expect(drawn.filter((q) => q.category === "CCHC")).toHaveLength(2);
    expect(new Set(drawn.map((q) => q.questionId)).size).toBe(4);
    expect(drawn.map((q) => q.position)).toEqual([1, 2, 3, 4]);
  });
  it("keeps the correct key with the option ids whatever the option order", () => {
    const drawn = drawQuestions(
      bank(),
      { mode: "fixed", questionIds: [1, 2, 3, 4, 5] },
      { shuffleQuestions: false, shuffleOptions: true },
      seeded(3),
    );
    for (const q of drawn) expect(q.correct).toEqual([q.questionId * 10 + 1]);
    expect(drawn.map((q) => q.questionId)).toEqual([1, 2, 3, 4, 5]);
    // With 5 questions of 4 options, a shuffle that moves nothing would be a broken shuffle.
    expect(drawn.some((q) => q.options[0].id !== q.questionId * 10 + 1)).toBe(true);
  });
  it("keeps Đúng before Sai for true/false questions", () => {
    for (let seed = 1; seed < 20; seed++) {
      const [q] = drawQuestions(
        bank(),
        { mode: "fixed", questionIds: [6] },
        { shuffleQuestions: true, shuffleOptions: true },
        seeded(seed),
      );
      expect(q.options.map((o) => o.text)).toEqual(["Đúng", "Sai"]);
    }
  });
  it("gives different people different orders", () => {
    const rule = {
      mode: "category" as const,
      rules: [
        { category: "CCHC" as const, count: 3 },
        { category: "CDS" as const, count: 3 },
      ],
    };
    const orders = new Set(
      Array.from({ length: 10 }, () =>
        drawQuestions(bank(), rule, { shuffleQuestions: true, shuffleOptions: true })
          .map((q) => q.questionId)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
  it("refuses to draw from a bank that is too small", () => {
    expect(() =>
      drawQuestions(
        bank(),
        { mode: "category", rules: [{ category: "CDS", count: 4 }] },
        { shuffleQuestions: false, shuffleOptions: false },
      ),
    ).toThrow("start.bankTooSmall");
  });
});

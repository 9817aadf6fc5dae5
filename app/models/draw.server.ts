import { randomInt } from "node:crypto";
import type { DrawRule, OptionSnapshot, Picture, QuestionCategory } from "#db/schema";
import { DomainError } from "~/utils/errors";

export type BankQuestion = {
  id: number;
  kind: "single" | "multiple" | "true_false";
  category: QuestionCategory;
  prompt: string;
  image?: Picture | null;
  explanation: string | null;
  legalSource: string | null;
  options: { id: number; text: string; image?: Picture | null; isCorrect: boolean }[];
};

export type DrawnQuestion = Omit<BankQuestion, "options" | "id"> & {
  questionId: number;
  position: number;
  options: OptionSnapshot[];
  correct: number[];
};

/** Random integer in [0, n); injectable so tests can draw deterministically. */
export type RandomInt = (n: number) => number;
export const secureRandomInt: RandomInt = (n) => randomInt(n);

export function shuffle<T>(items: readonly T[], random: RandomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** What the draw needs to know of a question to pick it: the start reads no more of the bank than this. */
export type BankEntry = { id: number; category: QuestionCategory };

/**
 * Picks the questions of one attempt, in order, from the active bank.
 * Category rules take N at random per category; a fixed list keeps its
 * order unless questions are shuffled.
 */
export function pickQuestions<Q extends BankEntry>(
  bank: Q[],
  rule: DrawRule,
  opts: { shuffleQuestions: boolean },
  random: RandomInt = secureRandomInt,
): Q[] {
  let picked: Q[];
  if (rule.mode === "fixed") {
    const byId = new Map(bank.map((q) => [q.id, q]));
    picked = rule.questionIds.map((id) => {
      const q = byId.get(id);
      if (!q) throw new DomainError("start.bankTooSmall", 409);
      return q;
    });
  } else {
    picked = rule.rules.flatMap(({ category, count }) => {
      const pool = bank.filter((q) => q.category === category);
      if (pool.length < count) throw new DomainError("start.bankTooSmall", 409);
      return shuffle(pool, random).slice(0, count);
    });
  }
  return opts.shuffleQuestions ? shuffle(picked, random) : picked;
}

/** Draws the questions of one attempt from the active bank: picks them, then snapshots them. */
export function drawQuestions(
  bank: BankQuestion[],
  rule: DrawRule,
  opts: { shuffleQuestions: boolean; shuffleOptions: boolean },
  random: RandomInt = secureRandomInt,
): DrawnQuestion[] {
  return snapshotQuestions(pickQuestions(bank, rule, opts, random), opts, random);
}

/**
 * The attempt's own copy of the picked questions, numbered in order, options
 * shuffled when the contest says so (true/false keep "Đúng, Sai" order).
 */
export function snapshotQuestions(
  picked: BankQuestion[],
  opts: { shuffleOptions: boolean },
  random: RandomInt = secureRandomInt,
): DrawnQuestion[] {
  return picked.map((q, i) => {
    const options = opts.shuffleOptions && q.kind !== "true_false" ? shuffle(q.options, random) : q.options;
    return {
      questionId: q.id,
      position: i + 1,
      kind: q.kind,
      category: q.category,
      prompt: q.prompt,
      image: q.image ?? null,
      explanation: q.explanation,
      legalSource: q.legalSource,
      // An option's picture only when it has one: most snapshots stay as short as before.
      options: options.map(({ id, text, image }) => (image ? { id, text, image } : { id, text })),
      correct: options
        .filter((o) => o.isCorrect)
        .map((o) => o.id)
        .sort((a, b) => a - b),
    };
  });
}

import { createHmac } from "node:crypto";
import { appSecret } from "~/utils/env.server";

export type KeyedQuestion = { questionId: number; correct: number[]; points: number };

/** Normalises a selection: unique option ids, ascending. */
export function normaliseSelection(ids: number[]) {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/**
 * All-or-nothing scoring: a question earns its points only when the chosen
 * set equals the correct set exactly (so ticking every box of a
 * multiple-choice question earns nothing).
 */
export function scoreAnswers(questions: KeyedQuestion[], selected: Map<number, number[]>) {
  let score = 0;
  let correctCount = 0;
  let maxScore = 0;
  for (const q of questions) {
    maxScore += q.points;
    const chosen = normaliseSelection(selected.get(q.questionId) ?? []);
    const key = normaliseSelection(q.correct);
    if (chosen.length === key.length && chosen.every((id, i) => id === key[i])) {
      score += q.points;
      correctCount += 1;
    }
  }
  return { score, correctCount, maxScore };
}

const RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * Mã xác nhận: an HMAC of the entry's identity, time and score, so the
 * ward can check a receipt a resident shows without trusting the screenshot.
 */
export function receiptCode(attemptId: string, submittedAt: number, score: number) {
  const mac = createHmac("sha256", appSecret()).update(`${attemptId}|${submittedAt}|${score}`).digest();
  let code = "";
  for (let i = 0; i < 10; i++) code += RECEIPT_ALPHABET[mac[i] % RECEIPT_ALPHABET.length];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Pure rules about when a person may start an attempt and which attempt counts. */
import { DomainError } from "~/utils/errors";
import { vnDay, vnWeek } from "~/utils/vietnam-time";

/** Seconds after the deadline during which answers still in flight are accepted. */
export const GRACE_MS = 5_000;

/** The deadline of an attempt: the time limit, cut short by the contest's close. */
export function attemptDeadline(startedAt: number, timeLimitSec: number, closesAt: number) {
  return Math.min(startedAt + timeLimitSec * 1000, closesAt);
}

export type ContestWindow = {
  state: "draft" | "published" | "review" | "locked" | "announced";
  opensAt: number;
  closesAt: number;
  maxAttempts: number;
  attemptPeriod: "contest" | "day" | "week";
};

/** Whether `startedAt` falls in the same allowance period (contest, Hà Nội day or week) as `now`. */
export function inSamePeriod(period: ContestWindow["attemptPeriod"], startedAt: number, now: number) {
  if (period === "day") return vnDay(startedAt) === vnDay(now);
  if (period === "week") return vnWeek(startedAt) === vnWeek(now);
  return true;
}

/** Throws a DomainError with the reason a new attempt cannot start now. */
export function assertCanStart(contest: ContestWindow, previousStarts: number[], now: number) {
  if (contest.state === "draft") throw new DomainError("start.notPublished", 404);
  if (now < contest.opensAt) throw new DomainError("start.notOpenYet", 409);
  if (now >= contest.closesAt || contest.state !== "published") {
    throw new DomainError("start.closed", 409);
  }
  const samePeriod = previousStarts.filter((startedAt) =>
    inSamePeriod(contest.attemptPeriod, startedAt, now),
  );
  if (samePeriod.length >= contest.maxAttempts) {
    throw new DomainError(
      contest.attemptPeriod === "contest" ? "start.noAttemptsLeft" : "start.noAttemptsLeftPeriod",
      409,
    );
  }
}

type Scored = {
  id: string;
  score: number | null;
  durationMs: number | null;
  submittedAt: number | null;
};

/**
 * The attempt that counts for a person under the contest's rule. "best" takes
 * the highest score, then the shortest duration, then the earliest.
 */
export function countedAttempt<T extends Scored>(
  attempts: T[],
  counting: "best" | "first" | "last",
): T | undefined {
  const scored = attempts
    .filter((a) => a.score !== null && a.submittedAt !== null)
    .sort((a, b) => a.submittedAt! - b.submittedAt! || a.id.localeCompare(b.id));
  if (counting === "first") return scored[0];
  if (counting === "last") return scored[scored.length - 1];
  return scored.reduce<T | undefined>((best, a) => {
    if (!best) return a;
    if (a.score! !== best.score!) return a.score! > best.score! ? a : best;
    return (a.durationMs ?? Infinity) < (best.durationMs ?? Infinity) ? a : best;
  }, undefined);
}

/**
 * Thi thử (practice mode): while a contest that allows it is open, a resident
 * may take practice attempts with the contest's draw rules, as many as they
 * like. A practice attempt is never recorded: no ranking (individual, team,
 * collective), no statistics or exports, no receipt, no allowance used, no
 * committee review. This module holds the one condition every query of
 * entries uses to leave practice attempts out.
 */
import { eq, sql } from "drizzle-orm";
import { attempts } from "#db/schema";
import { DomainError } from "~/utils/errors";

/** Raw SQL over the `attempts` table (unaliased): the attempt is an entry, not practice. */
export const RECORDED = sql.raw("practice = 0");

/** The same over an alias, e.g. `recordedAs("a")` for `FROM attempts a`. */
export const recordedAs = (alias: string) => sql.raw(`${alias}.practice = 0`);

/** The same for the query builder: `.where(and(…, recordedOnly))`. */
export const recordedOnly = eq(attempts.practice, false);

/**
 * Throws unless a practice attempt may start now: the contest allows
 * practice, is a published quiz and is open. Attempts used do not matter.
 */
export function assertCanPractise(
  contest: {
    kind: "quiz" | "stage" | "season";
    state: string;
    practiceEnabled: boolean;
    opensAt: number;
    closesAt: number;
  },
  now: number,
) {
  if (contest.kind !== "quiz" || !contest.practiceEnabled) throw new DomainError("practice.off", 409);
  if (contest.state === "draft") throw new DomainError("start.notPublished", 404);
  if (now < contest.opensAt) throw new DomainError("start.notOpenYet", 409);
  if (now >= contest.closesAt || contest.state !== "published") throw new DomainError("start.closed", 409);
}

/** Whether the contest page should offer "Thi thử" now. */
export function practiceOffered(contest: Parameters<typeof assertCanPractise>[0], now: number): boolean {
  try {
    assertCanPractise(contest, now);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

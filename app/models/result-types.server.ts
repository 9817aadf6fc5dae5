/**
 * The shape of a contest's computed results, for quizzes and stage contests
 * alike: computed by results.server.ts, digested for lock approvals by
 * committee.server.ts, which therefore import it from here and not each other.
 */
import type { RankedEntry, RankedUnit } from "./ranking.server";
import type { StageBreakdown } from "./stage-results.server";

export type ContestResults = {
  contestId: number;
  actual: number | null;
  individual: RankedEntry[];
  teams: RankedEntry[];
  collective: RankedUnit[];
  totalAmount: number;
  /** Stage contests: parts, every team's part scores, and ties left to the committee. */
  stage?: StageBreakdown;
};

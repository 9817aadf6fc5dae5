/**
 * The shape of a contest's computed results, for quizzes and stage contests
 * alike: computed by results.server.ts, digested for lock approvals by
 * committee.server.ts, which therefore import it from here and not each other.
 */
import type { CollectiveRule, RankedEntry, RankedUnit } from "./ranking.server";
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
  /** Seasons: the rules across rounds, the rounds, and the round prizes as settled. */
  season?: SeasonBreakdown;
};

export type SeasonAggregate = "sum" | "best" | "average";
export type SeasonPrizeRule = "highest" | "first" | "none";

export type SeasonRules = {
  aggregate: SeasonAggregate;
  prizeRule: SeasonPrizeRule;
  /** Round numbers a person must have entered to be ranked for the season; empty: any one round. */
  requiredRounds: number[];
  collectiveRule: CollectiveRule;
};

/** A round prize as the season settles it: received, or given up for a higher one in another round. */
export type RoundPrize = {
  roundNo: number;
  key: string;
  name: string;
  unitName: string | null;
  prize: { label: string; amount: number; rank: number };
  supersededBy: number | null;
};

export type SeasonBreakdown = {
  rules: SeasonRules;
  rounds: {
    roundNo: number;
    contestId: number;
    slug: string;
    title: string;
    state: string;
    actual: number | null;
  }[];
  roundPrizes: RoundPrize[];
  /** What the round prizes people receive add up to. */
  roundPrizesAmount: number;
};

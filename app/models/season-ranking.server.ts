/**
 * A season's rules across its rounds, as plain functions over the rounds'
 * results (frozen snapshots or live rankings), so they can be checked by
 * hand: who a round passes over for a prize already held, the season's
 * individual ranking (sum, best or average of the rounds), its collective
 * ranking of units, and which round prizes each person actually receives.
 */
import {
  rankEntries,
  rankUnits,
  type CollectiveRule,
  type Entry,
  type Prize,
  type PrizeSlot,
  type RankedEntry,
  type RankedUnit,
} from "./ranking.server";
import type {
  ContestResults,
  RoundPrize,
  SeasonAggregate,
  SeasonBreakdown,
  SeasonPrizeRule,
  SeasonRules,
} from "./result-types.server";

export type { SeasonAggregate, SeasonPrizeRule, SeasonRules };

export type SeasonRound = {
  roundNo: number;
  contestId: number;
  slug: string;
  title: string;
  state: SeasonBreakdown["rounds"][number]["state"];
  results: ContestResults;
};

/** Entries that count for the season: a disqualified round entry counts for nothing. */
const counts = (e: RankedEntry) => e.status !== "disqualified";
const roundName = (n: number) => `Đợt ${n}`;

/**
 * The best individual prize rank each person holds from earlier rounds
 * (their frozen results): a later round passes them over by the season's rule.
 */
export function prizesHeld(earlier: ContestResults[]) {
  const held = new Map<string, number>();
  for (const r of earlier)
    for (const e of r.individual)
      if (e.prize) held.set(e.key, Math.min(held.get(e.key) ?? Infinity, e.prize.rank));
  return held;
}

/**
 * One prize per person across rounds. "first": whoever already won in an
 * earlier round is passed over. "highest": passed over unless this round's
 * prize is higher (a smaller rank) than the one held; a higher one then
 * supersedes the earlier (see `settleRoundPrizes`). "none": no rule.
 */
export function passOverRule(rule: SeasonPrizeRule, held: Map<string, number>) {
  if (rule === "none" || held.size === 0) return undefined;
  return (e: Entry, slot: PrizeSlot) => {
    const earlier = held.get(e.key);
    if (earlier === undefined) return false;
    return rule === "first" || earlier <= slot.rank;
  };
}

/** Each round's individual winners, in round order, and which prize each person receives. */
export function settleRoundPrizes(rounds: SeasonRound[], rule: SeasonPrizeRule): RoundPrize[] {
  const won: RoundPrize[] = rounds.flatMap((r) =>
    r.results.individual
      .filter((e) => e.prize)
      .map((e) => ({
        roundNo: r.roundNo,
        key: e.key,
        name: e.name,
        unitName: e.unitName,
        prize: e.prize!,
        supersededBy: null,
      })),
  );
  if (rule !== "highest") return won;
  const kept = new Map<string, RoundPrize>();
  for (const p of won) {
    const best = kept.get(p.key);
    if (!best || p.prize.rank < best.prize.rank) kept.set(p.key, p);
  }
  return won.map((p) => {
    const best = kept.get(p.key)!;
    return best === p ? p : { ...p, supersededBy: best.roundNo };
  });
}

type Person = {
  key: string;
  name: string;
  unitId: number | null;
  unitName: string | null;
  scores: Map<number, RankedEntry>;
  ineligible: boolean;
};

function peopleOf(rounds: SeasonRound[]) {
  const people = new Map<string, Person>();
  for (const r of rounds)
    for (const e of r.results.individual) {
      if (!counts(e)) continue;
      let p = people.get(e.key);
      if (!p) people.set(e.key, (p = { ...e, scores: new Map(), ineligible: false }));
      // The latest round's name and unit are the person's now.
      Object.assign(p, { name: e.name, unitId: e.unitId, unitName: e.unitName });
      p.scores.set(r.roundNo, e);
      if (e.status === "ineligible") p.ineligible = true;
    }
  return people;
}

function aggregate(scores: number[], how: SeasonAggregate) {
  if (how === "best") return Math.max(...scores);
  const sum = scores.reduce((s, x) => s + x, 0);
  return how === "sum" ? sum : Math.round((sum / scores.length) * 100) / 100;
}

/**
 * A person's season entry. Score: the rounds' scores aggregated; then, as a
 * round breaks ties: the sum over their rounds of |prediction − actual|
 * (a round whose figure they did not predict counts as missing it by
 * everything), the total time taken, the latest submission, the person.
 */
function seasonEntry(p: Person, rounds: SeasonRound[], how: SeasonAggregate): Entry {
  const entered = rounds.filter((r) => p.scores.has(r.roundNo));
  let distance = 0;
  for (const r of entered) {
    const e = p.scores.get(r.roundNo)!;
    if (r.results.actual === null) continue;
    distance = e.prediction === null ? Infinity : distance + Math.abs(e.prediction - r.results.actual);
  }
  const own = entered.map((r) => p.scores.get(r.roundNo)!);
  return {
    key: p.key,
    attemptId: p.key,
    name: p.name,
    unitId: p.unitId,
    unitName: p.unitName,
    score: aggregate(
      own.map((e) => e.score),
      how,
    ),
    prediction: Number.isFinite(distance) ? distance : null,
    durationMs: own.reduce((s, e) => s + e.durationMs, 0),
    submittedAt: Math.max(...own.map((e) => e.submittedAt)),
  };
}

/**
 * The season's results from its rounds' results: individuals ranked by the
 * aggregate (each row's `parts` are its round scores, and `prediction` is its
 * total distance from the rounds' actual figures), units over the season
 * (distinct participants, entries of all rounds, average of their members'
 * season scores, points from season prizes), and the round prizes settled.
 */
export function rankSeason(
  seasonId: number,
  rounds: SeasonRound[],
  rules: SeasonRules,
  prizes: Prize[],
  disqualified: { users: Set<string>; units: Set<number> },
): ContestResults & { season: SeasonBreakdown } {
  const people = peopleOf(rounds);
  const missing = (p: Person) => rules.requiredRounds.some((n) => !p.scores.has(n));
  const unitOf = (e: Entry) => e.unitId;
  const ranked = rankEntries(
    [...people.values()].map((p) => seasonEntry(p, rounds, rules.aggregate)),
    {
      // Distances are already measured from each round's actual figure.
      actual: 0,
      category: "individual",
      prizes,
      ineligible: (e) => people.get(e.key)!.ineligible || missing(people.get(e.key)!),
      disqualified: (e) => disqualified.users.has(e.key.slice(1)) || disqualified.units.has(unitOf(e) ?? -1),
    },
  );
  const individual = ranked.map((e): RankedEntry => {
    const p = people.get(e.key)!;
    return {
      ...e,
      status: e.status === "ineligible" && !p.ineligible ? "missing_rounds" : e.status,
      parts: rounds.map((r) => ({
        name: roundName(r.roundNo),
        score: p.scores.get(r.roundNo)?.score ?? null,
      })),
    };
  });
  const collective = rankSeasonUnits(rounds, individual, rules.collectiveRule, prizes, disqualified.units);
  const roundPrizes = settleRoundPrizes(rounds, rules.prizeRule);
  const totalAmount = [...individual, ...collective].reduce((s, r) => s + (r.prize?.amount ?? 0), 0);
  return {
    contestId: seasonId,
    actual: null,
    individual,
    teams: [],
    collective,
    totalAmount,
    season: {
      rules,
      rounds: rounds.map((r) => ({
        roundNo: r.roundNo,
        contestId: r.contestId,
        slug: r.slug,
        title: r.title,
        state: r.state,
        actual: r.results.actual,
      })),
      roundPrizes,
      roundPrizesAmount: roundPrizes.reduce((s, p) => s + (p.supersededBy === null ? p.prize.amount : 0), 0),
    },
  };
}

export type SeasonUnit = RankedUnit & {
  rounds: { roundNo: number; participants: number; entries: number }[];
};

/**
 * Units over the season: participants are the distinct people of the unit
 * who count for the season (ranked, or short of a required round), entries
 * add up the rounds' entries, the average is of their season scores, and
 * points come from the season's individual prizes. Each unit keeps its
 * figures round by round.
 */
function rankSeasonUnits(
  rounds: SeasonRound[],
  individual: RankedEntry[],
  rule: CollectiveRule,
  prizes: Prize[],
  disqualifiedUnits: Set<number>,
): SeasonUnit[] {
  const perRound = new Map<number, SeasonUnit["rounds"]>();
  const base = new Map<number, Pick<RankedUnit, "unitId" | "name" | "kind" | "denominator">>();
  for (const r of rounds)
    for (const u of r.results.collective) {
      base.set(u.unitId, { unitId: u.unitId, name: u.name, kind: u.kind, denominator: u.denominator });
      const list = perRound.get(u.unitId) ?? [];
      list.push({ roundNo: r.roundNo, participants: u.participants, entries: u.entries });
      perRound.set(u.unitId, list);
    }
  const members = new Map<number, number[]>();
  for (const e of individual)
    if ((e.status === "ranked" || e.status === "missing_rounds") && e.unitId !== null)
      members.set(e.unitId, [...(members.get(e.unitId) ?? []), e.score]);
  const figures = [...base.values()].map((u) => {
    const scores = members.get(u.unitId) ?? [];
    return {
      ...u,
      participants: scores.length,
      entries: (perRound.get(u.unitId) ?? []).reduce((s, r) => s + r.entries, 0),
      averageScore: scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null,
    };
  });
  return rankUnits(figures, { rule, prizes, individual, disqualifiedUnits }).map((u) => ({
    ...u,
    rounds: rounds.map(
      (r) =>
        perRound.get(u.unitId)?.find((x) => x.roundNo === r.roundNo) ?? {
          roundNo: r.roundNo,
          participants: 0,
          entries: 0,
        },
    ),
  }));
}

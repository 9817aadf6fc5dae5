/**
 * Prize ranking as plain functions over plain data, so it can be tested by
 * hand and computed twice with byte-identical results.
 */

export type Entry = {
  /** The ranked subject: a person (individual table) or a team (team table). */
  key: string;
  attemptId: string;
  name: string;
  unitId: number | null;
  unitName: string | null;
  score: number;
  prediction: number | null;
  durationMs: number;
  submittedAt: number;
};

/** Quiz rules first; stage contests add the tie-break part, the committee's decision, or "unresolved". */
export type TieRule =
  "score" | "prediction" | "duration" | "submitted" | "id" | "tiebreak" | "committee" | "unresolved";

export type Prize = {
  category: "individual" | "team" | "collective";
  rank: number;
  label: string;
  count: number;
  amount: number;
};

export type RankedEntry = Entry & {
  /** 1-based position among eligible entries; null when skipped. */
  rank: number | null;
  /**
   * prized_earlier: a season's round passes over a person who already holds a
   * prize from an earlier round (one prize per person); missing_rounds: a
   * season passes over a person who did not enter every required round.
   */
  status: "ranked" | "ineligible" | "disqualified" | "prized_earlier" | "missing_rounds";
  prize: { label: string; amount: number; rank: number } | null;
  /** The rule that put this entry below the one above it. */
  separatedBy: TieRule | null;
  /** Stage contests: each part's score in points (null while unscored), in the parts' order. */
  parts?: { name: string; score: number | null }[];
  /** Stage contests: how a tie on the total with a neighbouring team was settled. */
  tie?: StageTie | null;
};

/**
 * A stage team level on total points with the team just above or below it:
 * which of them is placed higher (`above`), and by what: the tie-break part
 * (e.g. the skit), the committee's decision, or nothing yet.
 */
export type StageTie = {
  rule: "tiebreak" | "committee" | "unresolved";
  other: string;
  above: boolean;
  part: string | null;
};

const distance = (e: Entry, actual: number | null) =>
  actual === null || e.prediction === null ? Number.POSITIVE_INFINITY : Math.abs(e.prediction - actual);

/** Which rule orders a before b (or null if they are identical on every rule). */
export function separatingRule(a: Entry, b: Entry, actual: number | null): TieRule | null {
  if (a.score !== b.score) return "score";
  if (distance(a, actual) !== distance(b, actual)) return "prediction";
  if (a.durationMs !== b.durationMs) return "duration";
  if (a.submittedAt !== b.submittedAt) return "submitted";
  if (a.attemptId !== b.attemptId) return "id";
  return null;
}

/** score desc → |prediction − actual| asc → duration asc → submitted asc → attempt id. */
export function compareEntries(a: Entry, b: Entry, actual: number | null) {
  return (
    b.score - a.score ||
    distance(a, actual) - distance(b, actual) ||
    a.durationMs - b.durationMs ||
    a.submittedAt - b.submittedAt ||
    (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0)
  );
}

/** The prize table expanded to one slot per prize, best first. */
export function prizeSlots(prizes: Prize[], category: Prize["category"]) {
  return prizes
    .filter((p) => p.category === category)
    .sort((a, b) => a.rank - b.rank)
    .flatMap((p) =>
      Array.from({ length: p.count }, () => ({ label: p.label, amount: p.amount, rank: p.rank })),
    );
}

export type PrizeSlot = ReturnType<typeof prizeSlots>[number];

/**
 * Ranks entries (one per person or team). Ineligible (staff, exclusion list)
 * and disqualified entries stay in the list for the committee but take no
 * place and no prize; the next entry moves up. So does an entry `passOver`
 * refuses the prize it would get next (a season's one prize per person).
 */
export function rankEntries(
  entries: Entry[],
  opts: {
    actual: number | null;
    ineligible: (e: Entry) => boolean;
    disqualified: (e: Entry) => boolean;
    prizes: Prize[];
    category: "individual" | "team";
    passOver?: (e: Entry, slot: PrizeSlot) => boolean;
  },
): RankedEntry[] {
  const sorted = [...entries].sort((a, b) => compareEntries(a, b, opts.actual));
  const slots = prizeSlots(opts.prizes, opts.category);
  let place = 0;
  return sorted.map((e, i): RankedEntry => {
    let status: RankedEntry["status"] = opts.disqualified(e)
      ? "disqualified"
      : opts.ineligible(e)
        ? "ineligible"
        : "ranked";
    if (status === "ranked" && place < slots.length && opts.passOver?.(e, slots[place]))
      status = "prized_earlier";
    const rank = status === "ranked" ? ++place : null;
    // Field by field, not `{ ...e, rank, … }`: V8 builds spread-and-extend objects in a slow
    // mode, ~15 µs each, 1.5 s for 100,000 entries.
    return {
      key: e.key,
      attemptId: e.attemptId,
      name: e.name,
      unitId: e.unitId,
      unitName: e.unitName,
      score: e.score,
      prediction: e.prediction,
      durationMs: e.durationMs,
      submittedAt: e.submittedAt,
      rank,
      status,
      prize: rank !== null ? (slots[rank - 1] ?? null) : null,
      separatedBy: i === 0 ? null : separatingRule(sorted[i - 1], e, opts.actual),
    };
  });
}

export type UnitFigures = {
  unitId: number;
  name: string;
  kind: string;
  denominator: number | null;
  participants: number;
  entries: number;
  averageScore: number | null;
};

export type CollectiveRule = "participation_rate" | "entries" | "average_score" | "points";

export type RankedUnit = UnitFigures & {
  participationRate: number | null;
  prizePoints: number;
  points: number | null;
  rank: number | null;
  status: "ranked" | "disqualified" | "no_participants";
  prize: { label: string; amount: number; rank: number } | null;
  separatedBy: string | null;
  /** Seasons: the unit's figures round by round. */
  rounds?: { roundNo: number; participants: number; entries: number }[];
};

/** Points for individual prizes won by a unit's members: nhất 10, nhì 8, ba 6, others (khuyến khích) 4. */
export function prizePointsFor(rank: number) {
  return rank === 1 ? 10 : rank === 2 ? 8 : rank === 3 ? 6 : 4;
}

const FIGURE_ORDER = ["participationRate", "entries", "averageScore"] as const;

/**
 * Collective ranking by the contest's rule; ties broken by the next figure
 * (participation rate, entries, average score), then the unit's id. A unit
 * without a denominator has no rate and ranks after those with one.
 */
export function rankUnits(
  units: UnitFigures[],
  opts: { rule: CollectiveRule; prizes: Prize[]; individual: RankedEntry[]; disqualifiedUnits: Set<number> },
): RankedUnit[] {
  const points = new Map<number, number>();
  for (const e of opts.individual) {
    if (e.prize && e.unitId !== null)
      points.set(e.unitId, (points.get(e.unitId) ?? 0) + prizePointsFor(e.prize.rank));
  }
  const rows = units.map((u) => {
    const participationRate = u.denominator ? u.participants / u.denominator : null;
    const prizePoints = points.get(u.unitId) ?? 0;
    return {
      ...u,
      participationRate,
      prizePoints,
      points: participationRate === null ? null : participationRate * 100 + prizePoints,
    };
  });
  const primary =
    opts.rule === "participation_rate"
      ? "participationRate"
      : opts.rule === "entries"
        ? "entries"
        : opts.rule === "average_score"
          ? "averageScore"
          : "points";
  const keys = [primary, ...FIGURE_ORDER.filter((k) => k !== primary)] as const;
  const value = (r: (typeof rows)[number], k: (typeof keys)[number]) => r[k] ?? Number.NEGATIVE_INFINITY;
  const sorted = [...rows].sort((a, b) => {
    // Units nobody from has entered are listed last, unranked.
    if ((a.participants === 0) !== (b.participants === 0)) return a.participants === 0 ? 1 : -1;
    for (const k of keys) {
      const d = value(b, k) - value(a, k);
      if (d !== 0) return d;
    }
    return a.unitId - b.unitId;
  });
  const slots = prizeSlots(opts.prizes, "collective");
  let place = 0;
  return sorted.map((r, i) => {
    const status = opts.disqualifiedUnits.has(r.unitId)
      ? "disqualified"
      : r.participants === 0
        ? "no_participants"
        : "ranked";
    const rank = status === "ranked" ? ++place : null;
    const prev = sorted[i - 1];
    return {
      ...r,
      rank,
      status,
      prize: rank !== null ? (slots[rank - 1] ?? null) : null,
      separatedBy: prev ? (keys.find((k) => value(prev, k) !== value(r, k)) ?? "id") : null,
    };
  });
}

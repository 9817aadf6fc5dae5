/**
 * Stage contest scoring as plain functions over plain data: judges' scores
 * aggregated per part, penalties, knowledge marks, team totals and the
 * ranking with its tie-breaks. Points are kept as integers: judges' scores
 * in tenths, part scores and totals in hundredths (rounded half up once per
 * part, as a jury's score sheet does), so equal totals compare exactly.
 */
import { prizeSlots, type Prize } from "./ranking.server";

export type Aggregation = "mean" | "trimmed_mean";

/** The trimmed mean drops the highest and lowest score only with at least this many judges. */
export const TRIM_MIN_JUDGES = 5;

export type StagePart = {
  id: number;
  name: string;
  maxScore: number;
  scoring: "judges" | "knowledge";
  timeLimitSec: number | null;
  overtimePenaltyPerMin: number | null;
  /** Points per started minute under the part's minimum time (absent: none). */
  undertimePenaltyPerMin?: number | null;
  isTieBreak: boolean;
  knowledgePoints: number | null;
};

export type StageTeam = {
  id: number;
  number: number;
  name: string;
  unitId: number | null;
  unitName: string | null;
  committeeTieOrder: number | null;
};

export type JudgeScore = {
  partId: number;
  teamId: number;
  judgeUserId: number;
  judgeUnitId: number | null;
  totalTenths: number;
};

export type KnowledgeMark = { partId: number; teamId: number; correct: boolean };
/** Seconds over a part's limit and (timed by the stopwatch) under its minimum. */
export type Overtime = { partId: number; teamId: number; overtimeSec: number; undertimeSec?: number };

/** Aggregates one team's judge totals (tenths) for a part into hundredths; null when nobody scored. */
export function aggregateJudges(totalsTenths: number[], rule: Aggregation) {
  if (totalsTenths.length === 0) return { hundredths: null, counted: 0, trimmed: false };
  const sorted = [...totalsTenths].sort((a, b) => a - b);
  const trimmed = rule === "trimmed_mean" && sorted.length >= TRIM_MIN_JUDGES;
  const used = trimmed ? sorted.slice(1, -1) : sorted;
  const sum = used.reduce((s, v) => s + v, 0);
  return { hundredths: Math.round((sum * 10) / used.length), counted: used.length, trimmed };
}

/** Penalty points for going over the time limit: so many points per started minute. */
export function overtimePenalty(overtimeSec: number, perMinute: number | null) {
  if (!perMinute || overtimeSec <= 0) return 0;
  return Math.ceil(overtimeSec / 60) * perMinute;
}

/** Knowledge part: points per right answer, never above the part's maximum. */
export function knowledgeScore(correct: number, pointsPerQuestion: number, maxScore: number) {
  return Math.min(maxScore, correct * pointsPerQuestion);
}

/** Judges disagree when their totals differ by more than spreadPct % of the part's maximum. */
export function judgesDisagree(totalsTenths: number[], maxScore: number, spreadPct: number) {
  if (totalsTenths.length < 2) return false;
  const spreadTenths = Math.max(...totalsTenths) - Math.min(...totalsTenths);
  return spreadTenths * 100 > maxScore * 10 * spreadPct;
}

export type TeamPartScore = {
  partId: number;
  /** Judges' scores saved that count (own-unit judges' never do), before any trimming. */
  judges: number;
  /** Scores left out because the judge belongs to the team's unit or performs in the team. */
  ownUnitExcluded: number;
  trimmed: boolean;
  /**
   * With the trimmed mean: the full jury would be trimmed, but fewer than
   * TRIM_MIN_JUDGES may score this team (the others belong to its unit or
   * perform in it), so its score is the plain mean of those who may.
   */
  fewerJudges: boolean;
  /** Before penalties; null while nobody has scored (or marked) the team. */
  rawHundredths: number | null;
  penaltyHundredths: number;
  overtimeSec: number;
  /** Seconds short of the part's minimum time (a skit of 8–15 minutes that ran 7). */
  undertimeSec: number;
  /** max(0, raw − penalty); null while unscored. */
  hundredths: number | null;
  disagreement: boolean;
};

export type StageTeamScore = StageTeam & {
  /** Jury members who may score this team: not from its unit, not performing in it. */
  eligibleJudges: number;
  /** Jury members who may not (conflict of interest). */
  conflictedJudges: number;
  parts: TeamPartScore[];
  totalHundredths: number;
  tieBreakHundredths: number;
};

/** A judge may not score a team of their own unit, nor one they perform in. */
export function conflicted(
  team: Pick<StageTeam, "id" | "unitId">,
  judgeUserId: number,
  judgeUnitId: number | null,
  performers: Set<string>,
) {
  return (team.unitId !== null && judgeUnitId === team.unitId) || performers.has(`${team.id}:${judgeUserId}`);
}

/** Every team's part scores and total. */
export function scoreTeams(input: {
  parts: StagePart[];
  teams: StageTeam[];
  scores: JudgeScore[];
  marks: KnowledgeMark[];
  overtime: Overtime[];
  aggregation: Aggregation;
  spreadPct: number;
  /** The jury; without it, the judges who saved a score. */
  jury?: { id: number; unitId: number | null }[];
  /** Judges who perform in a team (team members with the judge's account). */
  performers?: { teamId: number; userId: number }[];
}): StageTeamScore[] {
  const performers = new Set((input.performers ?? []).map((p) => `${p.teamId}:${p.userId}`));
  const jury = input.jury ?? [
    ...new Map(
      input.scores.map((s) => [s.judgeUserId, { id: s.judgeUserId, unitId: s.judgeUnitId }]),
    ).values(),
  ];
  return input.teams.map((team) => {
    const conflictedJudges = jury.filter((j) => conflicted(team, j.id, j.unitId, performers)).length;
    const eligibleJudges = jury.length - conflictedJudges;
    const parts = input.parts.map((part): TeamPartScore => {
      const timing = input.overtime.find((o) => o.partId === part.id && o.teamId === team.id);
      const overtimeSec = timing?.overtimeSec ?? 0;
      // Penalties may have one decimal (0,5 per minute): rounded once to whole hundredths.
      const penaltyHundredths = Math.round(
        (overtimePenalty(overtimeSec, part.overtimePenaltyPerMin) +
          overtimePenalty(timing?.undertimeSec ?? 0, part.undertimePenaltyPerMin ?? null)) *
          100,
      );
      let raw: { hundredths: number | null; trimmed: boolean };
      let judges = 0;
      let ownUnitExcluded = 0;
      let disagreement = false;
      if (part.scoring === "knowledge") {
        const marks = input.marks.filter((m) => m.partId === part.id && m.teamId === team.id);
        const right = marks.filter((m) => m.correct).length;
        raw = {
          hundredths: marks.length
            ? knowledgeScore(right, part.knowledgePoints ?? 1, part.maxScore) * 100
            : null,
          trimmed: false,
        };
      } else {
        const all = input.scores.filter((s) => s.partId === part.id && s.teamId === team.id);
        const valid = all.filter((s) => !conflicted(team, s.judgeUserId, s.judgeUnitId, performers));
        ownUnitExcluded = all.length - valid.length;
        const totals = valid.map((s) => s.totalTenths);
        raw = aggregateJudges(totals, input.aggregation);
        judges = totals.length;
        disagreement = judgesDisagree(totals, part.maxScore, input.spreadPct);
      }
      return {
        partId: part.id,
        judges,
        ownUnitExcluded,
        trimmed: raw.trimmed,
        fewerJudges:
          part.scoring === "judges" &&
          input.aggregation === "trimmed_mean" &&
          judges > 0 &&
          conflictedJudges > 0 &&
          jury.length >= TRIM_MIN_JUDGES &&
          eligibleJudges < TRIM_MIN_JUDGES,
        rawHundredths: raw.hundredths,
        penaltyHundredths,
        overtimeSec,
        undertimeSec: timing?.undertimeSec ?? 0,
        hundredths: raw.hundredths === null ? null : Math.max(0, raw.hundredths - penaltyHundredths),
        disagreement,
      };
    });
    const tieBreakIds = new Set(input.parts.filter((p) => p.isTieBreak).map((p) => p.id));
    return {
      ...team,
      eligibleJudges,
      conflictedJudges,
      parts,
      totalHundredths: parts.reduce((s, p) => s + (p.hundredths ?? 0), 0),
      tieBreakHundredths: parts
        .filter((p) => tieBreakIds.has(p.partId))
        .reduce((s, p) => s + (p.hundredths ?? 0), 0),
    };
  });
}

/** What put a team below the one above it. "unresolved": still tied, the committee must decide. */
export type StageTieRule = "total" | "tiebreak" | "committee" | "unresolved";

export type RankedStageTeam = StageTeamScore & {
  rank: number | null;
  status: "ranked" | "disqualified";
  prize: { label: string; amount: number; rank: number } | null;
  separatedBy: StageTieRule | null;
};

const committeeOrder = (t: StageTeamScore) => t.committeeTieOrder ?? Number.POSITIVE_INFINITY;

function separating(a: StageTeamScore, b: StageTeamScore): StageTieRule {
  if (a.totalHundredths !== b.totalHundredths) return "total";
  if (a.tieBreakHundredths !== b.tieBreakHundredths) return "tiebreak";
  if (committeeOrder(a) !== committeeOrder(b)) return "committee";
  return "unresolved";
}

/**
 * Total desc → tie-break part (the skit) desc → the committee's decision →
 * team number (only to list them; the tie stays "unresolved" and blocks the lock
 * when it decides a prize).
 */
export function rankTeams(
  scored: StageTeamScore[],
  opts: { prizes: Prize[]; disqualified: (t: StageTeamScore) => boolean },
): RankedStageTeam[] {
  const sorted = [...scored].sort(
    (a, b) =>
      b.totalHundredths - a.totalHundredths ||
      b.tieBreakHundredths - a.tieBreakHundredths ||
      committeeOrder(a) - committeeOrder(b) ||
      a.number - b.number,
  );
  const slots = prizeSlots(opts.prizes, "team");
  let place = 0;
  return sorted.map((t, i) => {
    const status = opts.disqualified(t) ? "disqualified" : "ranked";
    const rank = status === "ranked" ? ++place : null;
    return {
      ...t,
      rank,
      status,
      prize: rank !== null ? (slots[rank - 1] ?? null) : null,
      separatedBy: i === 0 ? null : separating(sorted[i - 1], t),
    };
  });
}

/**
 * Ties the committee still has to decide: runs of neighbouring ranked teams
 * that no rule separates and that do not all get the same prize. Each run is
 * decided as a whole (a three-way tie needs a full order, not two pairs).
 */
export function unresolvedPrizeTies(ranked: RankedStageTeam[]) {
  const list = ranked.filter((t) => t.status === "ranked");
  const groups: RankedStageTeam[][] = [];
  let run: RankedStageTeam[] = [];
  const close = () => {
    const prizes = new Set(run.map((t) => `${t.prize?.label}|${t.prize?.amount}`));
    if (run.length > 1 && prizes.size > 1) groups.push(run);
  };
  for (const [i, team] of list.entries()) {
    if (i > 0 && separating(list[i - 1], team) === "unresolved") run.push(team);
    else {
      close();
      run = [team];
    }
  }
  close();
  return groups;
}

/** Points from hundredths for display: 85.33. */
export const points = (hundredths: number) => hundredths / 100;

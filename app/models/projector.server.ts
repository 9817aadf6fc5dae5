/**
 * What the projector in the hall shows of a stage contest
 * (`/contests/:slug/scoreboard` and the `scoreboard.json` it polls every 2
 * seconds): the board, the performance being timed, the knowledge question
 * on cue and the audience vote. Public (the hall sees it): hidden totals and
 * unrevealed answers are left out here, not merely hidden on screen.
 */
import type { Db } from "#db/client";
import { DomainError } from "~/utils/errors";
import { formatWindow } from "~/utils/stage-time";
import { projectorAudienceVote } from "./audience-vote.server";
import { getContestBySlug } from "./contest.server";
import { currentResults } from "./results.server";
import { projectorKnowledge } from "./stage-knowledge.server";
import { eligibleJudges } from "./stage-results.server";
import { TRIM_MIN_JUDGES } from "./stage-scoring.server";
import { runningTimer } from "./stage-timing.server";

/** The projector's data; `origin` makes the vote's QR code an absolute address. */
export async function projectorBoard(db: Db, slug: string, origin: string) {
  const contest = await getContestBySlug(db, slug);
  if (contest.kind !== "stage") throw new DomainError("contest.notFound", 404);
  const [{ results }, timer, audienceVote, knowledge] = await Promise.all([
    currentResults(db, contest.id),
    runningTimer(db, contest.id),
    projectorAudienceVote(db, contest, origin),
    projectorKnowledge(db, contest.id),
  ]);
  const stage = results.stage!;
  // Hidden totals are never sent to the browser, not merely hidden on screen.
  const hidden = contest.stageHideTotals && contest.state !== "announced";
  const teams = hidden ? [...stage.teams].sort((a, b) => a.number - b.number) : stage.teams;
  // Teams the rules cannot separate share a place until the committee decides.
  const shownRank = new Map<number, number | null>();
  teams.forEach((t, i) =>
    shownRank.set(t.id, t.separatedBy === "unresolved" && i > 0 ? shownRank.get(teams[i - 1].id)! : t.rank),
  );
  const scored = (t: (typeof teams)[number]) => t.parts.some((p) => p.hundredths !== null);
  return {
    title: contest.title,
    wardName: contest.wardName,
    hidden,
    at: Date.now(),
    trimMin: TRIM_MIN_JUDGES,
    // The audience vote: its QR code and count while open (the whole screen), the prize once closed.
    audienceVote,
    // The knowledge question the MC has on the projector (its answer only once revealed), or null.
    knowledge,
    // The performance being timed: its team, the server's start and the allowed time.
    timer: timer && {
      teamName: timer.teamName,
      startedAt: timer.startedAt,
      window: formatWindow(timer.minTimeSec, timer.timeLimitSec),
    },
    parts: stage.parts.map((p) => ({
      id: p.id,
      name: p.name,
      maxScore: p.maxScore,
      byJudges: p.scoring === "judges",
      closed: p.closedAt !== null,
    })),
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      // A team nobody has scored yet has no place and no total: "0" would read as its result.
      rank: hidden || !scored(t) ? null : shownRank.get(t.id)!,
      prize: contest.state === "announced" ? (t.prize?.label ?? null) : null,
      total: hidden || !scored(t) ? null : t.totalHundredths,
      conflicted: t.conflictedJudges,
      parts: t.parts.map((p) => ({
        partId: p.partId,
        score: hidden ? null : p.hundredths,
        done: p.hundredths !== null,
        judges: p.judges,
        of: eligibleJudges(stage, t),
        fewerJudges: p.fewerJudges,
      })),
    })),
  };
}

export type ProjectorBoard = Awaited<ReturnType<typeof projectorBoard>>;

/**
 * The audience vote of a stage contest (giải khán giả bình chọn): held when
 * the contest's settings say so, opened and closed on the organiser's cue,
 * one vote per account (a later vote while open replaces the earlier one).
 * The team or teams with most votes once the vote is closed win the prize; a
 * tie shares it, no votes give no prize. Once the committee has locked the
 * results nothing about the vote changes: no vote, no opening, no closing.
 */
import { and, count, eq, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { contests, disqualifications, stageAudienceVotes, teams } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditBy } from "./audit.server";
import { isFinal, loadStageContest, stageTeams } from "./stage.server";
import { qrSvg } from "~/utils/qr-code.server";

type Contest = typeof contests.$inferSelect;

/** Where a contest's vote stands. A lock ends an open vote: nothing is counted after it. */
export type AudienceVoteState = "off" | "notOpened" | "open" | "closed";

export function audienceVoteState(
  contest: Pick<Contest, "audienceVote" | "audienceVoteOpenedAt" | "audienceVoteClosedAt" | "state">,
): AudienceVoteState {
  if (!contest.audienceVote) return "off";
  if (contest.audienceVoteOpenedAt === null) return "notOpened";
  return contest.audienceVoteClosedAt === null && !isFinal(contest.state) ? "open" : "closed";
}

/** The contest still takes changes to its vote: not locked or announced (checked again in each write). */
const notFinal = notInArray(contests.state, ["locked", "announced"]);

/** Teams with an active disqualification: they take no votes and win no prize. */
async function disqualifiedTeams(db: Db, contestId: number) {
  const rows = await db
    .select({ targetId: disqualifications.targetId })
    .from(disqualifications)
    .where(
      and(
        eq(disqualifications.contestId, contestId),
        eq(disqualifications.targetKind, "team"),
        isNull(disqualifications.revokedAt),
      ),
    );
  return new Set(rows.map((r) => Number(r.targetId)));
}

/** Votes per team (every team, by number), the total, the leader(s) and where the vote stands. */
export async function audienceTally(db: Db, contestId: number) {
  const contest = await loadStageContest(db, contestId);
  const [teamRows, counts, out] = await Promise.all([
    stageTeams(db, contestId),
    db
      .select({ teamId: stageAudienceVotes.teamId, votes: count() })
      .from(stageAudienceVotes)
      .where(eq(stageAudienceVotes.contestId, contestId))
      .groupBy(stageAudienceVotes.teamId),
    disqualifiedTeams(db, contestId),
  ]);
  const votes = teamRows.map((t) => ({
    teamId: t.id,
    number: t.number,
    name: t.name,
    votes: counts.find((c) => c.teamId === t.id)?.votes ?? 0,
    disqualified: out.has(t.id),
  }));
  const total = votes.reduce((s, v) => s + v.votes, 0);
  const top = Math.max(0, ...votes.filter((v) => !v.disqualified).map((v) => v.votes));
  const leaders = top > 0 ? votes.filter((v) => !v.disqualified && v.votes === top) : [];
  const state = audienceVoteState(contest);
  return {
    contestId,
    slug: contest.slug,
    state,
    open: state === "open",
    final: isFinal(contest.state),
    openedAt: contest.audienceVoteOpenedAt,
    closedAt: contest.audienceVoteClosedAt,
    votes,
    total,
    top,
    leaders: leaders.map((v) => ({ teamId: v.teamId, name: v.name, votes: v.votes })),
    /** The prize: the leaders once the vote is closed (a tie shares it), none without votes. */
    winners:
      state === "closed" ? leaders.map((v) => ({ teamId: v.teamId, name: v.name, votes: v.votes })) : [],
  };
}

export type AudienceTally = Awaited<ReturnType<typeof audienceTally>>;

/** "Mở bình chọn": opens the vote, or reopens a closed one (audited as a reopening) until the results are locked. */
export async function openAudienceVote(db: Db, input: { contestId: number; actor: Actor }, now = Date.now()) {
  authorize(input.actor, "stage.mark");
  const contest = await loadStageContest(db, input.contestId);
  if (isFinal(contest.state)) throw new DomainError("audienceVote.locked", 409);
  const state = audienceVoteState(contest);
  if (state === "off") throw new DomainError("audienceVote.off", 409);
  if (contest.state === "draft") throw new DomainError("audienceVote.draft", 409);
  // Pressed on a second device after the first: nothing to do.
  if (state === "open") return { reopened: false };
  const reopened = state === "closed";
  const [changed] = await db.batch([
    db
      .update(contests)
      .set({
        audienceVoteOpenedAt: reopened ? contest.audienceVoteOpenedAt : now,
        audienceVoteClosedAt: null,
      })
      .where(and(eq(contests.id, contest.id), notFinal, eq(contests.audienceVote, true)))
      .returning({ id: contests.id }),
    auditBy(
      db,
      input.actor,
      reopened ? "stage.vote.reopen" : "stage.vote.open",
      ["contest", contest.id],
      reopened ? { before: { closedAt: contest.audienceVoteClosedAt }, after: { reopenedAt: now } } : {},
      now,
    ),
  ]);
  // Locked between the read and the write: the audit row stands for an attempt that changed nothing.
  if (changed.length === 0) throw new DomainError("audienceVote.locked", 409);
  return { reopened };
}

/** "Đóng bình chọn": stamps the closing time and records the count at that moment in the audit log. */
export async function closeAudienceVote(
  db: Db,
  input: { contestId: number; actor: Actor },
  now = Date.now(),
) {
  authorize(input.actor, "stage.mark");
  const contest = await loadStageContest(db, input.contestId);
  if (isFinal(contest.state)) throw new DomainError("audienceVote.locked", 409);
  const state = audienceVoteState(contest);
  if (state === "off") throw new DomainError("audienceVote.off", 409);
  if (state === "notOpened") throw new DomainError("audienceVote.notOpenToClose", 409);
  if (state === "closed") return audienceTally(db, contest.id);
  const [changed] = await db.batch([
    db
      .update(contests)
      .set({ audienceVoteClosedAt: now })
      .where(and(eq(contests.id, contest.id), notFinal, isNull(contests.audienceVoteClosedAt)))
      .returning({ id: contests.id }),
    auditBy(db, input.actor, "stage.vote.close", ["contest", contest.id], {}, now),
  ]);
  if (changed.length === 0) {
    const again = await loadStageContest(db, contest.id);
    if (isFinal(again.state)) throw new DomainError("audienceVote.locked", 409);
  }
  const tally = await audienceTally(db, contest.id);
  await auditBy(
    db,
    input.actor,
    "stage.vote.tally",
    ["contest", contest.id],
    { after: { total: tally.total, votes: tally.votes.map((v) => [v.number, v.votes]) } },
    now,
  );
  return tally;
}

/**
 * A vote from any signed-in account for a team of the contest, while the vote
 * is open. One row per account: voting again replaces the team. The write
 * itself checks that the vote is still open and the results not locked, so a
 * vote racing the organiser's "Đóng" either lands before it or not at all.
 */
export async function castAudienceVote(
  db: Db,
  input: { contestId: number; teamId: number; user: Actor & { id: number } },
  now = Date.now(),
) {
  authorize(input.user, "stage.vote");
  const contest = await loadStageContest(db, input.contestId);
  const refusal = voteRefusal(contest);
  if (refusal) throw new DomainError(refusal, 409);
  const [team] = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.id, input.teamId), eq(teams.contestId, contest.id)));
  if (!team) throw new DomainError("audienceVote.noTeam", 422);
  if ((await disqualifiedTeams(db, contest.id)).has(team.id))
    throw new DomainError("audienceVote.teamDisqualified", 409);
  const before = await myAudienceVote(db, contest.id, input.user.id);
  const written = await db.run(sql`
    INSERT INTO ${stageAudienceVotes} (contest_id, user_id, team_id, created_at)
    SELECT ${contest.id}, ${input.user.id}, ${team.id}, ${now}
    WHERE EXISTS (
      SELECT 1 FROM ${contests}
      WHERE ${contests.id} = ${contest.id} AND ${contests.audienceVote} = 1
        AND ${contests.audienceVoteOpenedAt} IS NOT NULL AND ${contests.audienceVoteClosedAt} IS NULL
        AND ${contests.state} NOT IN ('locked', 'announced')
    )
    ON CONFLICT (contest_id, user_id) DO UPDATE SET team_id = excluded.team_id, created_at = excluded.created_at`);
  if (written.rowsAffected === 0) {
    // Closed or locked since the first read: say which.
    throw new DomainError(
      voteRefusal(await loadStageContest(db, contest.id)) ?? "audienceVote.closedRefused",
      409,
    );
  }
  return { teamId: team.id, teamName: team.name, replaced: before !== null && before !== team.id };
}

function voteRefusal(contest: Contest) {
  const state = audienceVoteState(contest);
  if (state === "off") return "audienceVote.off" as const;
  if (isFinal(contest.state)) return "audienceVote.locked" as const;
  if (state === "notOpened") return "audienceVote.notOpen" as const;
  if (state === "closed") return "audienceVote.closedRefused" as const;
  return null;
}

/** The team this account voted for in the contest, if any. */
export async function myAudienceVote(db: Db, contestId: number, userId: number) {
  const [row] = await db
    .select({ teamId: stageAudienceVotes.teamId })
    .from(stageAudienceVotes)
    .where(and(eq(stageAudienceVotes.contestId, contestId), eq(stageAudienceVotes.userId, userId)));
  return row?.teamId ?? null;
}

/**
 * The vote as the results publish it (results.json's `audienceVote`, the
 * winners page): votes per team, the total and the prize's team names; null
 * when the contest holds no vote.
 */
export async function audienceVoteResults(db: Db, contest: Pick<Contest, "id" | "kind" | "audienceVote">) {
  if (contest.kind !== "stage" || !contest.audienceVote) return null;
  const tally = await audienceTally(db, contest.id);
  return {
    votes: tally.votes.map((v) => ({ team: v.name, votes: v.votes })),
    total: tally.total,
    winners: tally.winners.map((w) => w.name),
    /** Each winner's votes (the same for all: they tie). */
    winnerVotes: tally.top,
    state: tally.state,
  };
}

/**
 * What the projector shows of the vote: nothing unless it has been opened;
 * while open the voting page's address and its QR code with the live count;
 * once closed the prize. `origin` is the address the projector was opened at.
 */
export async function projectorAudienceVote(
  db: Db,
  contest: Pick<Contest, "id" | "slug" | "title">,
  origin: string,
) {
  const tally = await audienceTally(db, contest.id);
  if (tally.state === "off" || tally.state === "notOpened") return null;
  const url = `${origin}/contests/${contest.slug}/vote`;
  return {
    title: contest.title,
    open: tally.open,
    url,
    qrSvg: tally.open ? await qrSvg(url, 360) : null,
    total: tally.total,
    top: tally.top,
    teams: tally.votes
      .filter((v) => !v.disqualified)
      .map((v) => ({ id: v.teamId, name: v.name, votes: v.votes })),
    winners: tally.winners.map((w) => w.name),
  };
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { announcedResults } from "~/models/results.server";
import { audienceVoteResults } from "~/models/audience-vote.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { translate } from "~/utils/i18n";
import { tieReason } from "~/components/results/tie-reason";

/** DESIGN.md: GET /api/contests/:slug/results.json, only once announced. */
export async function loader({ params }: LoaderFunctionArgs) {
  try {
    const { contest, announcedAt, winners } = await announcedResults(db, params.slug ?? "");
    const vote = await audienceVoteResults(db, contest);
    const omitRank = <T extends { prizeRank: number }>({ prizeRank: _rank, ...rest }: T) => rest;
    // A stage team: its part scores and, in words, how a tie on the total was settled.
    const team = (w: (typeof winners.teams)[number]) => {
      if (!("parts" in w)) return omitRank(w);
      const { tie, ...rest } = omitRank(w);
      return { ...rest, tieReason: tieReason(tie, (key, vars) => translate("vi", key, vars)) };
    };
    return Response.json(
      {
        contest: {
          slug: contest.slug,
          title: contest.title,
          status: contest.state,
          opensAt: new Date(contest.opensAt).toISOString(),
          closesAt: new Date(contest.closesAt).toISOString(),
          announcedAt: announcedAt ? new Date(announcedAt).toISOString() : null,
          predictionActual: winners.actual,
          totalAmount: winners.totalAmount,
        },
        individual: winners.individual.map(omitRank),
        teams: winners.teams.map(team),
        collective: winners.collective.map(omitRank),
        // A stage contest's audience vote (giải khán giả bình chọn); null when it holds none.
        audienceVote: vote && { votes: vote.votes, total: vote.total, winners: vote.winners },
      },
      { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
    );
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.code }, { status: error.status });
    throw error;
  }
}

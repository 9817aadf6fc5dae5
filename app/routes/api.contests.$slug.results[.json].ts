import type { LoaderFunctionArgs } from "@remix-run/node";
import { announcedResults } from "~/models/results.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";

/** DESIGN.md: GET /api/contests/:slug/results.json, only once announced. */
export async function loader({ params }: LoaderFunctionArgs) {
  try {
    const { contest, announcedAt, winners } = await announcedResults(db, params.slug ?? "");
    const omitRank = <T extends { prizeRank: number }>({ prizeRank: _rank, ...rest }: T) => rest;
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
        teams: winners.teams.map(omitRank),
        collective: winners.collective.map(omitRank),
      },
      { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
    );
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.code }, { status: error.status });
    throw error;
  }
}

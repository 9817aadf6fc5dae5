import type { LoaderFunctionArgs } from "@remix-run/node";
import { announcedSeasonResults, publicSeasonResults } from "~/models/seasons.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";

/** DESIGN.md: GET /api/seasons/:slug/results.json, only once the season is announced. */
export async function loader({ params }: LoaderFunctionArgs) {
  try {
    const { season, announcedAt, results } = await announcedSeasonResults(db, params.slug ?? "");
    return Response.json(publicSeasonResults(season, announcedAt, results), {
      headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" },
    });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.code }, { status: error.status });
    throw error;
  }
}

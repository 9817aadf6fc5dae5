import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicSeasonStats, seasonStats } from "~/models/season-stats.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";

/** DESIGN.md: GET /api/seasons/:slug/stats.json: per unit per round, and the season's totals. */
export async function loader({ params }: LoaderFunctionArgs) {
  try {
    const stats = await seasonStats(db, params.slug ?? "", Date.now());
    return Response.json(publicSeasonStats(stats), {
      headers: { "Cache-Control": "public, max-age=30", "Access-Control-Allow-Origin": "*" },
    });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.code }, { status: error.status });
    throw error;
  }
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { contestStats, publicStats } from "~/models/stats.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";

/** DESIGN.md: GET /api/contests/:slug/stats.json, for ward portals to embed. */
export async function loader({ params }: LoaderFunctionArgs) {
  try {
    const stats = await contestStats(db, params.slug ?? "");
    const open = stats.contest.status === "open";
    return Response.json(publicStats(stats), {
      headers: {
        // Open contests change by the minute; closed ones hardly ever.
        "Cache-Control": open
          ? "public, max-age=30, stale-while-revalidate=30"
          : "public, max-age=300, stale-while-revalidate=600",
        "Access-Control-Allow-Origin": "*",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.code }, { status: error.status });
    throw error;
  }
}

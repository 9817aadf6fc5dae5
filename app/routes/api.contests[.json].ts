import { listPublicContests } from "~/models/contest.server";
import { db } from "~/utils/db.server";

/** Public list of contests for ward portals (DESIGN.md: GET /api/contests.json). */
export async function loader() {
  const contests = await listPublicContests(db, Date.now());
  return Response.json(
    {
      contests: contests.map((c) => ({
        slug: c.slug,
        title: c.title,
        kind: c.kind,
        status: c.status,
        opensAt: new Date(c.opensAt).toISOString(),
        closesAt: new Date(c.closesAt).toISOString(),
      })),
    },
    { headers: { "Cache-Control": "public, max-age=30", "Access-Control-Allow-Origin": "*" } },
  );
}

import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";

export async function loader() {
  await db.run(sql`select 1`);
  // Which worker answered: lets operators (and the cluster test) see that every worker serves.
  return new Response("ok", {
    headers: { "Cache-Control": "no-store", "X-Worker": process.env.WORKER_INDEX ?? "1" },
  });
}

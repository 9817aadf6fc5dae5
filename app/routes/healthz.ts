import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";

export async function loader() {
  await db.run(sql`select 1`);
  return new Response("ok", { headers: { "Cache-Control": "no-store" } });
}

import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { serverFetch } from "./server-fetch";
import * as schema from "./schema";

export type Db = LibSQLDatabase<typeof schema>;
export { schema };

export const DEFAULT_DATABASE_URL = "file:data/hoithi.db";

export function databaseUrl() {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/**
 * Opens a database. For an embedded file the pragmas are set on its one
 * connection. We never call `client.transaction()`: libSQL hands that
 * connection to the transaction and lazily opens a fresh one (without our
 * pragmas) for everything else, and an interactive transaction held across
 * `await`s blocks every other request of this process on the write lock.
 * All multi-statement writes go through `db.batch([...])`, which runs on the
 * same connection in one BEGIN…COMMIT. See docs/decisions/001-writes-without-interactive-transactions.md.
 */
export async function openDatabase(url = databaseUrl()): Promise<{ db: Db; client: Client }> {
  const isFile = url.startsWith("file:");
  if (isFile) {
    const file = url.slice("file:".length);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const client = createClient({
    url,
    authToken: process.env.DATABASE_AUTH_TOKEN,
    intMode: "number",
    // A libSQL server (sqld) over HTTP, perhaps a replica: see server-fetch.ts.
    fetch: isFile ? undefined : serverFetch(),
  });
  client.transaction = () => {
    throw new Error("Interactive transactions are not used in Hội Thi; use db.batch().");
  };
  if (isFile) {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute("PRAGMA foreign_keys = ON");
    await client.execute("PRAGMA synchronous = NORMAL");
  }
  return { db: drizzle(client, { schema }), client };
}

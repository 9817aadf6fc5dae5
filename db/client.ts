import type { Client } from "@libsql/client";
import { Sqlite3Client } from "@libsql/client/sqlite3";
import Database from "libsql";
// Not drizzle-orm/libsql: that one loads all of @libsql/client (HTTP, WebSocket), ~18 MB per process
// that only a libSQL server needs (openServer loads it then). This one takes any client.
import type { LibSQLDatabase } from "drizzle-orm/libsql/driver-core";
import { drizzle } from "drizzle-orm/libsql/sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { serverFetch } from "./server-fetch";
import { cacheStatements } from "./statement-cache";
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
  const client = url.startsWith("file:") ? openFile(url.slice("file:".length)) : await openServer(url);
  client.transaction = () => {
    throw new Error("Interactive transactions are not used in Hội Thi; use db.batch().");
  };
  if (client.protocol === "file") {
    // The busy timeout first: a worker starting at the same moment as another (or during its WAL
    // recovery) then waits for the lock instead of failing on the first statement.
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA foreign_keys = ON");
    await client.execute("PRAGMA synchronous = NORMAL");
  }
  return { db: drizzle(client, { schema }), client };
}

/**
 * An embedded database file, with its prepared statements kept for reuse (statement-cache.ts).
 * Sqlite3Client's constructor is internal to @libsql/client, so package.json pins it exactly and
 * db/driver-internals.test.ts fails if an upgrade changes what we rely on.
 */
function openFile(file: string): Client {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new Database(file);
  cacheStatements(database);
  return new Sqlite3Client(file, {}, database, "number");
}

/** A libSQL server (sqld) over HTTP, perhaps a replica: see server-fetch.ts. */
async function openServer(url: string): Promise<Client> {
  const { createClient } = await import("@libsql/client");
  return createClient({
    url,
    authToken: process.env.DATABASE_AUTH_TOKEN,
    intMode: "number",
    fetch: serverFetch(),
  });
}

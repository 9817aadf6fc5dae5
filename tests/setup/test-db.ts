import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "#db/client";
import { migrateDatabase } from "#db/migrate";

/**
 * A fresh, migrated database: its own temp file, or under `npm run test:sqld`
 * this test worker's sqld emptied (every table dropped) and migrated again.
 * TEST_SQLD_URL is set only by tests/sqld/vitest.setup.ts, never from
 * DATABASE_URL, so pointing DATABASE_URL at a real server cannot wipe it.
 */
export async function createTestDb() {
  const server = process.env.TEST_SQLD_URL;
  if (server) {
    const { db, client } = await openDatabase(server);
    await dropEverything(client);
    await migrateDatabase(db);
    return { db, client };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-db-"));
  const { db, client } = await openDatabase(`file:${path.join(dir, "test.db")}`);
  await migrateDatabase(db);
  return { db, client };
}

type Client = Awaited<ReturnType<typeof openDatabase>>["client"];

async function dropEverything(client: Client) {
  const { rows } = await client.execute(
    "SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'",
  );
  if (rows.length === 0) return;
  // With foreign keys on, each DROP checks the rows of the tables linked to it, whatever the order.
  // A PRAGMA holds per connection, and executeMultiple runs on one (one Hrana stream); the drops
  // commit once. DROP's implicit DELETE fires no triggers, so audit_log's append-only ones allow it.
  await client.executeMultiple(
    [
      "PRAGMA foreign_keys = OFF",
      "BEGIN",
      ...rows.map((row) => `DROP ${row.type === "view" ? "VIEW" : "TABLE"} IF EXISTS "${String(row.name)}"`),
      "COMMIT",
      "PRAGMA foreign_keys = ON",
    ].join(";\n"),
  );
}

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "#db/client";
import { migrateDatabase } from "#db/migrate";

/** A fresh, migrated database in its own temp file. */
export async function createTestDb() {
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-db-"));
  const { db, client } = await openDatabase(`file:${path.join(dir, "test.db")}`);
  await migrateDatabase(db);
  return { db, client };
}

import { migrate } from "drizzle-orm/libsql/migrator";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./client";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies committed migrations; safe to run on every start, and from several app servers at once. */
export async function migrateDatabase(db: Db) {
  try {
    await migrate(db, { migrationsFolder });
  } catch {
    // Two app servers starting together on one database server both find the same migrations
    // pending; the loser's batch fails whole ("table … already exists") and rolls back. Run again,
    // it finds the winner's record and has nothing to do, while a real failure fails again.
    await migrate(db, { migrationsFolder });
  }
}

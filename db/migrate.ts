import { migrate } from "drizzle-orm/libsql/migrator";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./client";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies committed migrations; safe to run on every start. */
export async function migrateDatabase(db: Db) {
  await migrate(db, { migrationsFolder });
}

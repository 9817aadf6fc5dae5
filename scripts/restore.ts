/**
 * Restoring a backup made by `npm run admin -- backup`: the backup is
 * checked (PRAGMA integrity_check) before it replaces anything, and an
 * existing database is only replaced with --force (and is kept aside as
 * <file>.before-restore). Stop the app before restoring.
 */
import { createClient } from "@libsql/client";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

export async function restoreBackup(backupFile: string, targetFile: string, { force = false } = {}) {
  if (!existsSync(backupFile)) throw new Error(`No backup file at ${backupFile}.`);
  const backup = createClient({ url: `file:${backupFile}`, intMode: "number" });
  let counts: Record<string, number>;
  try {
    const check = await backup.execute("PRAGMA integrity_check");
    const verdict = String(check.rows[0]?.[0] ?? "");
    if (verdict !== "ok")
      throw new Error(`The backup is damaged (integrity_check: ${verdict}); nothing was restored.`);
    counts = {};
    for (const table of ["users", "contests", "attempts", "answers"]) {
      const result = await backup.execute(`SELECT count(*) FROM ${table}`);
      counts[table] = Number(result.rows[0][0]);
    }
  } finally {
    backup.close();
  }
  if (existsSync(targetFile)) {
    if (!force) throw new Error(`${targetFile} exists. Stop the app and add --force to replace it.`);
    renameSync(targetFile, `${targetFile}.before-restore`);
  }
  // Stale WAL and shared-memory files belong to the replaced database, never to the backup.
  for (const suffix of ["-wal", "-shm"]) rmSync(`${targetFile}${suffix}`, { force: true });
  mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  copyFileSync(backupFile, targetFile);
  return counts;
}

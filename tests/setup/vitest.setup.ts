import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Each test worker gets its own data directory and database file (a real file, as libSQL transactions need).
const dir = mkdtempSync(path.join(tmpdir(), "hoithi-test-"));
process.env.DATA_DIR = dir;
process.env.DATABASE_URL ??= `file:${path.join(dir, "worker.db")}`;
process.env.APP_SECRET = "test-secret";

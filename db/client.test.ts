import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { createTestDb } from "../tests/setup/test-db";
import { units, wards } from "./schema";

describe("database connection", () => {
  it("keeps WAL, busy timeout and foreign keys after a batch write", async () => {
    const { db, client } = await createTestDb();
    await db.batch([db.insert(wards).values({ name: "Phường A", province: "Tỉnh B" })]);
    const pragma = async (name: string) => Object.values((await client.execute(`PRAGMA ${name}`)).rows[0])[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("busy_timeout")).toBe(5000);
    expect(await pragma("foreign_keys")).toBe(1);
  });

  it("enforces foreign keys, so a unit cannot point at a missing ward", async () => {
    const { db } = await createTestDb();
    await expect(
      db.insert(units).values({ wardId: 999, kind: "to_dan_pho", name: "Tổ 1" }),
    ).rejects.toThrow();
  });

  it("refuses interactive transactions, which would swap the connection and lose the pragmas", async () => {
    const { db } = await createTestDb();
    await expect(db.transaction(async (tx) => tx.run(sql`select 1`))).rejects.toThrow(/batch/);
  });

  it("waits for a lock another process holds as it opens the file, as a second worker starting at the same moment does", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "hoithi-open-")), "db.sqlite");
    // Another process holds the whole file for half a second (a worker starting first, in WAL recovery).
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("libsql"))(${JSON.stringify(file)});
         db.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)");
         console.log("locked");
         setTimeout(() => { db.exec("COMMIT"); db.close(); }, 500);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise((resolve) => holder.stdout!.once("data", resolve));
    const started = Date.now();
    const { client } = await openDatabase(`file:${file}`);
    expect(Date.now() - started).toBeGreaterThan(200);
    expect((await client.execute("PRAGMA journal_mode")).rows[0][0]).toBe("wal");
    expect((await client.execute("SELECT count(*) FROM t")).rows[0][0]).toBe(1);
    client.close();
  });
});

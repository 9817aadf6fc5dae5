/**
 * The libSQL internals db/client.ts and db/statement-cache.ts rely on. They are
 * not public API, so package.json pins @libsql/client and libsql exactly (and
 * @libsql/core in overrides). If this file fails after an upgrade, the
 * message says which assumption broke: fix client.ts or statement-cache.ts
 * before raising the pins.
 */
import { Sqlite3Client } from "@libsql/client/sqlite3";
import { sql } from "drizzle-orm";
import Database from "libsql";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { cacheStatements } from "./statement-cache";
import { wards } from "./schema";

const UPGRADE = "libSQL internals changed (see db/driver-internals.test.ts):";

function tempFile() {
  return path.join(mkdtempSync(path.join(tmpdir(), "hoithi-driver-")), "test.db");
}

const root = fileURLToPath(new URL("..", import.meta.url));

function readJson<T>(file: string) {
  return JSON.parse(readFileSync(path.join(root, file), "utf8")) as T;
}

describe("libSQL internals the database layer relies on", () => {
  it("has the exact versions package.json pins installed", () => {
    const pkg = readJson<{ dependencies: Record<string, string>; overrides: Record<string, string> }>(
      "package.json",
    );
    for (const [name, pinned] of [
      ["@libsql/client", pkg.dependencies["@libsql/client"]],
      ["libsql", pkg.dependencies.libsql],
      ["@libsql/core", pkg.overrides["@libsql/core"]],
    ]) {
      expect(pinned, `${name} must be pinned to an exact version in package.json`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(
        readJson<{ version: string }>(`node_modules/${name}/package.json`).version,
        `${name}: installed version differs from the pin; run npm ci`,
      ).toBe(pinned);
    }
  });

  it("Sqlite3Client(path, {}, database, 'number') runs on the database it is given", async () => {
    expect(
      Sqlite3Client.length,
      `${UPGRADE} Sqlite3Client's constructor no longer takes (path, options, db, intMode)`,
    ).toBe(4);
    const database = new Database(tempFile());
    const prepared: string[] = [];
    const prepare = database.prepare.bind(database);
    database.prepare = ((text: string) => {
      prepared.push(text);
      return prepare(text);
    }) as typeof database.prepare;

    const client = new Sqlite3Client("unused-path.db", {}, database, "number");
    expect(client.protocol, `${UPGRADE} Sqlite3Client's protocol is not "file"`).toBe("file");
    const { rows } = await client.execute("SELECT 9007199254740991 AS big, 'chữ' AS text");
    expect(
      prepared,
      `${UPGRADE} Sqlite3Client no longer prepares through the database object it is given`,
    ).toContain("SELECT 9007199254740991 AS big, 'chữ' AS text");
    expect(typeof rows[0].big, `${UPGRADE} intMode "number" no longer gives JavaScript numbers`).toBe(
      "number",
    );
    expect(rows[0]).toMatchObject({ big: 9007199254740991, text: "chữ" });

    await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    const written = await client.execute({ sql: "INSERT INTO t (v) VALUES (?)", args: ["a"] });
    expect(written.rowsAffected, `${UPGRADE} a write's rowsAffected`).toBe(1);
    expect(Number(written.lastInsertRowid)).toBe(1);

    const results = await client.batch([
      { sql: "INSERT INTO t (v) VALUES (?)", args: ["b"] },
      "SELECT count(*) AS n FROM t",
    ]);
    expect(results[1].rows[0].n, `${UPGRADE} Sqlite3Client.batch on the given database`).toBe(2);
    expect(database.inTransaction, `${UPGRADE} the batch left a transaction open`).toBe(false);

    client.close();
    expect(database.open, `${UPGRADE} Sqlite3Client.close() no longer closes the given database`).toBe(false);
    expect(existsSync("unused-path.db"), `${UPGRADE} Sqlite3Client opened its own file from the path`).toBe(
      false,
    );
  });

  it("a statement tells whether it reads (reader), its columns (columns()), and raw() refuses writes", () => {
    const database = new Database(tempFile());
    database.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    const read = database.prepare("SELECT id, v FROM t");
    const write = database.prepare("INSERT INTO t (v) VALUES (?)");
    expect(read.reader, `${UPGRADE} statement.reader is not true for a SELECT`).toBe(true);
    expect(write.reader, `${UPGRADE} statement.reader is not false for an INSERT`).toBe(false);
    expect(
      read.columns().map((column) => column.name),
      `${UPGRADE} statement.columns() no longer lists the result's columns by name`,
    ).toEqual(["id", "v"]);
    expect(
      () => write.raw(true),
      `${UPGRADE} statement.raw() no longer throws for a statement that returns no data`,
    ).toThrow();
    expect(read.raw(true), `${UPGRADE} statement.raw() no longer returns the statement`).toBe(read);
    write.run(["x"]);
    expect(read.all(), `${UPGRADE} raw mode no longer gives rows as arrays`).toEqual([[1, "x"]]);
    // The statement cache hands the same statement out again: it must run again with new arguments.
    write.run(["y"]);
    expect(read.all()).toEqual([
      [1, "x"],
      [2, "y"],
    ]);
  });

  it("database.prepare can be replaced, and the client then prepares through the replacement", async () => {
    const database = new Database(tempFile());
    expect(typeof database.prepare, `${UPGRADE} database.prepare is not a function`).toBe("function");
    const cache = cacheStatements(database);
    const client = new Sqlite3Client("unused-path.db", {}, database, "number");
    await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    await client.execute({ sql: "INSERT INTO t (id) VALUES (?)", args: [1] });
    await client.execute({ sql: "SELECT id FROM t WHERE id = ?", args: [1] });
    const { rows } = await client.execute({ sql: "SELECT id FROM t WHERE id = ?", args: [1] });
    expect(rows).toHaveLength(1);
    expect(
      cache.has("SELECT id FROM t WHERE id = ?"),
      `${UPGRADE} the client bypasses database.prepare`,
    ).toBe(true);
    client.close();
  });

  it("drizzle on our client runs a batch in one transaction on the one connection", async () => {
    const { db, client } = await openDatabase(`file:${tempFile()}`);
    await client.execute(
      "CREATE TABLE wards (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, province TEXT NOT NULL)",
    );
    const [inserted, selected] = await db.batch([
      db.insert(wards).values({ name: "Phường A", province: "Tỉnh B" }).returning({ id: wards.id }),
      db.select({ name: wards.name }).from(wards),
    ]);
    expect(inserted, `${UPGRADE} drizzle's batch on Sqlite3Client`).toEqual([{ id: 1 }]);
    expect(selected).toEqual([{ name: "Phường A" }]);
    // A failing statement rolls back the whole batch.
    await expect(
      db.batch([
        db.insert(wards).values({ name: "Phường C", province: "Tỉnh B" }),
        db.insert(wards).values({ name: "Phường A", province: "Tỉnh B" }),
      ]),
    ).rejects.toThrow();
    expect(
      await db.all(sql`SELECT name FROM wards ORDER BY id`),
      `${UPGRADE} a failed batch was not rolled back`,
    ).toEqual([{ name: "Phường A" }]);
    const [{ foreign_keys }] = await db.all<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`);
    expect(foreign_keys, `${UPGRADE} the batch ran on another connection than the one with our pragmas`).toBe(
      1,
    );
    client.close();
  });
});

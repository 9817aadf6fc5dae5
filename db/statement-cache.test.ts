import Database from "libsql";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDb } from "../tests/setup/test-db";
import { cacheStatements } from "./statement-cache";

function tempDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-stmt-"));
  return new Database(path.join(dir, "test.db"));
}

describe("prepared statement cache", () => {
  it("prepares a statement once and reuses it, keeping only the most recently used", () => {
    const database = tempDatabase();
    const cache = cacheStatements(database, 2);
    const first = database.prepare("SELECT 1");
    expect(database.prepare("SELECT 1")).toBe(first);
    database.prepare("SELECT 2");
    database.prepare("SELECT 1"); // used again: now the most recent
    database.prepare("SELECT 3"); // pushes out SELECT 2, the least recently used
    expect([...cache.keys()]).toEqual(["SELECT 1", "SELECT 3"]);
    expect(database.prepare("SELECT 1")).toBe(first);
  });

  it("gives every run of a reused statement its own arguments and results, writes and reads alike", async () => {
    const { client } = await createTestDb();
    await client.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    for (const body of ["một", "hai", "ba"]) {
      const written = await client.execute({ sql: "INSERT INTO notes (body) VALUES (?)", args: [body] });
      expect(written.rowsAffected).toBe(1);
    }
    const read = (id: number) =>
      client.execute({ sql: "SELECT id, body FROM notes WHERE id = ?", args: [id] });
    expect((await read(2)).rows[0]).toMatchObject({ id: 2, body: "hai" });
    expect((await read(3)).rows[0]).toMatchObject({ id: 3, body: "ba" });
    expect((await read(9)).rows).toHaveLength(0);
    // A reused statement inside a batch, and a failing run that must not break the next one.
    const [batchRead] = await client.batch([{ sql: "SELECT id, body FROM notes WHERE id = ?", args: [1] }]);
    expect(batchRead.rows[0]).toMatchObject({ body: "một" });
    await expect(
      client.execute({ sql: "INSERT INTO notes (id, body) VALUES (?, ?)", args: [1, "trùng"] }),
    ).rejects.toThrow();
    const again = await client.execute({
      sql: "INSERT INTO notes (id, body) VALUES (?, ?)",
      args: [4, "bốn"],
    });
    expect(again.rowsAffected).toBe(1);
  });
});

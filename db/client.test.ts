import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
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
});

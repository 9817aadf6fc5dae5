import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import journal from "#db/migrations/meta/_journal.json";
import { units, wards } from "#db/schema";
import { createTestDb } from "../setup/test-db";
import { startPrimaryWithReplica } from "./sqld";

// Run by `npm run test:sqld` only: what the embedded file gets from PRAGMAs in openDatabase, sqld must give by itself.
describe("the database on sqld", () => {
  it("is a server, not the embedded file", () => {
    expect(process.env.DATABASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("enforces foreign keys and runs in WAL mode without being asked", async () => {
    const { db, client } = await createTestDb();
    const error = await db
      .insert(units)
      .values({ wardId: 999, kind: "to_dan_pho", name: "Tổ 1" })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(String(error?.cause)).toMatch(/FOREIGN KEY constraint failed/);
    expect(Object.values((await client.execute("PRAGMA journal_mode")).rows[0])[0]).toBe("wal");
  });

  it("applies a batch all or nothing: a failing statement undoes the ones before it", async () => {
    const { db } = await createTestDb();
    await expect(
      db.batch([
        db.insert(wards).values({ name: "Phường A", province: "Tỉnh B" }),
        db.insert(units).values({ wardId: 999, kind: "to_dan_pho", name: "Tổ 1" }),
      ]),
    ).rejects.toThrow();
    expect(await db.select().from(wards)).toEqual([]);
  });

  it("is migrated by two app servers starting together, both coming up", async () => {
    const { client } = await createTestDb();
    const { rows } = await client.execute(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    await client.executeMultiple(
      ["PRAGMA foreign_keys = OFF", ...rows.map((r) => `DROP TABLE "${String(r.name)}"`)].join(";\n"),
    );
    const servers = [
      await openDatabase(process.env.TEST_SQLD_URL),
      await openDatabase(process.env.TEST_SQLD_URL),
    ];
    await Promise.all(servers.map((s) => migrateDatabase(s.db)));
    const applied = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
    expect(Number(applied.rows[0].n)).toBe(journal.entries.length);
    servers.forEach((s) => s.client.close());
  });

  it("waits out a busy database: 800 batches from 32 in flight all commit, each exactly once", async () => {
    const { db } = await createTestDb();
    const [ward] = await db.insert(wards).values({ name: "Phường A", province: "Tỉnh B" }).returning();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < 800) {
          const i = next++;
          await db.batch([
            db.insert(units).values({ wardId: ward.id, kind: "to_dan_pho", name: `Tổ ${i}` }),
            db
              .update(wards)
              .set({ province: sql`${wards.province} || '.'` })
              .where(eq(wards.id, ward.id)),
          ]);
        }
      }),
    );
    const [after] = await db.select().from(wards);
    expect(after.province).toBe(`Tỉnh B${".".repeat(800)}`);
    const [{ n }] = await db.select({ n: count() }).from(units);
    expect(n).toBe(800);
  });

  it("on a replica, reads each write of this process at once and waits out a busy primary", async () => {
    const cluster = await startPrimaryWithReplica();
    try {
      const { db, client } = await openDatabase(cluster.replica.url);
      await migrateDatabase(db);
      const seen: number[] = [];
      for (let i = 0; i < 100; i++) {
        const [ward] = await db
          .insert(wards)
          .values({ name: `Phường ${i}`, province: "Tỉnh B" })
          .returning();
        seen.push((await db.select().from(wards).where(eq(wards.id, ward.id))).length);
      }
      expect(seen).toEqual(Array(100).fill(1));
      // Forwarded writes meet a busy primary too: none of 400 from 32 in flight is refused.
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < 400) {
            next++;
            await db.batch([db.insert(wards).values({ name: "Phường", province: "Tỉnh B" })]);
          }
        }),
      );
      expect(await db.select({ n: count() }).from(wards)).toEqual([{ n: 500 }]);
      client.close();
    } finally {
      await cluster.stop();
    }
  });

  it("refuses interactive transactions here too", async () => {
    const { db } = await createTestDb();
    await expect(db.transaction(async (tx) => tx.run(sql`select 1`))).rejects.toThrow(/batch/);
  });

  it("lets two app processes write at the same moment and each see the other's rows at once", async () => {
    const { db } = await createTestDb();
    const [ward] = await db.insert(wards).values({ name: "Phường A", province: "Tỉnh B" }).returning();
    // A second client is what a second app server holds: its own HTTP connections to the same sqld.
    const other = await openDatabase(process.env.TEST_SQLD_URL);
    const writes = Array.from({ length: 40 }, (_, i) => {
      const handle = i % 2 ? other.db : db;
      return handle.batch([
        handle.insert(units).values({ wardId: ward.id, kind: "to_dan_pho", name: `Tổ ${i}` }),
      ]);
    });
    await Promise.all(writes);
    const [mine] = await db.select({ n: count() }).from(units).where(eq(units.wardId, ward.id));
    const [theirs] = await other.db.select({ n: count() }).from(units).where(eq(units.wardId, ward.id));
    expect([mine.n, theirs.n]).toEqual([40, 40]);
    other.client.close();
  });
});

import { and, eq, gt, is, isNull, sql, Column, SQL, Table } from "drizzle-orm";
import { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { entityKind } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDb } from "../tests/setup/test-db";
import { prepared } from "./prepared";
import { sessions, users, wards } from "./schema";

const wardsNamed = prepared((db) =>
  db
    .select({ id: wards.id, name: wards.name })
    .from(wards)
    .where(eq(wards.province, sql.placeholder("province")))
    .orderBy(wards.id)
    .prepare(),
);

describe("prepared queries (db/prepared.ts)", () => {
  it("answer with the rows as they are when they run, for the values given; each database handle has its own", async () => {
    const { db, client } = await createTestDb();
    const other = await createTestDb();
    try {
      expect(await wardsNamed(db).all({ province: "Huế" })).toEqual([]);
      await db.insert(wards).values([
        { name: "Phường Thuận Hóa", province: "Huế" },
        { name: "Phường Ba Đình", province: "Hà Nội" },
      ]);
      // The same query object, built once for this handle, sees the rows written after it was built.
      expect(wardsNamed(db)).toBe(wardsNamed(db));
      expect((await wardsNamed(db).all({ province: "Huế" })).map((w) => w.name)).toEqual([
        "Phường Thuận Hóa",
      ]);
      expect((await wardsNamed(db).all({ province: "Hà Nội" })).map((w) => w.name)).toEqual([
        "Phường Ba Đình",
      ]);
      expect(wardsNamed(other.db)).not.toBe(wardsNamed(db));
    } finally {
      client.close();
      other.client.close();
    }
  });
});

/** drizzle's own `is` before patches/drizzle-orm+0.44.7.patch (decision 017), as the reference. */
function isReference(value: unknown, type: { [entityKind]?: string; name?: string }): boolean {
  if (!value || typeof value !== "object") return false;
  if (value instanceof (type as unknown as new () => unknown)) return true;
  let cls = Object.getPrototypeOf(value).constructor;
  while (cls) {
    if (entityKind in cls && cls[entityKind] === type[entityKind]) return true;
    cls = Object.getPrototypeOf(cls);
  }
  return false;
}

describe("drizzle's entity check, with each prototype's answers kept (decision 017)", () => {
  it("answers as drizzle's own check does, asked again and again, for a copy of a class from elsewhere too", () => {
    // A class from another copy of drizzle: the same kind, not the same class.
    class ForeignColumn {
      static readonly [entityKind] = Column[entityKind];
    }
    const values = [
      users.id,
      sessions.expiresAt,
      users,
      sql`1`,
      eq(users.id, 1),
      and(gt(sessions.expiresAt, 0), isNull(users.disabledAt)),
      sql.placeholder("x"),
      new ForeignColumn(),
      {},
      [],
      null,
      "text",
    ];
    const types = [Column, SQLiteColumn, SQL, Table, SQLiteTable];
    for (let round = 0; round < 3; round++)
      for (const value of values)
        for (const type of types)
          expect([value, type, is(value, type)]).toEqual([value, type, isReference(value, type)]);
    expect(is(new ForeignColumn(), Column)).toBe(true);
    expect(is(users.id, SQL)).toBe(false);
  });
});

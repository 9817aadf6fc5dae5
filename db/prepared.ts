import type { Db } from "./client";

/**
 * A query whose SQL is built once per database and then run with values for
 * its placeholders (`sql.placeholder`). drizzle builds a query's SQL text anew
 * each time it runs, about 23 µs for a select with a join (docs/benchmarks.md,
 * "Issue 21 (2): cheaper requests"): worth saving for the few queries every request makes.
 */
export function prepared<T>(build: (db: Db) => T): (db: Db) => T {
  const byDatabase = new WeakMap<Db, T>();
  return (db) => {
    let query = byDatabase.get(db);
    if (query === undefined) {
      query = build(db);
      byDatabase.set(db, query);
    }
    return query;
  };
}

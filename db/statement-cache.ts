import type Database from "libsql";

type Statement = ReturnType<Database.Database["prepare"]>;

/**
 * Keeps the most recently used prepared statements of an embedded database
 * for reuse. @libsql/client prepares every statement anew, and compiling SQL
 * costs more than running the small statements a request makes (measured in
 * docs/benchmarks.md); drizzle gives the same SQL text for the same query, so
 * one cache serves every query of the app.
 *
 * Reuse is safe because @libsql/client runs a statement to its end
 * synchronously (no other statement can use it meanwhile) and sets its modes
 * (raw, safe integers) before every run. The statement's reader flag and
 * columns are fixed by its SQL, so they are asked of SQLite once: for a write,
 * `raw()` would otherwise throw (and be caught) on every run.
 *
 * This replaces methods of the libsql driver and leans on how @libsql/client
 * calls them: both are pinned exactly in package.json, and
 * db/driver-internals.test.ts checks these assumptions after an upgrade.
 */
export function cacheStatements(database: Database.Database, size = 256) {
  const cache = new Map<string, Statement>();
  const prepare = database.prepare.bind(database);
  const notReader = new TypeError("The raw() method is only for statements that return data");

  database.prepare = ((sql: string) => {
    const cached = cache.get(sql);
    if (cached) {
      // Most recently used last, so the oldest is the first to go.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = prepare(sql);
    if (statement.reader) {
      const columns = statement.columns();
      statement.columns = () => columns;
    } else {
      statement.raw = () => {
        throw notReader;
      };
    }
    cache.set(sql, statement);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof database.prepare;
  return cache;
}

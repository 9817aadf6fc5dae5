import type { Client, InStatement, InValue, ResultSet } from "@libsql/client";
import type { SQL, SQLWrapper } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

const dialect = new SQLiteAsyncDialect();

type Rows = Record<string, unknown>[];

/** One caller's statements: run one after another, never split, in whichever transaction. */
type Pending = {
  statements: InStatement[];
  resolve: (rows: Rows[]) => void;
  reject: (error: unknown) => void;
};

/** About this many statements in one transaction (a caller's are never split): more only makes the first wait longer. */
export const MAX_GROUP = 128;

/**
 * Group commit: single-statement writes that arrive together (the answer
 * saves of many residents) are written in one transaction instead of one
 * each, and each caller still gets its own statement's rows.
 *
 * A group is sent when the event loop has taken in what arrived (one
 * setImmediate), or, while a group is being written, as soon as that one is
 * done: so a lone save waits for nothing, and under load each transaction
 * carries what queued behind the last. On the embedded file that is one lock
 * and one WAL commit for many saves, so a second worker process meets the
 * lock far less often; on a libSQL server (sqld) it is one HTTP request for
 * many saves instead of one each (docs/decisions/014-group-commit.md).
 *
 * Each caller's statements are a whole write by themselves (a save's guarded
 * upsert; a submit's saves, flip, audit line and score, decision 012), run
 * one after another with nothing between them, so `changes()` still means the
 * caller's previous statement. They never depend on another caller's. If the
 * group's transaction fails, nothing of it was written, and each caller's
 * statements run again in a transaction of their own, so one bad statement
 * fails only its own caller.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private writing = false;

  constructor(private readonly client: Client) {}

  /** Runs one write statement in the next group; resolves with the rows it returns. */
  async all<T>(query: SQL): Promise<T[]> {
    const [rows] = await this.batch([query]);
    return rows as T[];
  }

  /**
   * Runs these statements (SQL, or drizzle's query builders), in order and together, in the next
   * group; resolves with each one's rows.
   */
  batch(queries: SQLWrapper[]): Promise<Rows[]> {
    const statements = queries.map((query) => {
      const { sql, params } = dialect.sqlToQuery(query.getSQL());
      return { sql, args: params as InValue[] };
    });
    return new Promise((resolve, reject) => {
      this.queue.push({ statements, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    const group: Pending[] = [];
    let size = 0;
    while (this.queue.length > 0 && (size === 0 || size + this.queue[0].statements.length <= MAX_GROUP)) {
      const next = this.queue.shift()!;
      group.push(next);
      size += next.statements.length;
    }
    if (group.length === 0) return;
    this.writing = true;
    try {
      if (group.length === 1) await this.runAlone(group[0]);
      else {
        let results: ResultSet[] | null = null;
        try {
          results = await this.client.batch(
            group.flatMap((p) => p.statements),
            "write",
          );
        } catch {
          // Rolled back whole: each caller's statements again by themselves, with their own outcome.
          for (const pending of group) await this.runAlone(pending);
        }
        if (results) {
          let at = 0;
          for (const pending of group) {
            pending.resolve(results.slice(at, at + pending.statements.length).map(rowsOf));
            at += pending.statements.length;
          }
        }
      }
    } finally {
      this.writing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  /** One caller's statements in a transaction of their own (a single statement needs none). */
  private async runAlone({ statements, resolve, reject }: Pending) {
    try {
      const results =
        statements.length === 1
          ? [await this.client.execute(statements[0])]
          : await this.client.batch(statements, "write");
      resolve(results.map(rowsOf));
    } catch (error) {
      reject(error);
    }
  }
}

function rowsOf(result: ResultSet) {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((name, i) => [name, row[i]])));
}

const groups = new WeakMap<Db, GroupCommit>();

/** The group commit of this database handle (one per process and database). */
export function groupCommit(db: Db): GroupCommit {
  let group = groups.get(db);
  if (!group) {
    // drizzle keeps the client it was made with as $client (not in LibSQLDatabase's type).
    group = new GroupCommit((db as Db & { $client: Client }).$client);
    groups.set(db, group);
  }
  return group;
}

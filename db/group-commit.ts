import type { Client, InStatement, InValue, ResultSet } from "@libsql/client";
import type { SQL, SQLWrapper } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import { writeTurn } from "./write-turns";

const dialect = new SQLiteAsyncDialect();

type Rows = Record<string, unknown>[];

/**
 * A write that many callers make at once with their own values (an answer save): a group writes
 * all of its callers' values with one statement, which costs a libSQL server a fifth of the CPU of
 * one statement each (docs/benchmarks.md, "Issue 21 (3, 4): merged saves").
 */
export type MergedWrite<I, O> = {
  /** One statement for these inputs, in their order; it must apply them in that order. */
  statement: (inputs: I[]) => SQL;
  /** Each input's outcome, in the inputs' order, from the rows the statement returned. */
  split: (inputs: I[], rows: Rows) => O[];
};

/**
 * One caller's write: its statements, run one after another, never split, in
 * whichever transaction; or its input to a merged write.
 */
type Pending =
  | { statements: InStatement[]; resolve: (rows: Rows[]) => void; reject: (error: unknown) => void }
  | {
      merged: MergedWrite<unknown, unknown>;
      input: unknown;
      resolve: (outcome: unknown) => void;
      reject: (error: unknown) => void;
    };

const sizeOf = (pending: Pending) => ("statements" in pending ? pending.statements.length : 1);

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
 * many saves instead of one each, sent in this worker's turn among the
 * cluster's workers (docs/decisions/014-group-commit.md, write-turns.ts).
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

  /**
   * `turn`: waits until this process may write (db/write-turns.ts), resolving with the function
   * that ends its turn; none when this process may write whenever it likes.
   */
  constructor(
    private readonly client: Client,
    private readonly turn?: () => Promise<() => void>,
  ) {}

  /**
   * Runs these statements (SQL, or drizzle's query builders), in order and together, in the next
   * group; resolves with each one's rows.
   */
  batch(queries: SQLWrapper[]): Promise<Rows[]> {
    const statements = queries.map(toStatement);
    return new Promise((resolve, reject) => {
      this.queue.push({ statements, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Adds this input to the next group's merged write of its kind: one statement for all of the
   * group's inputs of that kind, run before the group's other statements; resolves with this
   * input's outcome.
   */
  merge<I, O>(merged: MergedWrite<I, O>, input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        merged: merged as MergedWrite<unknown, unknown>,
        input,
        resolve: resolve as (outcome: unknown) => void,
        reject,
      });
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
    this.writing = true;
    // Waiting for the turn, what arrives meanwhile joins this group.
    const endTurn = await this.turn?.();
    const group: Pending[] = [];
    let size = 0;
    while (this.queue.length > 0 && (size === 0 || size + sizeOf(this.queue[0]) <= MAX_GROUP)) {
      const next = this.queue.shift()!;
      group.push(next);
      size += sizeOf(next);
    }
    try {
      if (group.length === 1) await this.runAlone(group[0]);
      else if (group.length > 1) await this.runTogether(group);
    } finally {
      endTurn?.();
      this.writing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  /**
   * The group in one transaction: each merged write's statement first (its inputs in the order
   * they arrived), then the other callers' statements in the order they arrived. Callers never
   * depend on each other, so the order between them changes nothing but who is first.
   */
  private async runTogether(group: Pending[]) {
    const merges = new Map<MergedWrite<unknown, unknown>, Extract<Pending, { merged: unknown }>[]>();
    const plain: Extract<Pending, { statements: unknown }>[] = [];
    for (const pending of group) {
      if ("statements" in pending) plain.push(pending);
      else if (merges.has(pending.merged)) merges.get(pending.merged)!.push(pending);
      else merges.set(pending.merged, [pending]);
    }
    const mergedStatements = [...merges].map(([merged, inputs]) =>
      toStatement(merged.statement(inputs.map((p) => p.input))),
    );
    let results: ResultSet[];
    try {
      results = await this.client.batch(
        [...mergedStatements, ...plain.flatMap((p) => p.statements)],
        "write",
      );
    } catch {
      // Rolled back whole: each caller again by itself, with its own outcome.
      for (const pending of group) await this.runAlone(pending);
      return;
    }
    let at = 0;
    for (const [merged, pendings] of merges) {
      settleMerged(merged, pendings, results[at++]);
    }
    for (const pending of plain) {
      pending.resolve(results.slice(at, at + pending.statements.length).map(rowsOf));
      at += pending.statements.length;
    }
  }

  /** One caller in a transaction of its own (a single statement needs none). */
  private async runAlone(pending: Pending) {
    try {
      if ("merged" in pending) {
        const result = await this.client.execute(toStatement(pending.merged.statement([pending.input])));
        settleMerged(pending.merged, [pending], result);
        return;
      }
      const { statements } = pending;
      const results =
        statements.length === 1
          ? [await this.client.execute(statements[0])]
          : await this.client.batch(statements, "write");
      pending.resolve(results.map(rowsOf));
    } catch (error) {
      pending.reject(error);
    }
  }
}

function settleMerged(
  merged: MergedWrite<unknown, unknown>,
  pendings: { input: unknown; resolve: (outcome: unknown) => void }[],
  result: ResultSet,
) {
  const outcomes = merged.split(
    pendings.map((p) => p.input),
    rowsOf(result),
  );
  pendings.forEach((pending, i) => pending.resolve(outcomes[i]));
}

function toStatement(query: SQLWrapper): InStatement {
  const { sql, params } = dialect.sqlToQuery(query.getSQL());
  return { sql, args: params as InValue[] };
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
    const client = (db as Db & { $client: Client }).$client;
    // The workers of a cluster take turns at writing to a database server (write-turns.ts).
    group = new GroupCommit(client, client.protocol === "file" ? undefined : writeTurn);
    groups.set(db, group);
  }
  return group;
}

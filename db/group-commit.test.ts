import { sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDb } from "../tests/setup/test-db";
import { GroupCommit, groupCommit, MAX_GROUP, type MergedWrite } from "./group-commit";

async function notesDb() {
  const { db, client } = await createTestDb();
  await client.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL CHECK (body <> ''))");
  // Count the transactions the group commit opens on this client.
  const batches: number[] = [];
  const batch = client.batch.bind(client);
  client.batch = ((statements: Parameters<typeof batch>[0], mode) => {
    batches.push(statements.length);
    return batch(statements, mode);
  }) as typeof client.batch;
  return { db, client, batches };
}

/** One write statement in the group's next transaction; its rows. */
const writeOne = (group: GroupCommit, query: SQL) => group.batch([query]).then(([rows]) => rows);

const insert = (id: number, body: string) =>
  sql`INSERT INTO notes (id, body) VALUES (${id}, ${body}) RETURNING id, body`;

describe("group commit", () => {
  it("writes what arrives together in one transaction, each caller getting its own rows", async () => {
    const { db, client, batches } = await notesDb();
    const group = groupCommit(db);
    expect(groupCommit(db)).toBe(group);
    const rows = await Promise.all(
      Array.from({ length: 50 }, (_, i) => writeOne(group, insert(i + 1, `ghi ${i + 1}`))),
    );
    expect(rows.map(([row]) => row)).toEqual(
      Array.from({ length: 50 }, (_, i) => ({ id: i + 1, body: `ghi ${i + 1}` })),
    );
    expect(batches).toEqual([50]);
    const { rows: stored } = await client.execute("SELECT count(*) AS n FROM notes");
    expect(stored[0].n).toBe(50);
  });

  it("fails only the statement that fails: the rest of its group is written", async () => {
    const { client } = await notesDb();
    const group = new GroupCommit(client);
    const outcomes = await Promise.allSettled([
      writeOne(group, insert(1, "một")),
      writeOne(group, insert(2, "")), // breaks the CHECK
      writeOne(group, insert(3, "ba")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/CHECK constraint failed/);
    const { rows } = await client.execute("SELECT id FROM notes ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual([1, 3]);
  });

  it("sends a lone write by itself, and queues what arrives while a group is written into the next", async () => {
    const { client, batches } = await notesDb();
    const group = new GroupCommit(client);
    expect(await writeOne(group, insert(1, "một"))).toEqual([{ id: 1, body: "một" }]);
    expect(batches).toEqual([]); // one statement: no transaction around it
    const many = Array.from({ length: MAX_GROUP + 10 }, (_, i) => writeOne(group, insert(i + 2, "x")));
    await Promise.all(many);
    expect(batches).toEqual([MAX_GROUP, 10]);
    const { rows } = await client.execute("SELECT count(*) AS n FROM notes");
    expect(rows[0].n).toBe(MAX_GROUP + 11);
  });

  it("keeps a caller's statements together, so changes() still means that caller's previous statement", async () => {
    const { client, batches } = await notesDb();
    await client.execute("CREATE TABLE log (note_id INTEGER NOT NULL)");
    await client.execute("INSERT INTO notes (id, body) VALUES (1, 'mở'), (2, 'mở')");
    const group = new GroupCommit(client);
    // Two callers close the same note and one closes another, at once: only a closing that changed
    // the row logs it, as a submit's audit line does (decision 012).
    const close = (id: number) =>
      group.batch([
        sql`UPDATE notes SET body = 'đóng' WHERE id = ${id} AND body = 'mở'`,
        sql`INSERT INTO log (note_id) SELECT ${id} WHERE changes() = 1`,
        sql`SELECT count(*) AS logged FROM log WHERE note_id = ${id}`,
      ]);
    const [first, second, other] = await Promise.all([close(1), close(1), close(2)]);
    expect(batches).toEqual([9]);
    expect([first[2], second[2], other[2]]).toEqual([[{ logged: 1 }], [{ logged: 1 }], [{ logged: 1 }]]);
    const { rows } = await client.execute("SELECT note_id FROM log ORDER BY note_id");
    expect(rows.map((r) => r.note_id)).toEqual([1, 2]);
  });

  // Notes added by many callers at once, by one INSERT with a row each; a caller hears its note's id.
  const addNotes: MergedWrite<{ id: number; body: string }, number | undefined> = {
    statement: (inputs) =>
      sql`INSERT INTO notes (id, body) VALUES ${sql.join(
        inputs.map((n) => sql`(${n.id}, ${n.body})`),
        sql`, `,
      )} ON CONFLICT DO NOTHING RETURNING id`,
    // Each returned row is one input's: the first input with its id.
    split: (inputs, rows) => {
      const ids = rows.map((r) => r.id as number);
      return inputs.map((n) => (ids.includes(n.id) ? ids.splice(ids.indexOf(n.id), 1)[0] : undefined));
    },
  };

  it("writes a merged write's inputs with one statement, before the group's other statements", async () => {
    const { client, batches } = await notesDb();
    const statements: number[] = [];
    const execute = client.execute.bind(client);
    client.execute = ((statement: Parameters<typeof execute>[0]) => {
      statements.push(1);
      return execute(statement);
    }) as typeof client.execute;
    const group = new GroupCommit(client);
    const [one, count, two, taken] = await Promise.all([
      group.merge(addNotes, { id: 1, body: "một" }),
      writeOne(group, sql`SELECT count(*) AS n FROM notes`),
      group.merge(addNotes, { id: 2, body: "hai" }),
      group.merge(addNotes, { id: 1, body: "lại một" }),
    ]);
    expect([one, two, taken]).toEqual([1, 2, undefined]);
    // One transaction of two statements: the three inputs' INSERT, then the count, which sees them.
    expect(batches).toEqual([2]);
    expect(statements).toEqual([]);
    expect(count).toEqual([{ n: 2 }]);
    // A lone input is one statement, no transaction.
    expect(await group.merge(addNotes, { id: 3, body: "ba" })).toBe(3);
    expect(statements).toEqual([1]);
  });

  it("fails only the input that fails a merged write: the others are written again by themselves", async () => {
    const { client } = await notesDb();
    const group = new GroupCommit(client);
    const outcomes = await Promise.allSettled([
      group.merge(addNotes, { id: 1, body: "một" }),
      group.merge(addNotes, { id: 2, body: "" }), // breaks the CHECK
      writeOne(group, insert(3, "ba")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const { rows } = await client.execute("SELECT id FROM notes ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual([1, 3]);
  });

  it("writes in its turn among the cluster's workers, with what arrived while it waited, and then ends the turn", async () => {
    const { client, batches } = await notesDb();
    let grant = () => {};
    const ended: number[][] = [];
    const turn = () =>
      new Promise<() => void>((resolve) => {
        grant = () => resolve(() => ended.push([...batches]));
      });
    const group = new GroupCommit(client, turn);
    const first = writeOne(group, insert(1, "một"));
    await new Promise((resolve) => setImmediate(resolve)); // the group has asked for its turn
    const second = writeOne(group, insert(2, "hai"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toEqual([]); // nothing written before the turn
    grant();
    expect(await Promise.all([first, second])).toEqual([[{ id: 1, body: "một" }], [{ id: 2, body: "hai" }]]);
    expect(ended).toEqual([[2]]); // one transaction of both, and the turn ended after it
  });
});

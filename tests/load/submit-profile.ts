/**
 * Where a submit's time goes (issue 21, item 1), in process on an embedded
 * database file: `npx tsx tests/load/submit-profile.ts [count]`. Submits
 * `count` attempts of 20 answered questions one after another, each with one
 * unsent answer as in the bench's deadline rush, and prints per submit the
 * statements sent to the database, the write commits, and the time inside
 * and outside the database calls. The session lookup of the route (one
 * SELECT) is not part of it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { InStatement } from "@libsql/client";
import { sql } from "drizzle-orm";

Object.assign(process.env, { APP_SECRET: "bench-secret", NODE_ENV: "production" });
const { openDatabase } = await import("../../db/client");
const { migrateDatabase } = await import("../../db/migrate");
const { seedDemo } = await import("../../seeds/demo");
const { submitWithUnsent } = await import("../../app/models/attempt.server");
const data = await import("./data");

const count = Number(process.argv[2] ?? 500);
const root = mkdtempSync(path.join(tmpdir(), "hoithi-submit-profile-"));
const { db, client } = await openDatabase(`file:${path.join(root, "profile.db")}`);
await migrateDatabase(db);
await seedDemo(db);
const now = Date.now();
await data.addOpenContest(db, now);
await data.addResidents(db, 0, count, now);
const plans = await data.planAttempts(db, 0, count, now);
await data.answerAll(db, plans, now);
const users = new Map(
  (await db.all<{ id: string; userId: number }>(sql`SELECT id, user_id AS userId FROM attempts`)).map((r) => [
    r.id,
    r.userId,
  ]),
);

const tally = { statements: 0, commits: 0, dbMs: 0, batchMs: 0 };
const isWrite = (s: InStatement) => /^\s*(INSERT|UPDATE|DELETE)/i.test(typeof s === "string" ? s : s.sql);
const execute = client.execute.bind(client);
const batch = client.batch.bind(client);
client.execute = (async (stmt: InStatement) => {
  const started = performance.now();
  try {
    return await execute(stmt);
  } finally {
    tally.dbMs += performance.now() - started;
    tally.statements += 1;
    if (isWrite(stmt)) tally.commits += 1;
  }
}) as typeof client.execute;
client.batch = (async (stmts: InStatement[], mode?: Parameters<typeof client.batch>[1]) => {
  const started = performance.now();
  try {
    return await batch(stmts, mode);
  } finally {
    tally.dbMs += performance.now() - started;
    tally.batchMs += performance.now() - started;
    tally.statements += stmts.length;
    tally.commits += 1;
  }
}) as typeof client.batch;

const times: number[] = [];
const started = performance.now();
for (const plan of plans) {
  const q = plan.questions[0];
  const t = performance.now();
  await submitWithUnsent(db, {
    attemptId: plan.attemptId,
    userId: users.get(plan.attemptId)!,
    unsent: [{ questionId: q.id, optionIds: [q.optionIds[1]], base: 0 }],
    now: Date.now(),
  });
  times.push(performance.now() - t);
}
const total = performance.now() - started;
times.sort((a, b) => a - b);
const per = (n: number) => (n / count).toFixed(2);
console.log(
  [
    `${count} submits one after another, embedded file, in process: ${(count / (total / 1000)).toFixed(0)}/s`,
    `per submit: ${per(tally.statements)} statements, ${per(tally.commits)} write commits`,
    `time per submit: p50 ${times[Math.floor(count / 2)].toFixed(2)} ms, mean ${per(total)} ms, of which in database calls ${per(tally.dbMs)} ms (in batches ${per(tally.batchMs)} ms)`,
  ].join("\n"),
);
client.close();

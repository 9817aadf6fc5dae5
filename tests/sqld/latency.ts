/**
 * How long one query and one answer save take on the embedded file, on sqld,
 * and on a sqld replica (writes forwarded to its primary), from one process:
 *
 *   npx tsx tests/sqld/latency.ts [rounds]
 *
 * Prints medians and 90th percentiles in milliseconds, then answer saves per
 * second with 16 saves in flight. The figures in docs/scaling.md come from it.
 */
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "#db/client";
import { migrateDatabase } from "#db/migrate";
import { users } from "#db/schema";
import { saveAnswer, startAttempt } from "~/models/attempt.server";
import { createContest, createQuestion, createUnit, createUser, createWard } from "../factories";
import { startPrimaryWithReplica, startSqld } from "./sqld";

const rounds = Number(process.argv[2] ?? 300);

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(2)}  p90 ${at(0.9).toFixed(2)}`;
}

async function time(fn: () => Promise<unknown>, n = rounds) {
  for (let i = 0; i < 20; i++) await fn(); // warm up connections and caches
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return summary(samples);
}

/** A ward, a resident and an open attempt of 20 questions. */
async function attemptOn(db: Db) {
  const ward = await createWard(db);
  const unit = await createUnit(db, { wardId: ward.id });
  const user = await createUser(db, { unitId: unit.id });
  for (let i = 0; i < 20; i++) await createQuestion(db, { category: "CCHC" });
  const contest = await createContest(db, {
    draw: { mode: "category", rules: [{ category: "CCHC", count: 20 }] },
    timeLimitSec: 3600,
  });
  const { id } = await startAttempt(db, { contest, userId: user.id, now: Date.now() });
  const questions = await db.query.attemptQuestions.findMany({ where: (t, { eq }) => eq(t.attemptId, id) });
  return { userId: user.id, attemptId: id, questions };
}

async function measure(label: string, url: string) {
  const { db, client } = await openDatabase(url);
  await migrateDatabase(db);
  const { userId, attemptId, questions } = await attemptOn(db);
  let seq = 0;
  // The version each question's answer has on the server (decision 006): every save replaces it.
  const versions = new Map<number, number>();
  const save = async () => {
    const q = questions[seq % questions.length];
    const optionIds = [q.options[seq % q.options.length].id];
    seq++;
    const result = await saveAnswer(db, {
      attemptId,
      userId,
      questionId: q.questionId,
      optionIds,
      base: versions.get(q.questionId) ?? 0,
      now: Date.now(),
    });
    versions.set(q.questionId, result.version);
    return result;
  };
  console.log(`\n${label} (${url})`);
  console.log(`  SELECT 1                     ${await time(() => client.execute("SELECT 1"))}`);
  console.log(
    `  a user by id (drizzle)       ${await time(() => db.select().from(users).where(eq(users.id, userId)))}`,
  );
  console.log(`  an answer save (the model)   ${await time(save)}`);
  const until = performance.now() + 3_000;
  let saved = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < until) {
        await save();
        saved++;
      }
    }),
  );
  console.log(`  answer saves/s, 16 in flight ${(saved / 3).toFixed(0)}`);
  client.close();
}

/** The same Hrana request three ways, to tell the server's time from the client's. */
async function transport(url: string) {
  const body = JSON.stringify({
    requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }, { type: "close" }],
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { port } = new URL(url);
  const viaHttp = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/v2/pipeline",
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (response) => response.resume().on("end", resolve),
      );
      request.on("error", reject);
      request.end(body);
    });
  const viaFetch = async () => {
    const response = await fetch(`${url}/v2/pipeline`, { method: "POST", body });
    await response.arrayBuffer();
  };
  const health = async () => (await fetch(`${url}/health`)).arrayBuffer();
  console.log(`\nTransport, SELECT 1 on sqld (${url})`);
  console.log(`  GET /health via fetch        ${await time(health)}`);
  console.log(`  pipeline via node:http       ${await time(viaHttp)}`);
  console.log(`  pipeline via fetch (undici)  ${await time(viaFetch)}`);
  agent.destroy();
}

const dir = mkdtempSync(path.join(tmpdir(), "hoithi-latency-"));
const sqld = await startSqld();
const cluster = await startPrimaryWithReplica();
try {
  console.log(`${rounds} rounds each; node ${process.version}`);
  await measure("Embedded file (WAL, synchronous=NORMAL)", `file:${path.join(dir, "latency.db")}`);
  await measure("sqld", sqld.url);
  await measure("sqld replica, writes forwarded to the primary", cluster.replica.url);
  await transport(sqld.url);
} finally {
  await sqld.stop();
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}

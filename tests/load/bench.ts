/**
 * `npm run bench`: statistics and ranking at scale. Builds a fresh database
 * with the demo data plus a closed contest of 100,000 entries (20 questions
 * each, with answers), starts the production server on it, and drives the
 * organiser's statistics page and the public stats.json from this process
 * over loopback. Prints latency percentiles; nothing here asserts.
 *
 * BENCH_ENTRIES (default 100000), BENCH_REQUESTS (default 300), BENCH_CONCURRENCY for the
 * public JSON (default 10; the organiser page is driven by 2 at a time).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { seedDemo } from "../../seeds/demo";
import { computeResults } from "../../app/models/results.server";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const PORT = 3900;
const dir = mkdtempSync(path.join(tmpdir(), "hoithi-bench-"));
const url = `file:${path.join(dir, "bench.db")}`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function prepare() {
  const { db, client } = await openDatabase(url);
  await migrateDatabase(db);
  await seedDemo(db);
  const started = performance.now();
  const now = Date.now();
  const slug = "bench-100k";
  await db.run(sql`
    INSERT INTO contests (slug, kind, title, ward_name, state, opens_at, closes_at, time_limit_sec, draw, prediction_target, prediction_prompt, created_at, updated_at)
    VALUES (${slug}, 'quiz', 'Cuộc thi đo tải 100.000 bài', 'Phường Hòa Thuận', 'published', ${now - 20 * 86_400_000}, ${now - 3_600_000}, 1200,
      '{"mode":"category","rules":[{"category":"CCHC","count":10},{"category":"CDS","count":10}]}', 'entries', 'Bao nhiêu bài?', ${now}, ${now})`);
  const [{ id: contestId }] = await db.all<{ id: number }>(sql`SELECT id FROM contests WHERE slug = ${slug}`);
  const units = await db.all<{ id: number }>(sql`SELECT id FROM units ORDER BY id`);
  // People and entries in chunks of multi-row inserts.
  const CHUNK = 2000;
  for (let start = 0; start < ENTRIES; start += CHUNK) {
    const n = Math.min(CHUNK, ENTRIES - start);
    const people = Array.from({ length: n }, (_, i) => {
      const k = start + i;
      return sql`(${`07${String(k).padStart(8, "0")}`}, ${`Người đo tải ${k}`}, ${units[k % units.length].id}, 'x', ${now})`;
    });
    await db.run(
      sql`INSERT INTO users (phone, full_name, unit_id, password_hash, created_at) VALUES ${sql.join(people, sql`, `)}`,
    );
  }
  await db.run(sql`
    INSERT INTO attempts (id, contest_id, user_id, attempt_no, status, started_at, deadline_at, submitted_at, submit_kind, max_score, question_count, prediction, user_agent)
    SELECT 'b' || u.id, ${contestId}, u.id, 1, 'submitted',
      ${now - 20 * 86_400_000} + (abs(random()) % ${19 * 86_400_000}) AS s, 0, 0, 'manual', 20, 20, abs(random()) % 200000,
      CASE abs(random()) % 3 WHEN 0 THEN 'Mozilla/5.0 (Linux; Android 12)' WHEN 1 THEN 'Mozilla/5.0 (iPhone)' ELSE 'Mozilla/5.0 (Windows NT 10.0)' END
    FROM users u WHERE u.phone LIKE '07%'`);
  await db.run(
    sql`UPDATE attempts SET deadline_at = started_at + 1200000, submitted_at = started_at + 120000 + abs(random()) % 1000000 WHERE contest_id = ${contestId}`,
  );
  // Each entry gets the same 20 questions (10 CCHC + 10 CĐS), snapshotted with their options.
  await db.run(sql`CREATE TEMP TABLE bq AS
    SELECT q.id, row_number() OVER (ORDER BY q.category, q.id) AS pos, q.kind, q.category, q.prompt, q.explanation, q.legal_source,
      (SELECT json_group_array(json_object('id', o.id, 'text', o.text)) FROM question_options o WHERE o.question_id = q.id) AS options,
      (SELECT json_group_array(o.id) FROM question_options o WHERE o.question_id = q.id AND o.is_correct) AS correct,
      (SELECT min(o.id) FROM question_options o WHERE o.question_id = q.id AND NOT o.is_correct) AS wrong
    FROM questions q WHERE q.status = 'active' AND q.id IN (
      SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY category ORDER BY id) AS r FROM questions WHERE status = 'active' AND category IN ('CCHC', 'CDS')) WHERE r <= 10)`);
  await db.run(sql`
    INSERT INTO attempt_questions (attempt_id, question_id, position, kind, category, prompt, options, correct, explanation, legal_source, points)
    SELECT a.id, bq.id, bq.pos, bq.kind, bq.category, bq.prompt, bq.options, bq.correct, bq.explanation, bq.legal_source, 1
    FROM attempts a, bq WHERE a.contest_id = ${contestId}`);
  await db.run(sql`
    INSERT INTO answers (attempt_id, question_id, selected, seq, saved_at)
    SELECT a.id, bq.id, CASE WHEN abs(random()) % 100 < 70 THEN bq.correct ELSE json_array(bq.wrong) END, 1, a.started_at
    FROM attempts a, bq WHERE a.contest_id = ${contestId}`);
  await db.run(sql`
    UPDATE attempts SET
      score = (SELECT count(*) FROM answers an JOIN attempt_questions aq ON aq.attempt_id = an.attempt_id AND aq.question_id = an.question_id
               WHERE an.attempt_id = attempts.id AND an.selected = aq.correct),
      duration_ms = submitted_at - started_at, correct_count = 0
    WHERE contest_id = ${contestId}`);
  await db.run(sql`ANALYZE`);
  const loadSeconds = (performance.now() - started) / 1000;
  const t0 = performance.now();
  const results = await computeResults(db, contestId);
  const rankingMs = performance.now() - t0;
  client.close();
  return { contestId, slug, loadSeconds, rankingMs, ranked: results.individual.length };
}

async function signIn(base: string) {
  const form = new URLSearchParams({ phone: "0900000002", password: "hoithi2026", redirectTo: "/" });
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { Origin: base },
  });
  const cookie = response.headers.get("set-cookie");
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(";")[0];
}

async function drive(name: string, target: string, headers: Record<string, string>, concurrency: number) {
  const first = performance.now();
  const cold = await fetch(target, { headers });
  await cold.arrayBuffer();
  const coldMs = performance.now() - first;
  if (!cold.ok) throw new Error(`${name}: HTTP ${cold.status}`);
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS) {
        next++;
        const t = performance.now();
        const r = await fetch(target, { headers }).catch(() => null);
        if (!r?.ok) errors++;
        await r?.arrayBuffer();
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    name,
    concurrency,
    coldMs,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: REQUESTS / seconds,
    errors,
  };
}

console.log(`Preparing ${ENTRIES.toLocaleString("en")} entries in ${dir} …`);
const prepared = await prepare();
console.log(
  `Data loaded in ${prepared.loadSeconds.toFixed(1)} s; ranking ${prepared.ranked.toLocaleString("en")} people took ${prepared.rankingMs.toFixed(0)} ms (in process).`,
);

spawnSync("npm", ["run", "build"], { stdio: "ignore" });
const server = spawn("node_modules/.bin/tsx", ["server.ts"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    DATA_DIR: dir,
    PORT: String(PORT),
    SEED: "0",
  },
  stdio: ["ignore", "pipe", "inherit"],
  detached: true,
});
const base = `http://127.0.0.1:${PORT}`;
for (let i = 0; ; i++) {
  if ((await fetch(`${base}/healthz`).catch(() => null))?.ok) break;
  if (i > 120) throw new Error("server did not start");
  await new Promise((r) => setTimeout(r, 500));
}
try {
  const cookie = await signIn(base);
  const rows = [
    // A ward portal and many residents poll the public JSON; a handful of organisers open the page.
    await drive("stats.json (public)", `${base}/api/contests/${prepared.slug}/stats.json`, {}, CONCURRENCY),
    await drive(
      "organiser statistics page",
      `${base}/staff/contests/${prepared.contestId}/stats`,
      { Cookie: cookie },
      2,
    ),
  ];
  console.log(
    `\n${REQUESTS} requests per endpoint after one cold request (the cold one computes the statistics):`,
  );
  console.table(
    rows.map((r) => ({
      endpoint: r.name,
      concurrent: r.concurrency,
      "cold (ms)": r.coldMs.toFixed(0),
      "p50 (ms)": r.p50.toFixed(1),
      "p95 (ms)": r.p95.toFixed(1),
      "p99 (ms)": r.p99.toFixed(1),
      "req/s": r.rps.toFixed(0),
      errors: r.errors,
    })),
  );
} finally {
  process.kill(-server.pid!, "SIGTERM");
}

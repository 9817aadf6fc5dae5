/**
 * Measures the prize ranking and the statistics at 100,000 entries, in
 * process, on a database built once and reused (PERF_DB, default
 * /tmp/hoithi-perf/perf.db). Each command is meant to run in a fresh process
 * so that "cold" means what the first visitor after a restart waits:
 *
 *   npx tsx tests/perf/ranking-stats.ts prepare        build the database (once; ~1 min)
 *   npx tsx tests/perf/ranking-stats.ts ranking        computeResults on the 100,000-entry contest
 *   npx tsx tests/perf/ranking-stats.ts stats          cold public figures, then cold per-question table
 *   npx tsx tests/perf/ranking-stats.ts dump out.json  results of both contests under every counting
 *                                                      rule and prediction target, for comparing code versions
 *
 * Data: the demo ward plus "bench-100k", the contest of tests/load/bench.ts
 * (100,000 residents, one entry each, 20 questions with answers, with prizes
 * added here), and "perf-mixed": the same residents with up to three entries
 * each (~143,000), tied scores, durations and submission times, mixed-case
 * ids, team entries, staff, an exclusion list and disqualifications, to
 * check that a faster ranking gives exactly the same output.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { seedDemo } from "../../seeds/demo";
import { addClosedContest } from "../load/closed-contest";
import { computeResults } from "../../app/models/results.server";
import { contestQuestionStats, contestStats } from "../../app/models/stats.server";

const ENTRIES = 100_000;
const file = process.env.PERF_DB ?? "/tmp/hoithi-perf/perf.db";
const url = `file:${file}`;

async function prepare() {
  if (existsSync(file)) throw new Error(`${file} exists; delete it to rebuild`);
  mkdirSync(path.dirname(file), { recursive: true });
  const { db, client } = await openDatabase(url);
  await migrateDatabase(db);
  await seedDemo(db);
  const started = performance.now();
  const now = Date.now();
  // --- bench-100k: the same data as the bench's scenario (d).
  const { contestId } = await addClosedContest(db, ENTRIES, now, "bench-100k");
  await addPrizes(db, contestId);

  // --- perf-mixed: several entries per person and every kind of review decision.
  await db.run(sql`
    INSERT INTO contests (slug, kind, title, ward_name, state, opens_at, closes_at, time_limit_sec, draw, max_attempts, counting, prediction_target, entry_modes, created_at, updated_at)
    VALUES ('perf-mixed', 'quiz', 'Cuộc thi nhiều lượt', 'Phường Hòa Thuận', 'review', ${now - 20 * 86_400_000}, ${now - 3_600_000}, 1200,
      '{"mode":"category","rules":[{"category":"CCHC","count":20}]}', 3, 'best', 'perfect_entries', 'both', ${now}, ${now})`);
  const [{ id: mixedId }] = await db.all<{ id: number }>(
    sql`SELECT id FROM contests WHERE slug = 'perf-mixed'`,
  );
  const t0 = now - 10 * 86_400_000;
  // Coarse times (whole minutes) and few distinct scores give many ties; the id prefix mixes case
  // and punctuation like base64url ids do.
  await db.run(sql`
    INSERT INTO attempts (id, contest_id, user_id, attempt_no, status, started_at, deadline_at, submitted_at, submit_kind, score, max_score, question_count, duration_ms, prediction)
    SELECT substr('aB-_zZ0', 1 + (u.id * n.n) % 7, 1) || u.id || '.' || n.n, ${mixedId}, u.id, n.n, 'submitted',
      ${t0} + 60000 * (abs(random()) % 2000), 0,
      ${t0} + 60000 * (CASE WHEN u.id % 30 = 0 THEN 500 ELSE 400 + abs(random()) % 4000 END), 'manual',
      abs(random()) % 5 + 16, 20, 20,
      CASE WHEN u.id % 97 = 0 AND n.n = 2 THEN NULL ELSE 60000 * (2 + abs(random()) % 5) END,
      CASE WHEN u.id % 11 = 0 THEN NULL ELSE 1000 + abs(random()) % 200 END
    FROM users u JOIN (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) n
    WHERE u.phone LIKE '07%' AND (n.n = 1 OR (n.n = 2 AND u.id % 3 = 0) OR (n.n = 3 AND u.id % 10 = 0))`);
  // Not counted: an unscored submission, an open attempt.
  await db.run(
    sql`UPDATE attempts SET score = NULL WHERE contest_id = ${mixedId} AND user_id % 1009 = 0 AND attempt_no = 1`,
  );
  await db.run(
    sql`UPDATE attempts SET status = 'open' WHERE contest_id = ${mixedId} AND user_id % 1013 = 0 AND attempt_no = 2`,
  );
  // Staff entries (ineligible) and an exclusion list.
  await db.run(sql`
    INSERT INTO attempts (id, contest_id, user_id, attempt_no, status, started_at, deadline_at, submitted_at, submit_kind, score, max_score, question_count, duration_ms)
    SELECT 'staff' || u.id, ${mixedId}, u.id, 1, 'submitted', ${t0}, 0, ${t0} + 100000, 'manual', 20, 20, 20, 60000
    FROM users u WHERE u.role <> 'resident'`);
  await db.run(sql`
    INSERT INTO contest_exclusions (contest_id, phone) SELECT ${mixedId}, phone FROM users WHERE phone LIKE '07%' AND id % 1000 = 5`);
  // 300 teams; each captain enters once or twice for the team.
  await db.run(sql`
    INSERT INTO teams (contest_id, unit_id, number, name, name_key, captain_user_id)
    WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 300),
      u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM units)
    SELECT ${mixedId}, CASE WHEN c.n % 17 = 0 THEN NULL ELSE u.id END, c.n, 'Đội ' || c.n, 'đội ' || c.n,
      (SELECT id FROM users WHERE phone = '07' || printf('%08d', c.n * 7))
    FROM c JOIN u ON u.k = c.n % 25`);
  await db.run(sql`
    INSERT INTO attempts (id, contest_id, user_id, team_id, attempt_no, status, started_at, deadline_at, submitted_at, submit_kind, score, max_score, question_count, duration_ms, prediction)
    SELECT 'T' || t.id || '.' || n.n, ${mixedId}, t.captain_user_id, t.id, 10 + n.n, 'submitted', ${t0}, 0,
      ${t0} + 60000 * (abs(random()) % 100), 'manual', abs(random()) % 4 + 17, 20, 20, 60000 * (2 + abs(random()) % 3), 300 + abs(random()) % 50
    FROM teams t JOIN (SELECT 1 AS n UNION ALL SELECT 2) n WHERE t.contest_id = ${mixedId} AND (n.n = 1 OR t.id % 2 = 0)`);
  // Disqualifications: entries, people, a unit, a team, and one revoked.
  await db.run(sql`
    INSERT INTO disqualifications (contest_id, target_kind, target_id, reason, created_at)
    SELECT ${mixedId}, 'attempt', id, 'Kiểm tra', ${now} FROM attempts WHERE contest_id = ${mixedId} AND (user_id % 500 = 7 OR id LIKE 'T1%.1')`);
  await db.run(sql`
    INSERT INTO disqualifications (contest_id, target_kind, target_id, reason, created_at)
    SELECT ${mixedId}, 'user', cast(id AS text), 'Kiểm tra', ${now} FROM users WHERE phone LIKE '07%' AND id % 700 = 3`);
  await db.run(sql`
    INSERT INTO disqualifications (contest_id, target_kind, target_id, reason, created_at, revoked_at)
    VALUES (${mixedId}, 'unit', (SELECT cast(id AS text) FROM units ORDER BY id LIMIT 1 OFFSET 4), 'Kiểm tra', ${now}, NULL),
      (${mixedId}, 'unit', (SELECT cast(id AS text) FROM units ORDER BY id LIMIT 1 OFFSET 5), 'Kiểm tra', ${now}, ${now}),
      (${mixedId}, 'team', (SELECT cast(id AS text) FROM teams WHERE contest_id = ${mixedId} AND number = 9), 'Kiểm tra', ${now}, NULL)`);
  await addPrizes(db, mixedId);
  await db.run(sql`ANALYZE`);
  client.close();
  console.log(
    `Built ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s (after the demo seed).`,
  );
}

async function addPrizes(db: Awaited<ReturnType<typeof openDatabase>>["db"], contestId: number) {
  await db.run(sql`
    INSERT INTO contest_prizes (contest_id, category, rank, label, count, amount) VALUES
      (${contestId}, 'individual', 1, 'Nhất', 1, 1000000), (${contestId}, 'individual', 2, 'Nhì', 2, 700000),
      (${contestId}, 'individual', 3, 'Ba', 3, 500000), (${contestId}, 'individual', 4, 'Khuyến khích', 20, 200000),
      (${contestId}, 'team', 1, 'Nhất', 1, 2000000), (${contestId}, 'team', 2, 'Nhì', 2, 1000000),
      (${contestId}, 'collective', 1, 'Nhất', 1, 3000000), (${contestId}, 'collective', 2, 'Nhì', 2, 2000000)`);
}

/** CPU time of this process since `since`: steadier than wall time when the machine is shared. */
function cpuMs(since: NodeJS.CpuUsage) {
  const { user, system } = process.cpuUsage(since);
  return ((user + system) / 1000).toFixed(0);
}

async function contestId(db: Awaited<ReturnType<typeof openDatabase>>["db"], slug: string) {
  const [row] = await db.all<{ id: number }>(sql`SELECT id FROM contests WHERE slug = ${slug}`);
  if (!row) throw new Error(`no contest ${slug}; run prepare first`);
  return row.id;
}

const [command, arg] = process.argv.slice(2);
if (command === "prepare") {
  await prepare();
} else {
  const { db, client } = await openDatabase(url);
  await migrateDatabase(db);
  const bench = await contestId(db, "bench-100k");
  if (command === "ranking") {
    const slug = arg ?? "bench-100k";
    const id = await contestId(db, slug);
    const t = performance.now();
    const cpu = process.cpuUsage();
    const results = await computeResults(db, id);
    const ms = performance.now() - t;
    console.log(
      `computeResults(${slug}): ${ms.toFixed(0)} ms (${cpuMs(cpu)} ms CPU) for ${results.individual.length.toLocaleString("en")} ranked people`,
    );
  } else if (command === "stats") {
    const now = Date.now();
    let t = performance.now();
    let cpu = process.cpuUsage();
    const stats = await contestStats(db, bench, now);
    const publicMs = performance.now() - t;
    const publicCpu = cpuMs(cpu);
    t = performance.now();
    cpu = process.cpuUsage();
    const questions = await contestQuestionStats(db, stats);
    const questionMs = performance.now() - t;
    console.log(
      `cold public figures: ${publicMs.toFixed(0)} ms (${publicCpu} ms CPU, ${stats.totals.entries} entries); cold per-question table: ${questionMs.toFixed(0)} ms (${cpuMs(cpu)} ms CPU, ${questions.length} questions)`,
    );
    if (arg) writeFileSync(arg, JSON.stringify({ stats: { ...stats, computedAt: 0 }, questions }, null, 1));
  } else if (command === "dump") {
    if (!arg) throw new Error("dump needs an output file");
    const mixed = await contestId(db, "perf-mixed");
    const out: Record<string, unknown> = { bench: await computeResults(db, bench) };
    for (const counting of ["best", "first", "last"] as const)
      for (const target of ["perfect_entries", "entries", null] as const)
        for (const rule of ["participation_rate", "points"] as const) {
          await db.run(
            sql`UPDATE contests SET counting = ${counting}, prediction_target = ${target}, collective_rule = ${rule} WHERE id = ${mixed}`,
          );
          out[`mixed/${counting}/${target}/${rule}`] = await computeResults(db, mixed);
        }
    await db.run(
      sql`UPDATE contests SET counting = 'best', prediction_target = 'perfect_entries', collective_rule = 'participation_rate' WHERE id = ${mixed}`,
    );
    writeFileSync(arg, JSON.stringify(out));
    console.log(`wrote ${arg}`);
  } else {
    throw new Error("usage: ranking-stats.ts prepare | ranking [slug] | stats [out.json] | dump out.json");
  }
  client.close();
}

/**
 * A closed quiz with many submitted entries, for ranking and statistics at
 * scale: used by the bench (scenario d) and tests/perf/ranking-stats.ts. Kept
 * apart from data.ts, which loads the session module (and with it the app
 * secret) for the open-contest scenarios.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

/**
 * A closed contest of `entries` residents, one submitted entry each, 20
 * questions per entry with their answers, for ranking and statistics.
 */
export async function addClosedContest(db: Db, entries: number, now: number, slug = "bench-closed") {
  await db.run(sql`
    INSERT INTO contests (slug, kind, title, ward_name, state, opens_at, closes_at, time_limit_sec, draw, prediction_target, prediction_prompt, created_at, updated_at)
    VALUES (${slug}, 'quiz', 'Cuộc thi đo tải đã kết thúc', 'Phường Hòa Thuận', 'published', ${now - 20 * 86_400_000}, ${now - 3_600_000}, 1200,
      '{"mode":"category","rules":[{"category":"CCHC","count":10},{"category":"CDS","count":10}]}', 'entries', 'Bao nhiêu bài?', ${now}, ${now})`);
  const [{ id: contestId }] = await db.all<{ id: number }>(sql`SELECT id FROM contests WHERE slug = ${slug}`);
  const units = await db.all<{ id: number }>(sql`SELECT id FROM units ORDER BY id`);
  for (let start = 0; start < entries; start += 2000) {
    const people = Array.from({ length: Math.min(2000, entries - start) }, (_, i) => {
      const k = start + i;
      return sql`(${`07${String(k).padStart(8, "0")}`}, ${`Người dự thi ${k}`}, ${units[k % units.length].id}, 'x', ${now})`;
    });
    await db.run(
      sql`INSERT INTO users (phone, full_name, unit_id, password_hash, created_at) VALUES ${sql.join(people, sql`, `)}`,
    );
  }
  await db.run(sql`
    INSERT INTO attempts (id, contest_id, user_id, attempt_no, status, started_at, deadline_at, submitted_at, submit_kind, max_score, question_count, prediction, user_agent)
    SELECT 'b' || u.id, ${contestId}, u.id, 1, 'submitted',
      ${now - 20 * 86_400_000} + (abs(random()) % ${19 * 86_400_000}), 0, 0, 'manual', 20, 20, abs(random()) % 200000,
      CASE abs(random()) % 3 WHEN 0 THEN 'Mozilla/5.0 (Linux; Android 12)' WHEN 1 THEN 'Mozilla/5.0 (iPhone)' ELSE 'Mozilla/5.0 (Windows NT 10.0)' END
    FROM users u WHERE u.phone LIKE '07%'`);
  await db.run(
    sql`UPDATE attempts SET deadline_at = started_at + 1200000, submitted_at = started_at + 120000 + abs(random()) % 1000000 WHERE contest_id = ${contestId}`,
  );
  // The same 20 questions for every entry, snapshotted with their options.
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
  await db.run(sql`DROP TABLE bq`);
  await db.run(sql`ANALYZE`);
  return { contestId, slug };
}

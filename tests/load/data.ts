/**
 * Data for the bench, written straight into a fresh database file: the demo
 * ward, an open contest, residents who share one argon2 hash, and (for the
 * saving and deadline scenarios) attempts already started with sessions, so
 * those scenarios measure saving and submitting, not signing in.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { hashPassword } from "../../app/utils/password.server";
import { startAttempt } from "../../app/models/attempt.server";
import { getContestBySlug } from "../../app/models/contest.server";
import { createSession } from "../../app/utils/session.server";

export const BENCH_PASSWORD = "bench-2026";
export const OPEN_SLUG = "bench-open";

/** One simulated resident's attempt: what the driver needs to save answers into it. */
export type PlannedAttempt = {
  cookie: string;
  attemptId: string;
  questions: { id: number; optionIds: number[] }[];
};

/** An open quiz of 20 questions (10 CCHC + 10 CĐS), 60 minutes, one attempt each. */
export async function addOpenContest(db: Db, now: number) {
  await db.run(sql`
    INSERT INTO contests (slug, kind, title, ward_name, state, opens_at, closes_at, time_limit_sec, draw, created_at, updated_at)
    VALUES (${OPEN_SLUG}, 'quiz', 'Cuộc thi đo tải', 'Phường Hòa Thuận', 'published', ${now - 3_600_000}, ${now + 86_400_000}, 3600,
      '{"mode":"category","rules":[{"category":"CCHC","count":10},{"category":"CDS","count":10}]}', ${now}, ${now})`);
}

/** `count` residents with phones 08xxxxxxxx (first index `from`), spread over the ward's units. */
export async function addResidents(db: Db, from: number, count: number, now: number) {
  const hash = await hashPassword(BENCH_PASSWORD);
  const units = await db.all<{ id: number }>(sql`SELECT id FROM units ORDER BY id`);
  for (let start = from; start < from + count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, from + count - start) }, (_, i) => {
      const k = start + i;
      return sql`(${residentPhone(k)}, ${`Cư dân đo tải ${k}`}, ${units[k % units.length].id}, ${hash}, ${now})`;
    });
    await db.run(
      sql`INSERT INTO users (phone, full_name, unit_id, password_hash, created_at) VALUES ${sql.join(rows, sql`, `)}`,
    );
  }
}

export function residentPhone(k: number) {
  return `08${String(k).padStart(8, "0")}`;
}

/** Starts an attempt and a session for residents `from`…`from+count-1` (already added). */
export async function planAttempts(
  db: Db,
  from: number,
  count: number,
  now: number,
): Promise<PlannedAttempt[]> {
  const contest = await getContestBySlug(db, OPEN_SLUG);
  if (!contest) throw new Error("the bench contest is missing");
  const people = await db.all<{ id: number }>(
    sql`SELECT id FROM users WHERE phone >= ${residentPhone(from)} AND phone <= ${residentPhone(from + count - 1)} ORDER BY phone`,
  );
  const plans: PlannedAttempt[] = [];
  for (const person of people) {
    const { id } = await startAttempt(db, { contest, userId: person.id, now });
    const cookie = (await createSession(db, person.id, now)).split(";")[0];
    plans.push({ cookie, attemptId: id, questions: await drawnQuestions(db, id) });
  }
  return plans;
}

export async function drawnQuestions(db: Db, attemptId: string) {
  const rows = await db.all<{ id: number; options: string }>(
    sql`SELECT question_id AS id, options FROM attempt_questions WHERE attempt_id = ${attemptId} ORDER BY position`,
  );
  return rows.map((q) => ({
    id: q.id,
    optionIds: (JSON.parse(q.options) as { id: number }[]).map((o) => o.id),
  }));
}

/** Every question of these attempts answered once (seq 1), as if saved earlier in the quiz. */
export async function answerAll(db: Db, plans: PlannedAttempt[], now: number) {
  for (let i = 0; i < plans.length; i += 200) {
    const rows = plans
      .slice(i, i + 200)
      .flatMap((p) =>
        p.questions.map(
          (q) => sql`(${p.attemptId}, ${q.id}, ${JSON.stringify([q.optionIds[0]])}, 1, ${now})`,
        ),
      );
    await db.run(
      sql`INSERT INTO answers (attempt_id, question_id, selected, seq, saved_at) VALUES ${sql.join(rows, sql`, `)}`,
    );
  }
}

/**
 * A closed contest of `entries` residents, one submitted entry each, 20
 * questions per entry with their answers, for ranking and statistics.
 */
export async function addClosedContest(db: Db, entries: number, now: number) {
  const slug = "bench-closed";
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

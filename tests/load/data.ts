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

/** Every question of these attempts answered once (version 0, as rows before versions), as if saved earlier in the quiz. */
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

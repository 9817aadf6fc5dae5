/**
 * The entries a quiz contest ranks: the counted attempt of every person and
 * of every team, chosen in SQL, with the counts the prize ranking needs.
 */
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";

/**
 * The order that puts a person's (or team's) counted attempt first, mirroring
 * `countedAttempt`: attempts without a submission time last, then the contest's
 * rule. Attempts tied on all of it share rank 1 and `countedAttempt` picks
 * among them by id (its locale order differs from SQLite's binary one).
 */
const COUNTED_ORDER = {
  best: sql.raw("submitted_at IS NULL, score DESC, duration_ms IS NULL, duration_ms, submitted_at"),
  first: sql.raw("submitted_at IS NULL, submitted_at"),
  last: sql.raw("submitted_at IS NULL, submitted_at DESC"),
};

/** A person's or team's counted attempt, or one of the few tied for it. */
export type Candidate = {
  id: string;
  userId: number;
  teamId: number | null;
  score: number;
  durationMs: number | null;
  submittedAt: number | null;
  prediction: number | null;
  name: string;
  unitId: number | null;
  /** Staff or on the contest's exclusion list (people only). */
  ineligible: boolean;
  /** The subject's scored entries: all, perfect ones, and those not disqualified one by one. */
  entries: number;
  perfect: number;
  undisqualified: number;
};

const SUBJECTS = {
  person: { key: sql.raw("user_id"), entries: sql.raw("team_id IS NULL") },
  team: { key: sql.raw("team_id"), entries: sql.raw("team_id IS NOT NULL") },
};

/**
 * The candidates for the counted attempt of every person (or team), chosen in
 * SQL with a window function, with per-subject counts for the prediction's
 * actual figure and the units' entries: one list per subject, nearly always of
 * one (`countedAttempt` decides between tied ones). The rows come back as one
 * JSON value: the driver builds an object with a property per column for every
 * row, which at 100,000 rows cost more than the query itself.
 */
export async function loadCandidates(
  db: Db,
  contest: { id: number; counting: keyof typeof COUNTED_ORDER },
  subject: keyof typeof SUBJECTS,
) {
  const { key, entries } = SUBJECTS[subject];
  const [{ rows }] = await db.all<{ rows: string }>(sql`
    SELECT json_group_array(json_array(r.id, r.user_id, r.team_id, r.score, r.duration_ms, r.submitted_at,
      r.prediction, us.full_name, us.unit_id,
      us.role <> 'resident' OR us.phone IN (SELECT phone FROM contest_exclusions WHERE contest_id = ${contest.id}),
      r.entries, r.perfect, r.undisqualified)) AS rows
    FROM (
      SELECT id, user_id, team_id, score, duration_ms, submitted_at, prediction,
        rank() OVER (subject ORDER BY ${COUNTED_ORDER[contest.counting]}) AS place,
        count(*) OVER subject AS entries,
        sum(score = max_score) OVER subject AS perfect,
        sum(id NOT IN (SELECT target_id FROM disqualifications
                       WHERE contest_id = ${contest.id} AND target_kind = 'attempt' AND revoked_at IS NULL)
        ) OVER subject AS undisqualified
      FROM attempts
      WHERE contest_id = ${contest.id} AND status = 'submitted' AND score IS NOT NULL AND ${entries}
      WINDOW subject AS (PARTITION BY ${key})
    ) r JOIN users us ON us.id = r.user_id
    WHERE r.place = 1`);
  const values: [
    ...[id: string, userId: number, teamId: number | null, score: number],
    ...[durationMs: number | null, submittedAt: number | null, prediction: number | null],
    ...[name: string, unitId: number | null, ineligible: number],
    ...[entries: number, perfect: number, undisqualified: number],
  ][] = JSON.parse(rows);
  const candidates = values.map((v): Candidate => ({
    id: v[0],
    userId: v[1],
    teamId: v[2],
    score: v[3],
    durationMs: v[4],
    submittedAt: v[5],
    prediction: v[6],
    name: v[7],
    unitId: v[8],
    ineligible: v[9] === 1,
    entries: v[10],
    perfect: v[11],
    undisqualified: v[12],
  }));
  const groups = new Map<number | null, Candidate[]>();
  for (const c of candidates) {
    const id = subject === "person" ? c.userId : c.teamId;
    const tied = groups.get(id);
    if (tied) tied.push(c);
    else groups.set(id, [c]);
  }
  return [...groups.values()];
}

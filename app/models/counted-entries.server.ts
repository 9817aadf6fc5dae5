/**
 * The entries a quiz contest ranks: the counted attempt of every person and
 * of every team, chosen in SQL, with the counts the prize ranking needs.
 */
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { RECORDED } from "./practice.server";

/**
 * The order that puts a person's (or team's) counted attempt first, mirroring
 * `countedAttempt`: after the entries the committee disqualified one by one
 * (so the person's next entry counts instead), attempts without a submission
 * time last, then the contest's rule. Attempts tied on all of it share rank 1 and `countedAttempt` picks
 * among them by id (its locale order differs from SQLite's binary one).
 */
export const COUNTED_ORDER = {
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

type CandidateRow = Omit<Candidate, "ineligible"> & { ineligible: 0 | 1 };

/**
 * The candidates for the counted attempt of every person (or team), chosen in
 * SQL with a window function, with per-subject counts for the prediction's
 * actual figure and the units' entries: one list per subject, nearly always of
 * one (`countedAttempt` decides between tied ones). The rows come back as one
 * JSON array per column: the driver builds an object with a property per
 * column for every row, which at 100,000 rows cost more than the query itself,
 * and parsing columns is cheaper than parsing an array per row.
 */
export async function loadCandidates(
  db: Db,
  contest: { id: number; counting: keyof typeof COUNTED_ORDER },
  subject: keyof typeof SUBJECTS,
) {
  const { key, entries } = SUBJECTS[subject];
  const [json] = await db.all<{ [K in keyof CandidateRow]: string }>(sql`
    SELECT json_group_array(r.id) AS id, json_group_array(r.user_id) AS userId,
      json_group_array(r.team_id) AS teamId, json_group_array(r.score) AS score,
      json_group_array(r.duration_ms) AS durationMs, json_group_array(r.submitted_at) AS submittedAt,
      json_group_array(r.prediction) AS prediction, json_group_array(us.full_name) AS name,
      json_group_array(us.unit_id) AS unitId,
      json_group_array(us.role <> 'resident'
        OR us.phone IN (SELECT phone FROM contest_exclusions WHERE contest_id = ${contest.id})) AS ineligible,
      json_group_array(r.entries) AS entries, json_group_array(r.perfect) AS perfect,
      json_group_array(r.undisqualified) AS undisqualified
    FROM (
      SELECT id, user_id, team_id, score, duration_ms, submitted_at, prediction,
        rank() OVER (subject ORDER BY disqualified, ${COUNTED_ORDER[contest.counting]}) AS place,
        count(*) OVER subject AS entries,
        sum(score = max_score) OVER subject AS perfect,
        sum(NOT disqualified) OVER subject AS undisqualified
      FROM (
        SELECT *, id IN (SELECT target_id FROM disqualifications
                         WHERE contest_id = ${contest.id} AND target_kind = 'attempt' AND revoked_at IS NULL)
          AS disqualified
        FROM attempts
        WHERE contest_id = ${contest.id} AND status = 'submitted' AND score IS NOT NULL AND ${entries}
          AND ${RECORDED}
      )
      WINDOW subject AS (PARTITION BY ${key})
    ) r JOIN users us ON us.id = r.user_id
    WHERE r.place = 1`);
  const c = parseColumns<CandidateRow>(json);
  const candidates = c.id.map((id, i): Candidate => ({
    id,
    userId: c.userId[i],
    teamId: c.teamId[i],
    score: c.score[i],
    durationMs: c.durationMs[i],
    submittedAt: c.submittedAt[i],
    prediction: c.prediction[i],
    name: c.name[i],
    unitId: c.unitId[i],
    ineligible: c.ineligible[i] === 1,
    entries: c.entries[i],
    perfect: c.perfect[i],
    undisqualified: c.undisqualified[i],
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

/** Columns aggregated with `json_group_array` (all in the same row order), parsed. */
function parseColumns<Row>(json: { [K in keyof Row]: string }) {
  const columns: Partial<{ [K in keyof Row]: Row[K][] }> = {};
  for (const key in json) columns[key] = JSON.parse(json[key]);
  return columns as { [K in keyof Row]: Row[K][] };
}

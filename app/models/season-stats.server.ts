/**
 * A season's participation statistics: each unit's figures round by round
 * (from each round's own statistics), and the distinct people of the unit
 * over the whole season. No personal data: the public page and
 * `GET /api/seasons/:slug/stats.json` show all of it.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { contests } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { contestStatus } from "./contest.server";
import { recordedAs } from "./practice.server";
import { rate, contestStats } from "./stats.server";

export type SeasonStats = Awaited<ReturnType<typeof seasonStats>>;

export async function seasonStats(db: Db, slug: string, now: number) {
  const [season] = await db
    .select()
    .from(contests)
    .where(and(eq(contests.slug, slug), eq(contests.kind, "season")));
  if (!season) throw new DomainError("contest.notFound", 404);
  const rounds = (
    await db.select().from(contests).where(eq(contests.seasonId, season.id)).orderBy(contests.roundNo)
  ).filter((r) => r.state !== "draft");
  const perRound = await Promise.all(rounds.map((r) => contestStats(db, r.id, now)));
  const ids = rounds.map((r) => r.id);
  const distinct = ids.length
    ? await db.all<{ unitId: number | null; participants: number }>(sql`
        SELECT us.unit_id AS unitId, count(DISTINCT a.user_id) AS participants
        FROM attempts a JOIN users us ON us.id = a.user_id
        WHERE a.contest_id IN (${sql.join(ids, sql`, `)}) AND a.status = 'submitted' AND a.score IS NOT NULL
          AND ${recordedAs("a")}
        GROUP BY us.unit_id`)
    : [];
  const distinctOf = new Map(distinct.map((d) => [d.unitId, d.participants]));
  const units = new Map<number, { id: number; name: string; kind: string; denominator: number | null }>();
  for (const s of perRound) for (const u of s.units) units.set(u.id, u);
  const unitRows = [...units.values()]
    .sort((a, b) => a.id - b.id)
    .map((u) => {
      const byRound = perRound.map((s, i) => {
        const f = s.units.find((x) => x.id === u.id);
        return {
          roundNo: rounds[i].roundNo ?? i + 1,
          participants: f?.participants ?? 0,
          entries: f?.entries ?? 0,
          participationRate: f?.participationRate ?? null,
        };
      });
      const participants = distinctOf.get(u.id) ?? 0;
      return {
        id: u.id,
        name: u.name,
        kind: u.kind,
        denominator: u.denominator,
        participants,
        entries: byRound.reduce((s, r) => s + r.entries, 0),
        participationRate: rate(participants, u.denominator),
        rounds: byRound,
      };
    });
  return {
    season: {
      id: season.id,
      slug: season.slug,
      title: season.title,
      status: contestStatus(season, now),
      opensAt: season.opensAt,
      closesAt: season.closesAt,
    },
    rounds: rounds.map((r, i) => ({
      roundNo: r.roundNo ?? i + 1,
      slug: r.slug,
      title: r.title,
      status: contestStatus(r, now),
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      participants: perRound[i].totals.participants,
      entries: perRound[i].totals.entries,
    })),
    totals: {
      units: unitRows.length,
      unitsWithParticipants: unitRows.filter((u) => u.participants > 0).length,
      participants: distinct.reduce((s, d) => s + d.participants, 0),
      entries: perRound.reduce((s, r) => s + r.totals.entries, 0),
      rounds: rounds.length,
    },
    units: unitRows,
  };
}

/** The season's statistics for `GET /api/seasons/:slug/stats.json`: ISO times, nothing private. */
export function publicSeasonStats(s: SeasonStats) {
  const iso = (t: number) => new Date(t).toISOString();
  return {
    season: { ...s.season, id: undefined, opensAt: iso(s.season.opensAt), closesAt: iso(s.season.closesAt) },
    rounds: s.rounds.map((r) => ({ ...r, opensAt: iso(r.opensAt), closesAt: iso(r.closesAt) })),
    totals: s.totals,
    units: s.units,
  };
}

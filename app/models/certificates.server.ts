/**
 * Giấy chứng nhận: one per prize (individual, team, collective; a stage
 * contest's team prizes) from the locked results, and optionally one per
 * counted participant. Each names what proves it: a quiz entry's receipt
 * check (/receipts/<code>), else the contest's winners page.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { attempts, contests } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { recordedOnly } from "./practice.server";
import type { RankedEntry } from "./ranking.server";
import { currentResults } from "./results.server";

export type Certificate = {
  kind: "prize" | "participation";
  category: "individual" | "team" | "collective";
  /** The prize's label ("Nhất", "Khuyến khích"); null for participation. */
  prize: string | null;
  name: string;
  unit: string | null;
  /** Where the certificate can be checked, relative to the site. */
  verifyPath: string;
};

/** "Phường Hòa Thuận" → "Hòa Thuận": the place on the date line of a ward's paper. */
export function placeOf(wardName: string) {
  return wardName.replace(/^\s*(phường|xã|thị trấn|đặc khu)\s+/iu, "").trim() || wardName;
}

/**
 * The certificates of a contest whose results are locked (or announced),
 * prizes first (collective, team, individual, each from the first prize
 * down), then, when asked, participation for every counted entrant
 * without a prize. Before the lock: 409 `certificates.notYet`.
 */
export async function certificateSheet(db: Db, contestId: number, opts: { participants: boolean }) {
  const [contest] = await db.select().from(contests).where(eq(contests.id, contestId));
  if (!contest) throw new DomainError("error.notFound", 404);
  if (contest.state !== "locked" && contest.state !== "announced")
    throw new DomainError("certificates.notYet", 409);
  const { results, lockedAt, announcedAt } = await currentResults(db, contestId);
  const winnersPath = `/contests/${contest.slug}/results`;
  const receipts = new Map<string, string>();
  if (contest.kind === "quiz") {
    const rows = await db
      .select({ id: attempts.id, receipt: attempts.receipt })
      .from(attempts)
      .where(and(eq(attempts.contestId, contestId), isNotNull(attempts.receipt), recordedOnly));
    for (const r of rows) if (r.receipt) receipts.set(r.id, r.receipt);
  }
  const verifyPathOf = (e: RankedEntry) => {
    const code = receipts.get(e.attemptId);
    return code ? `/receipts/${code}` : winnersPath;
  };
  const byPrize = <T extends { prize: { rank: number } | null }>(list: T[]) =>
    list.filter((e) => e.prize).sort((a, b) => a.prize!.rank - b.prize!.rank);
  const person = (category: "individual" | "team", kind: Certificate["kind"]) => (e: RankedEntry) => ({
    kind,
    category,
    prize: kind === "prize" ? e.prize!.label : null,
    name: e.name,
    unit: e.unitName,
    verifyPath: verifyPathOf(e),
  });
  const prizes: Certificate[] = [
    ...byPrize(results.collective).map((u) => ({
      kind: "prize" as const,
      category: "collective" as const,
      prize: u.prize!.label,
      name: u.name,
      unit: null,
      verifyPath: winnersPath,
    })),
    ...byPrize(results.teams).map(person("team", "prize")),
    ...byPrize(results.individual).map(person("individual", "prize")),
  ];
  const counted = (e: RankedEntry) => e.status === "ranked" && !e.prize;
  const participation: Certificate[] = [
    ...results.teams.filter(counted).map(person("team", "participation")),
    ...results.individual.filter(counted).map(person("individual", "participation")),
  ];
  return {
    contest: {
      id: contest.id,
      slug: contest.slug,
      title: contest.title,
      kind: contest.kind,
      state: contest.state,
      wardName: contest.wardName,
    },
    /** The date on the certificates: the announcement, else the lock. */
    issuedAt: announcedAt ?? lockedAt ?? Date.now(),
    place: placeOf(contest.wardName),
    prizeCount: prizes.length,
    participantCount: participation.length,
    certificates: opts.participants ? [...prizes, ...participation] : prizes,
  };
}

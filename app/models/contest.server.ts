import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { contestPrizes, contests } from "#db/schema";
import { DomainError } from "~/utils/errors";

export type Contest = typeof contests.$inferSelect;
export type ContestStatus = "draft" | "published" | "open" | "closed" | "review" | "locked" | "announced";

/**
 * The status people see: draft → published → open → closed come from the
 * window; review → locked → announced are the committee's stored steps.
 */
export function contestStatus(
  c: Pick<Contest, "state" | "opensAt" | "closesAt">,
  now: number,
): ContestStatus {
  if (c.state !== "published") return c.state;
  if (now < c.opensAt) return "published";
  if (now < c.closesAt) return "open";
  return "closed";
}

/** Every contest visible to the public (not drafts; seasons are listed apart), soonest-opening first. */
export async function listPublicContests(db: Db, now: number) {
  const rows = await db
    .select({
      id: contests.id,
      slug: contests.slug,
      title: contests.title,
      kind: contests.kind,
      state: contests.state,
      description: contests.description,
      opensAt: contests.opensAt,
      closesAt: contests.closesAt,
      timeLimitSec: contests.timeLimitSec,
      seasonId: contests.seasonId,
      roundNo: contests.roundNo,
    })
    .from(contests)
    .where(and(ne(contests.state, "draft"), ne(contests.kind, "season")))
    .orderBy(asc(contests.opensAt));
  return rows.map((c) => ({ ...c, status: contestStatus(c, now) }));
}

const contestBySlug = prepared((db) =>
  db
    .select()
    .from(contests)
    .where(eq(contests.slug, sql.placeholder("slug")))
    .prepare(),
);

/** A contest by its link; drafts only for organisers previewing them. */
export async function getContestBySlug(db: Db, slug: string, { allowDraft = false } = {}) {
  const [contest] = await contestBySlug(db).all({ slug });
  if (!contest || (contest.state === "draft" && !allowDraft)) throw new DomainError("contest.notFound", 404);
  return contest;
}

export async function listPrizes(db: Db, contestIds: number[]) {
  if (contestIds.length === 0) return [];
  return db
    .select()
    .from(contestPrizes)
    .where(and(inArray(contestPrizes.contestId, contestIds)))
    .orderBy(asc(contestPrizes.category), asc(contestPrizes.rank));
}

/** Whether a contest's (or season's) link is not one: lower-case words of letters and digits joined by "-", up to 80. */
export function slugInvalid(slug: string) {
  return !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80;
}

/** Number of questions an attempt of this contest draws. */
export function questionCount(c: Pick<Contest, "draw">) {
  return c.draw.mode === "fixed"
    ? c.draw.questionIds.length
    : c.draw.rules.reduce((sum, r) => sum + r.count, 0);
}

/**
 * Whether a unit belongs in a contest's statistics and collective ranking:
 * eligible (when the contest names its units), and existing while it ran, so
 * a unit added or retired later never changes a past contest's figures.
 */
export function unitTakesPart(
  c: Pick<Contest, "opensAt" | "closesAt" | "eligibleUnitIds">,
  u: { id: number; createdAt: number; retiredAt: number | null },
) {
  if (c.eligibleUnitIds) return c.eligibleUnitIds.includes(u.id);
  return u.createdAt <= c.closesAt && (u.retiredAt === null || u.retiredAt > c.opensAt);
}

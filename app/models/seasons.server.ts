/**
 * Seasons (mùa thi) of rounds (đợt): a season is a contest row of its own
 * (kind "season") whose rounds are quiz contests pointing at it, so the
 * committee reviews, locks and announces it as it does a round (decision
 * 009). Here: creating a season around a first round, its settings (rules
 * across rounds, prize table, thể lệ, frozen once a round has started), the
 * next round, and what the public pages show of it.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { attempts, contestPrizes, contests } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { formatDateTime, formatMoney } from "~/utils/format";
import { message, type Message } from "~/utils/i18n";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import {
  loadSettings,
  pickSettings,
  prizeRowProblem,
  slugTaken,
  createQuizContest,
} from "./contest-admin.server";
import { amendmentInsert, type Change } from "./contest-amendments.server";
import { generateRules } from "./contest-rules.server";
import { contestStatus, slugInvalid, type Contest } from "./contest.server";
import type { PrizeInput } from "./contest-settings.server";
import { currentResults, seasonRounds } from "./results.server";
import type { SeasonAggregate, SeasonPrizeRule } from "./result-types.server";

export type SeasonSettings = {
  title: string;
  slug: string;
  description: string;
  /** Thể lệ of the season; empty: generated from the rounds and the rules below. */
  rules: string;
  aggregate: SeasonAggregate;
  prizeRule: SeasonPrizeRule;
  requiredRounds: number[];
  collectiveRule: Contest["collectiveRule"];
};

export type SeasonProblems = Partial<
  Record<keyof SeasonSettings | "prizes" | "firstRound" | "reason", Message>
>;

const AGGREGATE = {
  sum: "tổng điểm các đợt đã dự thi",
  best: "điểm của đợt cao nhất",
  average: "điểm trung bình các đợt đã dự thi",
} as const;
const PRIZE_RULE = {
  highest:
    "Mỗi người chỉ nhận một giải cá nhân theo đợt trong cả mùa thi: người đạt giải ở nhiều đợt chỉ nhận giải cao nhất; ở đợt sau, người đã có giải bằng hoặc cao hơn được bỏ qua và người tiếp theo được xét.",
  first:
    "Mỗi người chỉ nhận một giải cá nhân theo đợt trong cả mùa thi: người đã đạt giải ở một đợt không được xét giải ở các đợt sau; người tiếp theo được xét thay.",
  none: "Người dự thi có thể đạt giải ở nhiều đợt.",
} as const;
const COLLECTIVE = {
  participation_rate: "tỷ lệ số người dự thi (không trùng lặp qua các đợt) so với dân số hoặc số thành viên",
  entries: "tổng số bài dự thi qua các đợt",
  average_score: "điểm trung bình mùa thi của người dự thi thuộc đơn vị",
  points: "tỷ lệ tham gia cộng điểm giải cá nhân mùa thi (nhất 10, nhì 8, ba 6, khuyến khích 4)",
} as const;

async function loadSeason(db: Db, seasonId: number) {
  const [s] = await db.select().from(contests).where(eq(contests.id, seasonId));
  if (!s || s.kind !== "season") throw new DomainError("contest.notFound", 404);
  return s;
}

/** The season's thể lệ as generated from its rounds, rules and prizes (the organiser may edit it). */
export function generateSeasonRules(
  season: Pick<Contest, "title" | "wardName"> & SeasonLike,
  rounds: Pick<Contest, "roundNo" | "opensAt" | "closesAt">[],
  prizes: (Pick<PrizeInput, "category" | "label" | "count" | "amount"> & { rank?: number })[],
) {
  const lines = [
    `THỂ LỆ ${season.title.toUpperCase()}`,
    "",
    `1. Mùa thi do ${season.wardName} tổ chức, gồm ${rounds.length} đợt thi trực tuyến:`,
    ...rounds.map(
      (r) => `   - Đợt ${r.roundNo}: từ ${formatDateTime(r.opensAt)} đến ${formatDateTime(r.closesAt)}.`,
    ),
    "   Mỗi đợt có thể lệ, đáp án, câu hỏi dự đoán và cơ cấu giải riêng.",
    `2. Xếp hạng cá nhân mùa thi theo ${AGGREGATE[season.seasonAggregate]}; bằng điểm thì xét tổng độ lệch dự đoán của các đợt (nhỏ hơn xếp trên; đợt không trả lời câu dự đoán coi như lệch nhiều nhất), rồi tổng thời gian làm bài (ít hơn xếp trên), rồi thời điểm nộp bài cuối cùng (sớm hơn xếp trên).`,
    (season.seasonRequiredRounds ?? []).length
      ? `3. Chỉ xét giải mùa thi cho người đã dự thi các đợt: ${season.seasonRequiredRounds!.map((n) => `đợt ${n}`).join(", ")}.`
      : "3. Người dự thi ít nhất một đợt được xếp hạng mùa thi.",
    `4. ${PRIZE_RULE[season.seasonPrizeRule]} Giải mùa thi được xét riêng.`,
    `5. Giải tập thể mùa thi xét theo ${COLLECTIVE[season.collectiveRule]}.`,
  ];
  if (prizes.length) {
    lines.push("6. Cơ cấu giải mùa thi:");
    // Individual prizes first, each category from the top, whatever order they come in.
    const order = (p: (typeof prizes)[number]) => (p.category === "collective" ? 1 : 0);
    for (const p of [...prizes].sort((a, b) => order(a) - order(b) || (a.rank ?? 0) - (b.rank ?? 0)))
      lines.push(
        `   - ${p.category === "collective" ? "Tập thể" : "Cá nhân"}: ${p.count} giải ${p.label}, mỗi giải ${formatMoney(p.amount)}.`,
      );
  }
  return lines.join("\n");
}

type SeasonLike = Pick<
  Contest,
  "seasonAggregate" | "seasonPrizeRule" | "seasonRequiredRounds" | "collectiveRule"
>;

const settingsColumns = (s: SeasonSettings) => ({
  title: s.title.trim(),
  slug: s.slug,
  description: s.description,
  rules: s.rules,
  seasonAggregate: s.aggregate,
  seasonPrizeRule: s.prizeRule,
  seasonRequiredRounds: s.requiredRounds,
  collectiveRule: s.collectiveRule,
});

/** Problems with a season's settings, per field, as messages. */
export function validateSeason(s: SeasonSettings, prizes: PrizeInput[], roundCount: number): SeasonProblems {
  const p: SeasonProblems = {};
  if (s.title.trim().length < 5) p.title = "contestSettings.titleShort";
  if (slugInvalid(s.slug)) p.slug = "contestSettings.slugInvalid";
  const bad = s.requiredRounds.find((n) => !(Number.isInteger(n) && n >= 1 && n <= Math.max(roundCount, 1)));
  if (bad !== undefined) p.requiredRounds = message("season.requiredRoundMissing", { n: bad });
  const prizeProblem = prizeRowProblem(prizes);
  if (prizeProblem) p.prizes = prizeProblem;
  if (prizes.some((x) => x.category === "team")) p.prizes = "season.noTeamPrizes";
  return p;
}

/** Whether anyone has started an attempt in any of the season's rounds: its rules are then frozen. */
export async function seasonStarted(db: Db, seasonId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(attempts)
    .innerJoin(contests, eq(contests.id, attempts.contestId))
    .where(and(eq(contests.seasonId, seasonId), eq(attempts.practice, false)));
  return row.n > 0;
}

/**
 * The committee of a new season or round: the roster (and quorum) an admin
 * set for the round it grows from, so the same people decide every round.
 */
function copyRoster(db: Db, fromId: number, toId: number, now: number) {
  return [
    db.run(sql`INSERT OR IGNORE INTO contest_committee (contest_id, user_id, added_at)
      SELECT ${toId}, user_id, ${now} FROM contest_committee WHERE contest_id = ${fromId}`),
    db.run(sql`UPDATE contests SET lock_quorum = (SELECT lock_quorum FROM contests WHERE id = ${fromId})
      WHERE id = ${toId}`),
  ];
}

/** Keeps the season's window the span of its rounds'. */
function spanUpdate(db: Db, seasonId: number, now: number) {
  return db.run(sql`
    UPDATE contests SET
      opens_at = coalesce((SELECT min(opens_at) FROM contests WHERE season_id = ${seasonId}), opens_at),
      closes_at = coalesce((SELECT max(closes_at) FROM contests WHERE season_id = ${seasonId}), closes_at),
      updated_at = ${now}
    WHERE id = ${seasonId}`);
}

/**
 * A new season whose first round is an existing quiz contest not yet in a
 * season. The season is published at once (it has no entries of its own);
 * its rounds are published one by one as contests are.
 */
export async function createSeason(
  db: Db,
  input: { settings: SeasonSettings; prizes: PrizeInput[]; firstRoundId: number },
  actor: Actor,
  now = Date.now(),
): Promise<{ id: number } | { problems: SeasonProblems }> {
  authorize(actor, "contest.create");
  const problems = validateSeason(input.settings, input.prizes, 1);
  const [first] = await db.select().from(contests).where(eq(contests.id, input.firstRoundId));
  if (!first || first.kind !== "quiz" || first.seasonId !== null)
    problems.firstRound = "season.firstRoundInvalid";
  if (!problems.slug && (await slugTaken(db, input.settings.slug))) problems.slug = "contestForm.slugTaken";
  if (Object.keys(problems).length || !first) return { problems };
  const values = settingsColumns(input.settings);
  values.rules ||= generateSeasonRules(
    { ...seasonLike(input.settings), ...values, wardName: first.wardName },
    [{ ...first, roundNo: 1 }],
    input.prizes,
  );
  const [season] = await db
    .insert(contests)
    .values({
      ...values,
      kind: "season",
      wardName: first.wardName,
      state: "published",
      opensAt: first.opensAt,
      closesAt: first.closesAt,
      draw: { mode: "fixed", questionIds: [] },
      createdByUserId: actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: contests.id });
  await db.batch([
    db
      .update(contests)
      .set({ seasonId: season.id, roundNo: 1, updatedAt: now })
      .where(and(eq(contests.id, first.id), sql`season_id IS NULL`)),
    ...copyRoster(db, first.id, season.id, now),
    ...(input.prizes.length
      ? [db.insert(contestPrizes).values(input.prizes.map((p) => ({ ...p, contestId: season.id })))]
      : []),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "season.create",
        entity: "contest",
        entityId: season.id,
        after: input,
      },
      now,
    ),
  ]);
  return { id: season.id };
}

const seasonLike = (s: SeasonSettings): SeasonLike => ({
  seasonAggregate: s.aggregate,
  seasonPrizeRule: s.prizeRule,
  seasonRequiredRounds: s.requiredRounds,
  collectiveRule: s.collectiveRule,
});

/** The season's settings and prizes as stored. */
export async function loadSeasonSettings(db: Db, seasonId: number) {
  const season = await loadSeason(db, seasonId);
  const [prizes, rounds] = await Promise.all([
    db
      .select()
      .from(contestPrizes)
      .where(eq(contestPrizes.contestId, seasonId))
      .orderBy(asc(contestPrizes.category), asc(contestPrizes.rank)),
    seasonRounds(db, seasonId),
  ]);
  const settings: SeasonSettings = {
    title: season.title,
    slug: season.slug,
    description: season.description,
    rules: season.rules,
    aggregate: season.seasonAggregate,
    prizeRule: season.seasonPrizeRule,
    requiredRounds: season.seasonRequiredRounds ?? [],
    collectiveRule: season.collectiveRule,
  };
  return { season, settings, prizes, rounds };
}

function seasonChanges(
  before: { settings: SeasonSettings; prizes: PrizeInput[] },
  after: { settings: SeasonSettings; prizes: PrizeInput[] },
): Change[] {
  const shown = (x: SeasonSettings, p: PrizeInput[]) => ({
    "Cách tính điểm mùa thi": AGGREGATE[x.aggregate],
    "Giải theo đợt": PRIZE_RULE[x.prizeRule],
    "Đợt bắt buộc": x.requiredRounds.join(", ") || "(không có)",
    "Giải tập thể xét theo": COLLECTIVE[x.collectiveRule],
    "Cơ cấu giải":
      p.map((r) => `${r.category}:${r.label} ×${r.count} ${formatMoney(r.amount)}`).join("; ") ||
      "(không có)",
  });
  const b = shown(before.settings, before.prizes);
  const a = shown(after.settings, after.prizes);
  return (Object.keys(b) as (keyof typeof b)[])
    .filter((k) => b[k] !== a[k])
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/**
 * Saves a season's settings. Until its results are in review: once any round
 * has started, a change to the rules across rounds or the prizes is an
 * amendment (reason, dated revision of the thể lệ), as for a contest.
 */
export async function updateSeason(
  db: Db,
  seasonId: number,
  input: { settings: SeasonSettings; prizes: PrizeInput[]; reason?: string },
  actor: Actor,
  now = Date.now(),
): Promise<SeasonProblems> {
  authorize(actor, "contest.edit");
  const before = await loadSeasonSettings(db, seasonId);
  if (before.season.state !== "published") return { title: "contestSettings.inReview" };
  const problems = validateSeason(input.settings, input.prizes, before.rounds.length);
  if (!problems.slug && (await slugTaken(db, input.settings.slug, seasonId)))
    problems.slug = "contestForm.slugTaken";
  if (Object.keys(problems).length) return problems;
  const settings = { ...input.settings };
  const generatedBefore = generateSeasonRules(before.season, before.rounds, before.prizes);
  const generatedAfter = generateSeasonRules(
    { ...before.season, ...seasonLike(settings), title: settings.title },
    before.rounds,
    input.prizes,
  );
  // Never edited by hand: the thể lệ follows the settings.
  if (!settings.rules.trim() || settings.rules.trim() === generatedBefore.trim())
    settings.rules = generatedAfter;
  const changes = (await seasonStarted(db, seasonId))
    ? seasonChanges(before, { settings, prizes: input.prizes })
    : [];
  const reason = input.reason?.trim() ?? "";
  if (changes.length) {
    authorize(actor, "contest.amend");
    if (reason.length < 5) return { reason: "contestSettings.amendmentReason" };
  }
  await db.batch([
    db
      .update(contests)
      .set({ ...settingsColumns(settings), updatedAt: now })
      .where(eq(contests.id, seasonId)),
    db.delete(contestPrizes).where(eq(contestPrizes.contestId, seasonId)),
    ...(input.prizes.length
      ? [db.insert(contestPrizes).values(input.prizes.map((p) => ({ ...p, contestId: seasonId })))]
      : []),
    ...(changes.length
      ? [amendmentInsert(db, { contestId: seasonId, reason, changes, rules: settings.rules }, actor, now)]
      : []),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: changes.length ? "contest.amend" : "season.update",
        entity: "contest",
        entityId: seasonId,
        before: { settings: before.settings, prizes: before.prizes },
        after: { settings, prizes: input.prizes, reason, changes },
      },
      now,
    ),
  ]);
  return {};
}

/**
 * The next round: a draft copy of the season's last round (settings, prizes,
 * exclusions; attempts draw their own questions, so the draw is fresh) with
 * the window given, which may overlap the last one's. Refused once the
 * season's results are in review.
 */
export async function addRound(
  db: Db,
  seasonId: number,
  window: { opensAt: number; closesAt: number },
  actor: Actor,
  now = Date.now(),
): Promise<{ id: number } | { problems: Partial<Record<"opensAt" | "closesAt", Message>> }> {
  authorize(actor, "contest.create");
  const season = await loadSeason(db, seasonId);
  if (season.state !== "published") throw new DomainError("contestSettings.inReview", 409);
  if (!Number.isFinite(window.opensAt)) return { problems: { opensAt: "contestSettings.opensAtMissing" } };
  if (!Number.isFinite(window.closesAt)) return { problems: { closesAt: "contestSettings.closesAtMissing" } };
  if (window.closesAt <= window.opensAt)
    return { problems: { closesAt: "contestSettings.closesBeforeOpens" } };
  const lastRound = (await seasonRounds(db, seasonId)).at(-1);
  if (!lastRound) throw new DomainError("season.noRounds", 409);
  const roundNo = (lastRound.roundNo ?? 0) + 1;
  const { prizes, exclusions } = await loadSettings(db, lastRound.id);
  let slug = `${season.slug}-dot-${roundNo}`;
  for (let n = 2; await slugTaken(db, slug); n++) slug = `${season.slug}-dot-${roundNo}-${n}`;
  const settings = {
    ...pickSettings(lastRound),
    title: `${season.title} – Đợt ${roundNo}`,
    slug,
    opensAt: window.opensAt,
    closesAt: window.closesAt,
  };
  settings.rules = generateRules({ ...settings, wardName: lastRound.wardName }, prizes);
  const id = await createQuizContest(
    db,
    {
      settings,
      prizes: prizes.map(({ category, rank, label, count, amount }) => ({
        category,
        rank,
        label,
        count,
        amount,
      })),
      exclusions,
      wardName: lastRound.wardName,
    },
    actor,
    now,
  );
  const roundsBefore = await seasonRounds(db, seasonId);
  await db.batch([
    db.update(contests).set({ seasonId, roundNo }).where(eq(contests.id, id)),
    ...copyRoster(db, lastRound.id, id, now),
    spanUpdate(db, seasonId, now),
  ]);
  await rulesFollowRounds(db, season, roundsBefore);
  return { id };
}

/**
 * The season's thể lệ lists its rounds: a generated one (never edited by
 * hand) is generated again when a round is added; a hand-edited one is kept.
 */
async function rulesFollowRounds(db: Db, season: Contest, roundsBefore: Contest[]) {
  const prizes = await db.select().from(contestPrizes).where(eq(contestPrizes.contestId, season.id));
  const generated = generateSeasonRules(season, roundsBefore, prizes);
  if (season.rules.trim() && season.rules.trim() !== generated.trim()) return;
  const rules = generateSeasonRules(season, await seasonRounds(db, season.id), prizes);
  await db.update(contests).set({ rules }).where(eq(contests.id, season.id));
}

/** The window a next round would most likely have: as long as the last one, starting when it closes. */
export function suggestedNextWindow(last: Pick<Contest, "opensAt" | "closesAt">) {
  return { opensAt: last.closesAt, closesAt: last.closesAt + (last.closesAt - last.opensAt) };
}

export type SeasonRoundView = {
  id: number;
  roundNo: number;
  slug: string;
  title: string;
  status: ReturnType<typeof contestStatus>;
  opensAt: number;
  closesAt: number;
};

/**
 * What residents see of a season: its published rounds with their status,
 * the round open now (the one closing soonest) and the next to open.
 */
export async function seasonOverview(db: Db, season: Contest, now: number) {
  const rounds: SeasonRoundView[] = (await seasonRounds(db, season.id))
    .filter((r) => r.state !== "draft")
    .map((r) => ({
      id: r.id,
      roundNo: r.roundNo ?? 0,
      slug: r.slug,
      title: r.title,
      status: contestStatus(r, now),
      opensAt: r.opensAt,
      closesAt: r.closesAt,
    }));
  const current =
    rounds.filter((r) => r.status === "open").sort((a, b) => a.closesAt - b.closesAt)[0] ?? null;
  const next =
    rounds.filter((r) => r.status === "published").sort((a, b) => a.opensAt - b.opensAt)[0] ?? null;
  return {
    season: {
      id: season.id,
      slug: season.slug,
      title: season.title,
      description: season.description,
      rules: season.rules,
      state: season.state,
      status: contestStatus(season, now),
    },
    rounds,
    current,
    next,
  };
}

/** The public seasons (with at least one published round), for the home page. */
export async function listPublicSeasons(db: Db, now: number) {
  const seasons = await db
    .select()
    .from(contests)
    .where(eq(contests.kind, "season"))
    .orderBy(asc(contests.opensAt));
  const overviews = await Promise.all(seasons.map((s) => seasonOverview(db, s, now)));
  return overviews.filter((o) => o.rounds.length > 0);
}

/** A public season by its link, with what residents see of it. */
export async function getSeasonBySlug(db: Db, slug: string, now: number) {
  const [season] = await db
    .select()
    .from(contests)
    .where(and(eq(contests.slug, slug), eq(contests.kind, "season")));
  if (!season) throw new DomainError("contest.notFound", 404);
  return seasonOverview(db, season, now);
}

/** A round's season and its place in it, for the round's pages ("Đợt 2 · mùa thi …"). */
export async function roundContext(db: Db, round: Pick<Contest, "seasonId" | "roundNo">, now: number) {
  if (round.seasonId === null) return null;
  const [season] = await db.select().from(contests).where(eq(contests.id, round.seasonId));
  if (!season) return null;
  const overview = await seasonOverview(db, season, now);
  return { ...overview, roundNo: round.roundNo, roundCount: overview.rounds.length };
}

/** An announced season's results by its link; 404 until the committee announces them. */
export async function announcedSeasonResults(db: Db, slug: string) {
  const [season] = await db
    .select()
    .from(contests)
    .where(and(eq(contests.slug, slug), eq(contests.kind, "season")));
  if (!season) throw new DomainError("contest.notFound", 404);
  if (season.state !== "announced") throw new DomainError("results.notYet", 404);
  const { results, announcedAt } = await currentResults(db, season.id);
  return { season, announcedAt, results };
}

/**
 * What the public may see of a season's results (its winners page and
 * `GET /api/seasons/:slug/results.json`): the season's prize winners with
 * their round scores, the units' figures round by round, and every round
 * prize as settled by the one-prize rule.
 */
export function publicSeasonResults(
  season: Contest,
  announcedAt: number | null,
  results: Awaited<ReturnType<typeof currentResults>>["results"],
) {
  const breakdown = results.season;
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const roundsOf = (parts: { name: string; score: number | null }[] | undefined) =>
    (parts ?? []).map((p, i) => ({ roundNo: breakdown?.rounds[i]?.roundNo ?? i + 1, score: p.score }));
  return {
    season: {
      slug: season.slug,
      title: season.title,
      status: season.state,
      opensAt: iso(season.opensAt),
      closesAt: iso(season.closesAt),
      announcedAt: iso(announcedAt),
      totalAmount: results.totalAmount,
      rules: breakdown?.rules ?? null,
    },
    rounds: (breakdown?.rounds ?? []).map((r) => ({ roundNo: r.roundNo, slug: r.slug, title: r.title })),
    individual: results.individual
      .filter((e) => e.prize)
      .map((e) => ({
        rank: e.rank,
        prize: e.prize!.label,
        amount: e.prize!.amount,
        name: e.name,
        unit: e.unitName,
        score: e.score,
        rounds: roundsOf(e.parts),
      })),
    collective: results.collective
      .filter((u) => u.prize)
      .map((u) => ({
        rank: u.rank,
        prize: u.prize!.label,
        amount: u.prize!.amount,
        name: u.name,
        participants: u.participants,
        entries: u.entries,
        participationRate: u.participationRate,
        averageScore: u.averageScore,
        rounds: u.rounds ?? [],
      })),
    roundPrizes: (breakdown?.roundPrizes ?? []).map((p) => ({
      roundNo: p.roundNo,
      name: p.name,
      unit: p.unitName,
      prize: p.prize.label,
      amount: p.prize.amount,
      received: p.supersededBy === null,
      supersededBy: p.supersededBy,
    })),
    roundPrizesAmount: breakdown?.roundPrizesAmount ?? 0,
  };
}

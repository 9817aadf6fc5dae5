/**
 * Demo data: a season of four weekly rounds ("Tìm hiểu chuyển đổi số theo
 * tuần năm 2026"), in the style of Đắk Lắk's 2025 weekly quiz: one attempt a
 * day, the week's best counting. Rounds 1–3 (the three weeks before the one
 * containing `now`) are closed, locked and announced with entries from
 * residents who entered in 2022; round 4 is open now. The season itself
 * stays open: it locks only after its last round.
 *
 * A few regulars are scripted to the top so the season's one-prize rule
 * ("highest") shows: a prize in a later round supersedes a lower one, and a
 * holder of an equal or higher prize is passed over ("prized_earlier").
 */
import { and, eq, like, notInArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { answers, attemptQuestions, attempts, contests, units, users, type Role } from "../db/schema";
import { generateRules } from "../app/models/contest-rules.server";
import { announce, approveLock } from "../app/models/results.server";
import { normaliseSelection, receiptCode, scoreAnswers } from "../app/models/scoring.server";
import { addRound, createSeason } from "../app/models/seasons.server";
import { vnMidnight, vnWeek } from "../app/utils/vietnam-time";
import type { Actor } from "../app/utils/permissions.server";
import { createContest, createPrizes, type createQuestion } from "../tests/factories";
import { demoWard, seededRandom } from "./ward";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export const SEASON_SLUG = "cds-theo-tuan-2026";
const SEASON_TITLE = "Tìm hiểu chuyển đổi số theo tuần năm 2026";
const QUESTIONS = 10;

/** What the season needs from the demo's basics (see seedBasics in demo.ts). */
type SeasonBasics = {
  accountIds: Map<Role, number>;
  questionRows: Awaited<ReturnType<typeof createQuestion>>[];
};

type Question = SeasonBasics["questionRows"][number];
type Person = { id: number; fullName: string; unitId: number };

/** Units of the 2022 contest that sit this season out (17 of its 20 units take part). */
const SILENT_UNITS = ["TDP06", "TDP13", "TH"];

const ROUND_PRIZES = [
  { category: "individual" as const, rank: 1, label: "Nhất", count: 1, amount: 300_000 },
  { category: "individual" as const, rank: 2, label: "Nhì", count: 1, amount: 200_000 },
  { category: "individual" as const, rank: 3, label: "Ba", count: 1, amount: 150_000 },
  { category: "individual" as const, rank: 4, label: "Khuyến khích", count: 3, amount: 100_000 },
];

const SEASON_PRIZES = [
  { category: "individual" as const, rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
  { category: "individual" as const, rank: 2, label: "Nhì", count: 1, amount: 700_000 },
  { category: "individual" as const, rank: 3, label: "Ba", count: 1, amount: 500_000 },
  { category: "collective" as const, rank: 1, label: "Nhất", count: 1, amount: 2_000_000 },
  { category: "collective" as const, rank: 2, label: "Nhì", count: 1, amount: 1_500_000 },
  { category: "collective" as const, rank: 3, label: "Ba", count: 1, amount: 1_000_000 },
];

/**
 * The regulars placed at the top of the closed rounds, all with 10/10, in
 * this order (their predictions nearest the actual count first); everyone
 * else scores at most 9. Round prizes: Nhất, Nhì, Ba, then 3 Khuyến khích.
 *
 *   round 1: X1 Nhất, X2 Nhì, A Ba, B Khuyến khích
 *   round 2: A Nhất (supersedes round 1's Ba), X1 passed over (holds Nhất), C Nhì
 *   round 3: X2 Nhất (supersedes round 1's Nhì), B Nhì (supersedes round 1's
 *            Khuyến khích), A passed over (holds Nhất), C passed over (holds Nhì)
 */
const PODIUMS: Record<number, Star[]> = {
  1: ["X1", "X2", "A", "B"],
  2: ["A", "X1", "C"],
  3: ["X2", "B", "A", "C"],
};
type Star = "X1" | "X2" | "A" | "B" | "C";
const STARS: Star[] = ["X1", "X2", "A", "B", "C"];
/** How far the podium's predictions miss the actual count, in podium order (nearest ranks first). */
const PODIUM_MISS = [0, -1, 2, -3, 4];

/** Monday 08:00 (Hà Nội) starting the week of `now`: round 4 opens then (a week earlier if `now` is before it). */
export function currentRoundOpens(now: number) {
  const monday = vnWeek(now) * 7 - 3;
  const opens = vnMidnight(monday) + 8 * HOUR;
  return opens <= now ? opens : opens - WEEK;
}

type Window = { opensAt: number; closesAt: number };

/** The season's four weekly windows: Monday 08:00 to the next Monday 08:00, the last containing `now`. */
export function seasonWindows(now: number): Window[] {
  const last = currentRoundOpens(now);
  return [3, 2, 1, 0].map((back) => ({ opensAt: last - back * WEEK, closesAt: last - back * WEEK + WEEK }));
}

export async function seedSeason(db: Db, basics: SeasonBasics, now: number) {
  // Its own sequence: the demo's shared one feeds the earlier steps and must not shift.
  const random = seededRandom(20260601);
  const organiser: Actor = { id: basics.accountIds.get("organiser")!, role: "organiser" };
  const chair: Actor = { id: basics.accountIds.get("committee")!, role: "committee" };
  const windows = seasonWindows(now);
  const { seasonId, roundIds } = await seedRounds(db, windows, organiser);

  // --- Entries: residents who entered in 2022, in the units taking part.
  const pool = await seasonPool(db);
  const bank = {
    CDS: basics.questionRows.filter((q) => q.category === "CDS" && q.status === "active"),
    CCHC: basics.questionRows.filter((q) => q.category === "CCHC" && q.status === "active"),
  };
  const shuffled = [...pool].sort(() => random() - 0.5);
  const people = {
    stars: new Map(STARS.map((s, i) => [s, shuffled[i]])),
    regulars: shuffled.slice(0, 30),
    occasional: shuffled.slice(30),
  };
  for (const [i, roundId] of roundIds.entries()) {
    const roundNo = i + 1;
    const open = roundNo === 4;
    const entries = open
      ? openRoundEntries(windows[i], now, people.regulars, random)
      : closedRoundEntries(roundNo, windows[i], people, random);
    // The open round's entrants guess at a week like the last ones.
    await insertEntries(db, roundId, roundNo, windows[i], entries, bank, random, open ? 70 : entries.length);
  }

  // --- The committee locks and announces each closed round in order, the day after it closes.
  for (const [i, roundId] of roundIds.slice(0, 3).entries()) {
    const closed = windows[i].closesAt;
    const since = now - closed;
    await approveLock(db, roundId, chair, closed + Math.min(25 * HOUR, Math.floor(since / 2)));
    await announce(db, roundId, chair, closed + Math.min(49 * HOUR, Math.floor((since * 3) / 4)));
  }
  return { seasonId, roundIds };
}

/** Round 1, then the season around it (a week before it opened), then rounds 2–4, each published. */
async function seedRounds(db: Db, windows: Window[], organiser: Actor) {
  const round1 = await createContest(db, {
    slug: `${SEASON_SLUG}-dot-1`,
    title: `${SEASON_TITLE} – Đợt 1`,
    description:
      "Mỗi đợt một tuần: 10 câu hỏi về chuyển đổi số và cải cách hành chính trong 10 phút. Mỗi ngày được dự thi một lần; bài có điểm cao nhất trong tuần được tính.",
    ...windows[0],
    timeLimitSec: 10 * 60,
    draw: {
      mode: "category",
      rules: [
        { category: "CDS", count: 5 },
        { category: "CCHC", count: 5 },
      ],
    },
    maxAttempts: 1,
    attemptPeriod: "day",
    counting: "best",
    reviewPolicy: "after_close",
    predictionTarget: "entries",
    predictionPrompt: "Theo bạn, đợt thi tuần này có bao nhiêu bài dự thi?",
    collectiveRule: "participation_rate",
    wardName: demoWard.name,
    createdByUserId: organiser.id,
    createdAt: windows[0].opensAt - 5 * DAY,
    updatedAt: windows[0].opensAt - 5 * DAY,
  });
  await createPrizes(db, round1.id, ROUND_PRIZES);
  await db
    .update(contests)
    .set({ rules: generateRules(round1, ROUND_PRIZES) })
    .where(eq(contests.id, round1.id));
  const season = await createSeason(
    db,
    {
      settings: {
        title: SEASON_TITLE,
        slug: SEASON_SLUG,
        description:
          "Bốn đợt thi hằng tuần về chuyển đổi số và cải cách hành chính. Mỗi đợt có giải riêng (mỗi người chỉ nhận một giải đợt, giải cao nhất); giải mùa thi xét theo tổng điểm các đợt và giải tập thể theo tỷ lệ người tham gia của đơn vị.",
        rules: "",
        aggregate: "sum",
        prizeRule: "highest",
        requiredRounds: [],
        collectiveRule: "participation_rate",
      },
      prizes: SEASON_PRIZES,
      firstRoundId: round1.id,
    },
    organiser,
    windows[0].opensAt - 5 * DAY,
  );
  if (!("id" in season)) throw new Error(`Demo season: ${JSON.stringify(season.problems)}`);
  const roundIds = [round1.id];
  for (const window of windows.slice(1)) {
    // Each round is set up and published a few days before it opens.
    const setUpAt = window.opensAt - 3 * DAY;
    const added = await addRound(db, season.id, window, organiser, setUpAt);
    if (!("id" in added)) throw new Error(`Demo season round: ${JSON.stringify(added.problems)}`);
    await db
      .update(contests)
      .set({ state: "published", updatedAt: setUpAt })
      .where(eq(contests.id, added.id));
    roundIds.push(added.id);
  }
  return { seasonId: season.id, roundIds };
}

/** The open round: a few entries since Monday morning (none in its first hour). */
function openRoundEntries(window: Window, now: number, regulars: Person[], random: () => number) {
  const count = Math.max(0, Math.min(8, Math.floor((now - window.opensAt - HOUR) / (3 * HOUR))));
  return regulars
    .slice(5, 5 + count)
    .map((person) =>
      randomEntry(person, window.opensAt + HOUR + random() * (now - window.opensAt - 2 * HOUR), random),
    );
}

/** A closed round: regulars and occasional residents, some on several days, and its podium of stars. */
function closedRoundEntries(
  roundNo: number,
  window: Window,
  people: { stars: Map<Star, Person>; regulars: Person[]; occasional: Person[] },
  random: () => number,
) {
  const entries: Entry[] = [];
  const podium = PODIUMS[roundNo].map((s) => people.stars.get(s)!);
  const others = [
    ...people.regulars.filter((p) => !podium.includes(p) && random() < 0.7),
    ...people.occasional.filter(() => random() < 0.12),
  ];
  for (const person of others) {
    // One attempt a day: some come back on another day to better their score.
    const tries = random() < 0.25 ? (random() < 0.3 ? 3 : 2) : 1;
    for (const day of pickDays(tries, random))
      entries.push(randomEntry(person, dayTime(window, day, random), random));
  }
  podium.forEach((person, place) => {
    // The round's winner of Đợt 2 came back the next day to score full marks (the best counts).
    if (roundNo === 2 && place === 0) {
      entries.push({ ...randomEntry(person, dayTime(window, 1, random), random), target: 8 });
      entries.push({ person, startedAt: dayTime(window, 2, random), target: QUESTIONS, podium: place });
    } else
      entries.push({
        person,
        startedAt: dayTime(window, place + 3, random),
        target: QUESTIONS,
        podium: place,
      });
  });
  return entries;
}

/** Most know the topic fairly well; nobody outside the podium answers all ten. */
function randomEntry(person: Person, startedAt: number, random: () => number): Entry {
  const ability = 0.4 + random() * 0.5;
  let right = 0;
  for (let q = 0; q < QUESTIONS; q++) if (random() < ability) right++;
  return { person, startedAt, target: Math.min(right, QUESTIONS - 1) };
}

type Entry = { person: Person; startedAt: number; target: number; podium?: number };

/** Residents with a unit taking part this season (the 2022 entrants, 0912…), no two of the same name. */
async function seasonPool(db: Db): Promise<Person[]> {
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, unitId: units.id })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.role, "resident"), like(users.phone, "0912%"), notInArray(units.code, SILENT_UNITS)))
    .orderBy(users.phone);
  // One person per name, so a reader of the rankings never takes two namesakes for one winner.
  const names = new Set<string>();
  return rows.filter((r) => !names.has(r.fullName) && names.add(r.fullName));
}

/** `n` different days of the week (0 = Monday). */
function pickDays(n: number, random: () => number) {
  const days = [0, 1, 2, 3, 4, 5, 6].sort(() => random() - 0.5);
  return days.slice(0, n).sort((a, b) => a - b);
}

/** A start time on day `day` (0 = the opening Monday) of a round's week, between 06:30 and 21:30 (Monday from 08:00). */
function dayTime(window: Window, day: number, random: () => number) {
  const from = day === 0 ? 8 * HOUR : 6.5 * HOUR;
  return window.opensAt - 8 * HOUR + day * DAY + from + Math.floor(random() * (21.5 * HOUR - from));
}

async function insertEntries(
  db: Db,
  contestId: number,
  roundNo: number,
  window: Window,
  entries: Entry[],
  bank: { CDS: Question[]; CCHC: Question[] },
  random: () => number,
  actual: number,
) {
  const closed = window.closesAt;
  // Predictions spread around the round's actual count of entries; the podium's are the nearest.
  const attemptRows: (typeof attempts.$inferInsert)[] = [];
  const questionRows: (typeof attemptQuestions.$inferInsert)[] = [];
  const answerRows: (typeof answers.$inferInsert)[] = [];
  const tries = new Map<number, number>();
  const ordered = [...entries].sort((a, b) => a.startedAt - b.startedAt);
  ordered.forEach((entry, n) => {
    const id = `mua2026-d${roundNo}-${String(n + 1).padStart(3, "0")}`;
    const attemptNo = (tries.get(entry.person.id) ?? 0) + 1;
    tries.set(entry.person.id, attemptNo);
    const drawn = [...pick(bank.CDS, 5, random), ...pick(bank.CCHC, 5, random)].sort(() => random() - 0.5);
    const keyed = drawn.map((q) => ({
      questionId: q.id,
      correct: normaliseSelection(q.options.filter((o) => o.isCorrect).map((o) => o.id)),
      points: 1,
    }));
    // Which questions are answered right: `target` of them, the others wrong or (rarely) left blank.
    const rightAt = new Set([...drawn.keys()].sort(() => random() - 0.5).slice(0, entry.target));
    const podium = entry.podium !== undefined;
    const durationMs = podium
      ? Math.floor((2 + entry.podium! * 0.4 + random() * 0.3) * MIN)
      : Math.floor((2.5 + random() * 7.4) * MIN);
    const startedAt = Math.min(entry.startedAt, closed - 11 * MIN);
    const chosen = new Map<number, number[]>();
    drawn.forEach((q, position) => {
      questionRows.push({
        attemptId: id,
        questionId: q.id,
        position: position + 1,
        kind: q.kind,
        category: q.category,
        prompt: q.prompt,
        options: q.options.map((o) => ({ id: o.id, text: o.text })),
        correct: keyed[position].correct,
        explanation: q.explanation,
        legalSource: q.legalSource,
        points: 1,
      });
      const right = rightAt.has(position);
      if (!right && random() < 0.1) return; // left unanswered
      const wrong = q.options.filter((o) => !o.isCorrect);
      const selected = right ? keyed[position].correct : [wrong[Math.floor(random() * wrong.length)].id];
      chosen.set(q.id, selected);
      answerRows.push({
        attemptId: id,
        questionId: q.id,
        selected,
        seq: 1,
        savedAt: startedAt + Math.floor(((position + 1) * durationMs) / (QUESTIONS + 1)),
      });
    });
    const { score, correctCount, maxScore } = scoreAnswers(keyed, chosen);
    const submittedAt = startedAt + durationMs;
    const prediction = podium
      ? actual + PODIUM_MISS[entry.podium!]
      : Math.max(5, Math.round(actual * (0.55 + random() * 0.95)));
    attemptRows.push({
      id,
      contestId,
      userId: entry.person.id,
      attemptNo,
      status: "submitted",
      startedAt,
      deadlineAt: startedAt + 10 * MIN,
      submittedAt,
      submitKind: "manual",
      score,
      maxScore,
      correctCount,
      questionCount: drawn.length,
      durationMs,
      prediction,
      receipt: receiptCode(id, submittedAt, score),
    });
  });
  if (attemptRows.length === 0) return;
  // The round's rows in one transaction (one write to disk, not one per chunk).
  const chunked = <T>(rows: T[], size: number) =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  const [first, ...rest]: BatchItem<"sqlite">[] = [
    ...chunked(attemptRows, 400).map((rows) => db.insert(attempts).values(rows)),
    ...chunked(questionRows, 200).map((rows) => db.insert(attemptQuestions).values(rows)),
    ...chunked(answerRows, 400).map((rows) => db.insert(answers).values(rows)),
  ];
  await db.batch([first, ...rest]);
}

function pick<T>(list: T[], n: number, random: () => number) {
  return [...list].sort(() => random() - 0.5).slice(0, n);
}

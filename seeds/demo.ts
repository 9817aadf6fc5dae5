/**
 * Demo data: a ward with 25 units, the question bank, the 2022 contest
 * (closed, 241 entries from 20 units), an open contest, one that opens
 * tomorrow, a stage contest, and one account per role.
 */
import { and, count, eq, like, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  answers,
  attemptQuestions,
  attempts,
  contests,
  stageCriteria,
  stageJudges,
  stageParts,
  teamMembers,
  teams,
  users,
  wards,
  type DrawRule,
  type Role,
} from "../db/schema";
import { vnDay, vnMidnight, vnTime } from "../app/utils/vietnam-time";
import { generateRules } from "../app/models/contest-rules.server";
import { announce, approveLock } from "../app/models/results.server";
import { normaliseSelection, receiptCode, scoreAnswers } from "../app/models/scoring.server";
import { memberKey, teamNameKey } from "../app/models/teams.server";
import { hashPassword } from "../app/utils/password.server";
import { createContest, createPrizes, createQuestion, createUnit, createWard } from "../tests/factories";
import { seedSeason } from "./demo-season";
import { seedQuestions } from "./questions";
import { demoUnits, demoWard, personName, seededRandom, silentUnitCodes2022 } from "./ward";

export const DEMO_PASSWORD = "hoithi2026";

/** Staff work at the ward's People's Committee (UBND) unless a unit is given; null: no unit. */
export const demoAccounts: { phone: string; fullName: string; role: Role; unitCode?: string | null }[] = [
  { phone: "0900000001", fullName: "Đỗ Quản Trị", role: "admin" },
  { phone: "0900000002", fullName: "Trần Minh Tuấn", role: "organiser" },
  { phone: "0900000003", fullName: "Phạm Thị Hòa", role: "committee" },
  { phone: "0900000004", fullName: "Võ Văn Khải", role: "judge" },
  { phone: "0900000005", fullName: "Nguyễn Thị Lan", role: "resident", unitCode: "TDP01" },
  // The stage contest's other two judges come from outside the ward's units.
  { phone: "0900000006", fullName: "Lê Thị Mai", role: "judge", unitCode: null },
  { phone: "0900000007", fullName: "Hoàng Văn Nam", role: "judge", unitCode: null },
  // Captain of "Đội Tổ dân phố 1" in the open contest, which takes team entries.
  { phone: "0900000008", fullName: "Bùi Văn Đoàn", role: "resident", unitCode: "TDP01" },
];

/** The demo's team in the open contest, captained by 0900000008. */
export const DEMO_TEAM = { name: "Đội Tổ dân phố 1", captainPhone: "0900000008" };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export async function isEmpty(db: Db) {
  const [row] = await db.select({ n: count() }).from(wards);
  return row.n === 0;
}

function chunks<T>(rows: T[], size = 400) {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) =>
    rows.slice(i * size, (i + 1) * size),
  );
}

const standardPrizes = (scale: number) => [
  { category: "collective" as const, rank: 1, label: "Nhất", count: 1, amount: 800_000 * scale },
  { category: "collective" as const, rank: 2, label: "Nhì", count: 1, amount: 600_000 * scale },
  { category: "collective" as const, rank: 3, label: "Ba", count: 1, amount: 400_000 * scale },
  { category: "collective" as const, rank: 4, label: "Khuyến khích", count: 2, amount: 200_000 * scale },
  { category: "individual" as const, rank: 1, label: "Nhất", count: 1, amount: 600_000 * scale },
  { category: "individual" as const, rank: 2, label: "Nhì", count: 1, amount: 450_000 * scale },
  { category: "individual" as const, rank: 3, label: "Ba", count: 1, amount: 350_000 * scale },
  { category: "individual" as const, rank: 4, label: "Khuyến khích", count: 2, amount: 200_000 * scale },
];

async function createQuizContest(
  db: Db,
  values: Parameters<typeof createContest>[1] & {
    title: string;
    opensAt: number;
    closesAt: number;
    draw: DrawRule;
  },
  prizes: {
    category: "individual" | "team" | "collective";
    rank: number;
    label: string;
    count: number;
    amount: number;
  }[],
) {
  const contest = await createContest(db, values);
  await createPrizes(db, contest.id, prizes);
  await db
    .update(contests)
    .set({ rules: generateRules(contest, prizes) })
    .where(eq(contests.id, contest.id));
  return contest;
}

export async function seedDemo(db: Db, now = Date.now()) {
  return seedDemoInto(db, await createWard(db, demoWard), now);
}

/**
 * Loads the demo into a database without a ward and returns true; returns
 * false when there is one. The demo ward is inserted only if no ward exists,
 * in one statement, so of two app servers starting together on one database
 * server exactly one seeds.
 */
export async function seedDemoIfEmpty(db: Db, now = Date.now()) {
  const [ward] = await db.all<{ id: number }>(
    sql`INSERT INTO ${wards} (name, province) SELECT ${demoWard.name}, ${demoWard.province}
        WHERE NOT EXISTS (SELECT 1 FROM ${wards}) RETURNING id`,
  );
  if (!ward) return false;
  await seedDemoInto(db, ward, now);
  return true;
}

async function seedDemoInto(db: Db, ward: { id: number }, now: number) {
  // One seeded sequence for the 2022 entries and then the stage performers' names, in that order.
  const random = seededRandom(20220405);
  const basics = await seedBasics(db, ward.id, now);
  const c2022 = await seedContest2022(db, basics, random);
  const { open, today0800 } = await seedOpenContests(db, basics, now);
  await seedStageContest(db, basics, today0800, random);
  await seedSeason(db, basics, now);
  return { wardId: ward.id, openContestId: open.id, contest2022Id: c2022.id };
}

type Basics = Awaited<ReturnType<typeof seedBasics>>;

/** The ward's units (set up before its first contest, 2022), the question bank and the demo accounts. */
async function seedBasics(db: Db, wardId: number, now: number) {
  const unitRows = [];
  // The ward's units were set up before its first contest (2022).
  for (const u of demoUnits)
    unitRows.push(await createUnit(db, { wardId, ...u, createdAt: vnTime(2022, 1, 10, 8) }));
  const unitByCode = new Map(unitRows.map((u, i) => [demoUnits[i].code, u]));

  const questionRows = [];
  for (const q of seedQuestions) questionRows.push(await createQuestion(db, q));

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accountIds = new Map<Role, number>();
  const judgeIds: number[] = [];
  for (const { unitCode = "UBND", ...account } of demoAccounts) {
    const [row] = await db
      .insert(users)
      .values({
        ...account,
        passwordHash,
        unitId: unitCode === null ? null : unitByCode.get(unitCode)!.id,
        birthYear: 1975,
        consentAt: now,
      })
      .returning({ id: users.id });
    if (!accountIds.has(account.role)) accountIds.set(account.role, row.id);
    if (account.role === "judge") judgeIds.push(row.id);
  }

  return { unitRows, unitByCode, questionRows, accountIds, judgeIds };
}

/** The 2022 contest, entered, reviewed, locked and announced. */
async function seedContest2022(db: Db, { unitRows, questionRows, accountIds }: Basics, random: () => number) {
  // --- The 2022 contest: 08:00 05/04/2022 → 08:00 25/04/2022, 241 entries from 20 units.
  const before2022 = questionRows.filter((q) => {
    const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(q.legalSource ?? "");
    return m && Date.UTC(+m[3], +m[2] - 1, +m[1]) < Date.UTC(2022, 3, 5);
  });
  const picked2022 = before2022.slice(0, 20);
  const c2022 = await createQuizContest(
    db,
    {
      slug: "cchc-2022",
      title: "Cuộc thi trực tuyến tìm hiểu cải cách hành chính năm 2022",
      description: "Cuộc thi năm 2022 của phường: 241 bài dự thi từ 20 tổ dân phố, trường học và cơ quan.",
      opensAt: vnTime(2022, 4, 5, 8),
      closesAt: vnTime(2022, 4, 25, 8),
      timeLimitSec: 20 * 60,
      draw: { mode: "fixed", questionIds: picked2022.map((q) => q.id) },
      maxAttempts: 1,
      reviewPolicy: "after_close",
      predictionTarget: "entries",
      predictionPrompt: "Theo bạn, cuộc thi có bao nhiêu bài dự thi?",
      collectiveRule: "participation_rate",
      wardName: demoWard.name,
      createdAt: vnTime(2022, 3, 25, 9),
    },
    standardPrizes(1),
  );
  await seedEntries2022(
    db,
    c2022,
    picked2022,
    unitRows.filter((u, i) => !silentUnitCodes2022.includes(demoUnits[i].code)),
    random,
  );
  // The committee reviewed, locked and announced it in May 2022.
  const chair = { id: accountIds.get("committee")!, role: "committee" as const };
  await approveLock(db, c2022.id, chair, vnTime(2022, 5, 5, 9));
  await announce(db, c2022.id, chair, vnTime(2022, 5, 10, 9));

  return c2022;
}

/** The contest open now (with a team) and next week's round. */
async function seedOpenContests(db: Db, { unitByCode }: Basics, now: number) {
  // --- Open now: started three days ago at 08:00, closes in two weeks at 17:00.
  const today0800 = vnMidnight(vnDay(now)) + 8 * HOUR;
  const open = await createQuizContest(
    db,
    {
      slug: "cchc-cds-2026",
      title: "Cuộc thi tìm hiểu cải cách hành chính và chuyển đổi số năm 2026",
      description:
        "Mỗi bài 20 câu hỏi về cải cách hành chính, dịch vụ công, chuyển đổi số và định danh điện tử.",
      opensAt: today0800 - 3 * DAY,
      closesAt: today0800 + 14 * DAY + 9 * HOUR,
      timeLimitSec: 20 * 60,
      draw: {
        mode: "category",
        rules: [
          { category: "CCHC", count: 5 },
          { category: "DVC", count: 3 },
          { category: "CDS", count: 6 },
          { category: "DDDT", count: 3 },
          { category: "DIA_PHUONG", count: 3 },
        ],
      },
      maxAttempts: 2,
      counting: "best",
      reviewPolicy: "after_close",
      predictionTarget: "entries",
      predictionPrompt: "Theo bạn, đến khi kết thúc cuộc thi sẽ có bao nhiêu bài dự thi?",
      entryModes: "both",
      // Thi thử: residents may practise on the open contest (never recorded).
      practiceEnabled: true,
      collectiveRule: "participation_rate",
      wardName: demoWard.name,
    },
    [
      ...standardPrizes(1),
      { category: "team", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
      { category: "team", rank: 2, label: "Nhì", count: 1, amount: 700_000 },
      { category: "team", rank: 3, label: "Ba", count: 1, amount: 500_000 },
    ],
  );
  await seedOpenTeam(db, open.id, unitByCode.get("TDP01")!.id);

  // --- Opens tomorrow at 08:00: a weekly round.
  await createQuizContest(
    db,
    {
      slug: "tuan-1-dinh-danh-dien-tu",
      title: "Tuần 1: Tìm hiểu định danh điện tử và dịch vụ công trực tuyến",
      description: "Vòng thi hằng tuần, 10 câu hỏi trong 10 phút.",
      opensAt: today0800 + DAY,
      closesAt: today0800 + 8 * DAY + 9 * HOUR,
      timeLimitSec: 10 * 60,
      draw: {
        mode: "category",
        rules: [
          { category: "DDDT", count: 4 },
          { category: "DVC", count: 3 },
          { category: "CDS", count: 3 },
        ],
      },
      maxAttempts: 1,
      attemptPeriod: "week",
      reviewPolicy: "after_submit",
      wardName: demoWard.name,
    },
    [
      { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 300_000 },
      { category: "individual", rank: 4, label: "Khuyến khích", count: 2, amount: 100_000 },
    ],
  );

  return { open, today0800 };
}

/** The demo stage contest's knowledge round: ten active questions of the bank, in reading order. */
const DEMO_KNOWLEDGE_CODES = [
  "CCHC-01",
  "CCHC-02",
  "DVC-01",
  "DVC-02",
  "CDS-01",
  "CDS-02",
  "CDS-03",
  "DDDT-01",
  "DDDT-02",
  "DP-01",
];

async function seedStageContest(
  db: Db,
  { unitByCode, judgeIds, questionRows }: Basics,
  today0800: number,
  random: () => number,
) {
  // --- A stage contest: four teams from agencies, three parts, a jury of three (scoring on the day).
  const stage = await createContest(db, {
    slug: "hoi-thi-tuyen-truyen-2026",
    kind: "stage",
    title: "Hội thi tuyên truyền cải cách hành chính và chuyển đổi số năm 2026",
    description: "Bốn đội thi qua ba phần: chào hỏi, kiến thức và tiểu phẩm.",
    // On stage in ten days' time, 08:00–11:30.
    opensAt: today0800 + 10 * DAY,
    closesAt: today0800 + 10 * DAY + 3 * HOUR + 30 * MIN,
    draw: { mode: "fixed", questionIds: [] },
    entryModes: "team",
    stageAggregation: "mean",
    // A giải khán giả bình chọn, opened on the day from Điều hành.
    audienceVote: true,
    wardName: demoWard.name,
  });
  const [greeting, , skit] = await db
    .insert(stageParts)
    .values([
      {
        contestId: stage.id,
        position: 1,
        name: "Chào hỏi",
        maxScore: 20,
        timeLimitSec: 7 * 60,
        overtimePenaltyPerMin: 1,
      },
      {
        contestId: stage.id,
        position: 2,
        name: "Kiến thức",
        maxScore: 30,
        scoring: "knowledge",
        knowledgeQuestions: 10,
        knowledgePoints: 3,
        // Read from the bank and shown on the projector, 30 seconds to answer each.
        knowledgeQuestionIds: DEMO_KNOWLEDGE_CODES.map(
          (code) => questionRows.find((q) => q.code === code)!.id,
        ),
        knowledgeSeconds: 30,
      },
      {
        contestId: stage.id,
        position: 3,
        name: "Tiểu phẩm",
        maxScore: 50,
        timeLimitSec: 15 * 60,
        overtimePenaltyPerMin: 2,
        isTieBreak: true,
      },
    ])
    .returning();
  await db.insert(stageCriteria).values([
    { partId: greeting.id, name: "Nội dung", maxScore: 10 },
    { partId: greeting.id, name: "Hình thức, phong cách", maxScore: 10 },
    { partId: skit.id, name: "Nội dung, thông điệp", maxScore: 25 },
    { partId: skit.id, name: "Diễn xuất", maxScore: 15 },
    { partId: skit.id, name: "Trang phục, đạo cụ", maxScore: 10 },
  ]);
  await db.insert(stageJudges).values(judgeIds.map((userId) => ({ contestId: stage.id, userId })));
  await createPrizes(db, stage.id, [
    { category: "team", rank: 1, label: "Nhất", count: 1, amount: 3_000_000 },
    { category: "team", rank: 2, label: "Nhì", count: 1, amount: 2_000_000 },
    { category: "team", rank: 3, label: "Ba", count: 1, amount: 1_500_000 },
    { category: "team", rank: 4, label: "Khuyến khích", count: 1, amount: 1_000_000 },
  ]);
  const stageUnits = ["UBND", "THCS", "TH", "TDP01"];
  for (const [i, code] of stageUnits.entries()) {
    const unit = unitByCode.get(code)!;
    const name = `Đội số ${i + 1} — ${unit.name}`;
    const [team] = await db
      .insert(teams)
      .values({ contestId: stage.id, unitId: unit.id, number: i + 1, name, nameKey: teamNameKey(name) })
      .returning();
    // Three performers with different names (a team lists each member once).
    const performers = new Map<string, string>();
    while (performers.size < 3) {
      const displayName = personName(random);
      performers.set(memberKey(null, displayName), displayName);
    }
    await db.insert(teamMembers).values(
      [...performers].map(([nameKey, displayName]) => ({
        teamId: team.id,
        userId: null,
        displayName,
        nameKey,
      })),
    );
  }
}

/** "Đội Tổ dân phố 1": the demo captain and two residents of Tổ dân phố 1 who entered in 2022. */
async function seedOpenTeam(db: Db, contestId: number, unitId: number) {
  const [captain] = await db.select().from(users).where(eq(users.phone, DEMO_TEAM.captainPhone));
  const others = await db
    .select()
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.role, "resident"), like(users.phone, "0912%")))
    .orderBy(users.phone)
    .limit(2);
  const [team] = await db
    .insert(teams)
    .values({
      contestId,
      unitId,
      number: 1,
      name: DEMO_TEAM.name,
      nameKey: teamNameKey(DEMO_TEAM.name),
      captainUserId: captain.id,
    })
    .returning();
  await db.insert(teamMembers).values(
    [captain, ...others].map((u) => ({
      teamId: team.id,
      userId: u.id,
      displayName: u.fullName,
      nameKey: memberKey(u.id, u.fullName),
    })),
  );
}

async function seedEntries2022(
  db: Db,
  contest: typeof contests.$inferSelect,
  picked: Awaited<ReturnType<typeof createQuestion>>[],
  activeUnits: { id: number }[],
  random: () => number,
) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const attemptRows: (typeof attempts.$inferInsert)[] = [];
  const questionRows: (typeof attemptQuestions.$inferInsert)[] = [];
  const answerRows: (typeof answers.$inferInsert)[] = [];
  const window = contest.closesAt - contest.opensAt;

  for (let i = 0; i < 241; i++) {
    // Every participating unit has at least one entry; the rest lean towards the first units.
    const unit =
      i < activeUnits.length ? activeUnits[i] : activeUnits[Math.floor(random() ** 1.6 * activeUnits.length)];
    const [user] = await db
      .insert(users)
      .values({
        phone: `09${12_000_000 + i}`,
        fullName: personName(random),
        birthYear: 1950 + Math.floor(random() * 55),
        unitId: unit.id,
        passwordHash,
        consentAt: contest.opensAt,
        createdAt: contest.opensAt + Math.floor(random() * window * 0.9),
      })
      .returning({ id: users.id, createdAt: users.createdAt });
    const id = `demo2022-${String(i + 1).padStart(3, "0")}`;
    // More entries in the first and the last days, as real contests see.
    const r = random();
    const startedAt = Math.min(
      contest.closesAt - 30 * MIN,
      contest.opensAt + Math.floor((r < 0.5 ? r ** 2 * 2 * 0.5 : 1 - (1 - r) ** 2 * 2 * 0.5) * window),
    );
    const ability = 0.45 + random() * 0.55;
    const order = [...picked].sort(() => random() - 0.5);
    const keyed = order.map((q) => ({
      questionId: q.id,
      correct: normaliseSelection(q.options.filter((o) => o.isCorrect).map((o) => o.id)),
      points: 1,
    }));
    const chosen = new Map<number, number[]>();
    order.forEach((q, position) => {
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
      if (random() < 0.03) return; // left unanswered
      const right = random() < ability;
      const wrong = q.options.filter((o) => !o.isCorrect);
      const selected = right ? keyed[position].correct : [wrong[Math.floor(random() * wrong.length)].id];
      chosen.set(q.id, selected);
      answerRows.push({
        attemptId: id,
        questionId: q.id,
        selected,
        seq: 1,
        savedAt: startedAt + (position + 1) * 30_000,
      });
    });
    const { score, correctCount, maxScore } = scoreAnswers(keyed, chosen);
    const durationMs = Math.floor((3 + random() * 16) * MIN);
    const submittedAt = startedAt + durationMs;
    attemptRows.push({
      id,
      contestId: contest.id,
      userId: user.id,
      attemptNo: 1,
      status: "submitted",
      startedAt,
      deadlineAt: startedAt + contest.timeLimitSec * 1000,
      submittedAt,
      submitKind: "manual",
      score,
      maxScore,
      correctCount,
      questionCount: order.length,
      durationMs,
      prediction: 120 + Math.floor(random() * 260),
      receipt: receiptCode(id, submittedAt, score),
    });
  }
  for (const rows of chunks(attemptRows)) await db.insert(attempts).values(rows);
  for (const rows of chunks(questionRows, 200)) await db.insert(attemptQuestions).values(rows);
  for (const rows of chunks(answerRows)) await db.insert(answers).values(rows);
}

/**
 * Builders for rows with sensible defaults, shared by the tests and the
 * demo seed so both exercise the same shapes.
 */
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  contestPrizes,
  contests,
  questionOptions,
  questions,
  units,
  users,
  wards,
  type QuestionCategory,
  type Role,
  type UnitKind,
} from "#db/schema";

let counter = 0;
const next = () => ++counter;

export async function createWard(db: Db, values: { name?: string; province?: string } = {}) {
  const [ward] = await db
    .insert(wards)
    .values({ name: values.name ?? "Phường Hòa Thuận", province: values.province ?? "Tỉnh Quảng Minh" })
    .returning();
  return ward;
}

export async function createUnit(
  db: Db,
  values: {
    wardId: number;
    name?: string;
    kind?: UnitKind;
    code?: string | null;
    denominator?: number | null;
    createdAt?: number;
  },
) {
  const n = next();
  const [unit] = await db
    .insert(units)
    .values({
      wardId: values.wardId,
      name: values.name ?? `Tổ dân phố ${n}`,
      kind: values.kind ?? "to_dan_pho",
      code: values.code ?? null,
      denominator: values.denominator === undefined ? 300 : values.denominator,
      denominatorKind: values.kind === "school" || values.kind === "agency" ? "members" : "population",
      ...(values.createdAt ? { createdAt: values.createdAt } : {}),
    })
    .returning();
  return unit;
}

/** A hash of "matkhau123", made once: hashing per test user would cost seconds. */
export const TEST_PASSWORD = "matkhau123";
let testHash: Promise<string> | undefined;
async function defaultHash() {
  const { hashPassword } = await import("~/utils/password.server");
  testHash ??= hashPassword(TEST_PASSWORD);
  return testHash;
}

export async function createUser(
  db: Db,
  values: {
    phone?: string;
    fullName?: string;
    role?: Role;
    unitId?: number | null;
    birthYear?: number;
    passwordHash?: string;
    assistedByUserId?: number | null;
    createdAt?: number;
  } = {},
) {
  const n = next();
  const [user] = await db
    .insert(users)
    .values({
      // 03…: never one of the demo seed's 09… phones, which share the end-to-end database.
      // Time, process and counter mixed, so parallel test workers do not collide either.
      phone: values.phone ?? `03${String((Date.now() * 10 + process.pid + n * 7919) % 1e8).padStart(8, "0")}`,
      fullName: values.fullName ?? `Người dự thi ${n}`,
      role: values.role ?? "resident",
      unitId: values.unitId ?? null,
      birthYear: values.birthYear ?? 1980,
      passwordHash: values.passwordHash ?? (await defaultHash()),
      consentAt: Date.now(),
      assistedByUserId: values.assistedByUserId ?? null,
      ...(values.createdAt ? { createdAt: values.createdAt } : {}),
    })
    .returning();
  return user;
}

export type QuestionSpec = {
  code?: string;
  category?: QuestionCategory;
  kind?: "single" | "multiple" | "true_false";
  prompt?: string;
  options?: { text: string; correct?: boolean }[];
  explanation?: string | null;
  legalSource?: string | null;
  tags?: string[];
  difficulty?: "easy" | "medium" | "hard";
  status?: "active" | "retired" | "historical";
};

export async function createQuestion(db: Db, spec: QuestionSpec = {}) {
  const n = next();
  const [question] = await db
    .insert(questions)
    .values({
      code: spec.code ?? null,
      category: spec.category ?? "CCHC",
      kind: spec.kind ?? "single",
      prompt: spec.prompt ?? `Câu hỏi thử ${n}?`,
      explanation: spec.explanation ?? null,
      legalSource: spec.legalSource ?? null,
      tags: spec.tags ?? [],
      difficulty: spec.difficulty ?? "medium",
      status: spec.status ?? "active",
    })
    .returning();
  const options = spec.options ?? [
    { text: "Đáp án đúng", correct: true },
    { text: "Đáp án sai 1" },
    { text: "Đáp án sai 2" },
    { text: "Đáp án sai 3" },
  ];
  const inserted = await db
    .insert(questionOptions)
    .values(
      options.map((o, i) => ({
        questionId: question.id,
        position: i + 1,
        text: o.text,
        isCorrect: !!o.correct,
      })),
    )
    .returning();
  return { ...question, options: inserted };
}

const HOUR = 60 * 60 * 1000;

export async function createContest(db: Db, values: Partial<typeof contests.$inferInsert> = {}) {
  const n = next();
  const now = Date.now();
  const [contest] = await db
    .insert(contests)
    .values({
      slug: `cuoc-thi-${n}-${now.toString(36)}`,
      kind: "quiz",
      title: `Cuộc thi thử ${n}`,
      wardName: "Phường Hòa Thuận",
      state: "published",
      opensAt: now - HOUR,
      closesAt: now + 24 * HOUR,
      timeLimitSec: 600,
      draw: { mode: "category", rules: [{ category: "CCHC", count: 3 }] },
      shuffleQuestions: true,
      shuffleOptions: true,
      ...values,
    })
    .returning();
  // Its results committee: every active committee account, as the migration gave contests made before rosters.
  await db.run(sql`INSERT INTO contest_committee (contest_id, user_id, added_at)
    SELECT ${contest.id}, id, ${now} FROM users WHERE role = 'committee' AND disabled_at IS NULL`);
  return contest;
}

export async function createPrizes(
  db: Db,
  contestId: number,
  rows: {
    category: "individual" | "team" | "collective";
    rank: number;
    label: string;
    count: number;
    amount: number;
  }[],
) {
  if (rows.length) await db.insert(contestPrizes).values(rows.map((r) => ({ ...r, contestId })));
}

let attemptCounter = 0;

/** A submitted, scored attempt (no questions): enough for ranking and statistics. */
export async function createFinishedAttempts(
  db: Db,
  rows: {
    contestId: number;
    userId: number;
    score: number;
    maxScore?: number;
    durationMs?: number;
    submittedAt?: number;
    prediction?: number | null;
    teamId?: number | null;
    attemptNo?: number;
    ip?: string | null;
    userAgent?: string | null;
  }[],
) {
  const { attempts } = await import("#db/schema");
  const values = rows.map((r) => {
    attemptCounter += 1;
    const submittedAt = r.submittedAt ?? Date.now() - 60_000;
    const durationMs = r.durationMs ?? 300_000;
    return {
      id: `fx${Date.now().toString(36)}${String(attemptCounter).padStart(6, "0")}`,
      contestId: r.contestId,
      userId: r.userId,
      teamId: r.teamId ?? null,
      attemptNo: r.attemptNo ?? 1,
      status: "submitted" as const,
      startedAt: submittedAt - durationMs,
      deadlineAt: submittedAt - durationMs + 1_200_000,
      submittedAt,
      submitKind: "manual" as const,
      score: r.score,
      maxScore: r.maxScore ?? 20,
      correctCount: r.score,
      questionCount: r.maxScore ?? 20,
      durationMs,
      prediction: r.prediction ?? null,
      receipt: "TEST0-TEST0",
      ip: r.ip ?? null,
      userAgent: r.userAgent ?? null,
    };
  });
  for (let i = 0; i < values.length; i += 300) await db.insert(attempts).values(values.slice(i, i + 300));
  return values.map((v) => v.id);
}

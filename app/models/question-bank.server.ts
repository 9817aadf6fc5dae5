/** The question bank: validation shared by the form and the import, and its reads and writes. */
import { and, asc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { questionOptions, questions, type Picture, type QuestionCategory } from "#db/schema";
import { chunks } from "~/utils/chunks";
import type { Message } from "~/utils/i18n";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";

export type QuestionInput = {
  code: string | null;
  category: QuestionCategory;
  kind: "single" | "multiple" | "true_false";
  prompt: string;
  /** A picture under the prompt, with its alternative text. */
  image?: Picture | null;
  options: { text: string; correct: boolean; image?: Picture | null }[];
  explanation: string | null;
  legalSource: string | null;
  tags: string[];
  difficulty: "easy" | "medium" | "hard";
  status: "active" | "retired" | "historical";
};

export const KIND_LABELS = {
  single: "Một đáp án",
  multiple: "Nhiều đáp án",
  true_false: "Đúng/Sai",
} as const;
export const DIFFICULTY_LABELS = { easy: "Dễ", medium: "Trung bình", hard: "Khó" } as const;
export const STATUS_LABELS = { active: "Đang dùng", retired: "Ngừng dùng", historical: "Lịch sử" } as const;
export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F"] as const;

/** Every reason a question cannot be saved, as message keys; empty when it is fine. */
export function validateQuestion(q: QuestionInput): Message[] {
  const problems: Message[] = [];
  if (!q.prompt.trim()) problems.push("questionCheck.promptMissing");
  if (q.prompt.length > 1000) problems.push("questionCheck.promptLong");
  if (q.options.length < 2 || q.options.length > 6) problems.push("questionCheck.optionCount");
  if (q.options.some((o) => !o.text.trim())) problems.push("questionCheck.optionEmpty");
  const texts = q.options.map((o) => o.text.trim().toLowerCase());
  if (new Set(texts).size !== texts.length) problems.push("questionCheck.optionRepeated");
  const correct = q.options.filter((o) => o.correct).length;
  if (correct === 0) problems.push("questionCheck.noCorrect");
  else if (q.kind !== "multiple" && correct > 1) problems.push("questionCheck.oneCorrect");
  if (q.kind === "true_false" && q.options.length !== 2) problems.push("questionCheck.trueFalseTwo");
  if (q.code && !/^[A-Za-z0-9_.-]{1,40}$/.test(q.code)) problems.push("questionCheck.codeInvalid");
  if (q.options.some((o) => o.text.length > 500)) problems.push("questionCheck.optionLong");
  if ((q.explanation?.length ?? 0) > 2000) problems.push("questionCheck.explanationLong");
  if ((q.legalSource?.length ?? 0) > 300) problems.push("questionCheck.legalSourceLong");
  if (q.tags.length > 20 || q.tags.some((t) => t.length > 60)) problems.push("questionCheck.tags");
  const pictures = [q.image, ...q.options.map((o) => o.image)].filter((p): p is Picture => Boolean(p));
  if (pictures.some((p) => !p.alt.trim())) problems.push("questionCheck.pictureAlt");
  if (pictures.some((p) => p.alt.length > 250)) problems.push("questionCheck.pictureAltLong");
  return problems;
}

export type QuestionFilters = {
  q?: string;
  category?: QuestionCategory;
  status?: QuestionInput["status"];
  difficulty?: QuestionInput["difficulty"];
  tag?: string;
  legal?: string;
};

function questionWhere(f: QuestionFilters) {
  const where: SQL[] = [];
  if (f.q) where.push(or(like(questions.prompt, `%${f.q}%`), like(questions.code, `%${f.q}%`))!);
  if (f.category) where.push(eq(questions.category, f.category));
  if (f.status) where.push(eq(questions.status, f.status));
  if (f.difficulty) where.push(eq(questions.difficulty, f.difficulty));
  if (f.tag) where.push(sql`exists (select 1 from json_each(${questions.tags}) where value = ${f.tag})`);
  if (f.legal) where.push(like(questions.legalSource, `%${f.legal}%`));
  return where.length ? and(...where) : undefined;
}

/**
 * The questions matching the filters with their options, in category order;
 * `page` gives one page of them (the bank's list), without it all (exports).
 */
export async function listQuestions(
  db: Db,
  f: QuestionFilters = {},
  page?: { limit: number; offset: number },
) {
  const query = db
    .select()
    .from(questions)
    .where(questionWhere(f))
    .orderBy(asc(questions.category), asc(questions.id));
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  // In runs: SQLite binds at most 32,766 values in one statement.
  let options: (typeof questionOptions.$inferSelect)[] = [];
  for (const ids of chunks(
    rows.map((r) => r.id),
    10_000,
  )) {
    const run = await db
      .select()
      .from(questionOptions)
      .where(inArray(questionOptions.questionId, ids))
      .orderBy(asc(questionOptions.position));
    options = options.concat(run);
  }
  return withOptions(rows, options);
}

/** How many questions match the filters (the list shows them a page at a time). */
export async function countQuestions(db: Db, f: QuestionFilters = {}) {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(questions)
    .where(questionWhere(f));
  return n;
}

/**
 * Each question with its options, grouped once: filtering every option for
 * each question took 6 s at 22,000 questions (docs/benchmarks.md, issue 19).
 */
function withOptions<R extends { id: number }, O extends { questionId: number }>(rows: R[], options: O[]) {
  const byQuestion = new Map<number, O[]>();
  for (const o of options) {
    const list = byQuestion.get(o.questionId);
    if (list) list.push(o);
    else byQuestion.set(o.questionId, [o]);
  }
  return rows.map((r) => ({ ...r, options: byQuestion.get(r.id) ?? [] }));
}

export async function getQuestion(db: Db, id: number) {
  const [row] = await listQuestionsByIds(db, [id]);
  return row;
}

async function listQuestionsByIds(db: Db, ids: number[]) {
  const rows = await db.select().from(questions).where(inArray(questions.id, ids));
  const options = await db
    .select()
    .from(questionOptions)
    .where(inArray(questionOptions.questionId, ids))
    .orderBy(asc(questionOptions.position));
  return withOptions(rows, options);
}

/** Each question's category by its code (what an import may keep as it is). */
export async function questionCategoriesByCode(db: Db) {
  const rows = await db.select({ code: questions.code, category: questions.category }).from(questions);
  return new Map(rows.flatMap((r) => (r.code ? [[r.code, r.category] as [string, string]] : [])));
}

export async function allTags(db: Db) {
  const rows = await db.all<{ value: string }>(
    sql`select distinct value from questions, json_each(questions.tags) order by value`,
  );
  return rows.map((r) => r.value);
}

function questionValues(q: QuestionInput, now: number) {
  return {
    code: q.code,
    category: q.category,
    kind: q.kind,
    prompt: q.prompt.trim(),
    image: q.image ? { ...q.image, alt: q.image.alt.trim() } : null,
    explanation: q.explanation,
    legalSource: q.legalSource,
    tags: q.tags,
    difficulty: q.difficulty,
    status: q.status,
    updatedAt: now,
  };
}

/** The option rows of questions as saved, by their ids. */
function optionRows(list: { id: number; input: QuestionInput }[]) {
  return list.flatMap(({ id, input }) =>
    input.options.map((o, p) => ({
      questionId: id,
      position: p + 1,
      text: o.text.trim(),
      image: o.image ? { ...o.image, alt: o.image.alt.trim() } : null,
      isCorrect: o.correct,
    })),
  );
}

export async function codeTaken(db: Db, code: string | null, exceptId?: number) {
  if (!code) return false;
  const [row] = await db.select({ id: questions.id }).from(questions).where(eq(questions.code, code));
  return Boolean(row && row.id !== exceptId);
}

/**
 * Creates questions with their options and the audit row in one batch, so an
 * import is all or nothing.
 */
export async function createQuestions(db: Db, inputs: QuestionInput[], actor: Actor, now = Date.now()) {
  return saveQuestions(db, { creates: inputs, updates: [] }, actor, now);
}

/**
 * Creates and updates questions with their options and one audit row in one
 * batch: all or nothing. Ids are assigned here; if a parallel insert took
 * one, the batch fails whole and is tried again with fresh ids. Attempts keep
 * their own snapshots, so an update never changes a score already given.
 */
export async function saveQuestions(
  db: Db,
  { creates, updates }: { creates: QuestionInput[]; updates: { id: number; input: QuestionInput }[] },
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "question.manage");
  const updated = updates.map((u) => u.id);
  const updateWrites = [
    ...updates.map(({ id, input }) =>
      db.update(questions).set(questionValues(input, now)).where(eq(questions.id, id)),
    ),
    ...chunks(updated, 500).map((ids) =>
      db.delete(questionOptions).where(inArray(questionOptions.questionId, ids)),
    ),
    ...chunks(optionRows(updates), 1000).map((rows) => db.insert(questionOptions).values(rows)),
  ];
  for (let attempt = 0; ; attempt++) {
    const [{ maxId }] = await db.select({ maxId: sql<number>`coalesce(max(id), 0)` }).from(questions);
    const ids = creates.map((_, i) => maxId + 1 + i);
    const questionRows = creates.map((q, i) => ({ id: ids[i], ...questionValues(q, now), createdAt: now }));
    const single = creates.length === 1 && updates.length === 0;
    try {
      await db.batch([
        auditInsert(
          db,
          {
            actorUserId: actor.id,
            action: single ? "question.create" : "question.import",
            entity: "question",
            entityId: single ? ids[0] : creates.length ? `${ids[0]}-${ids[ids.length - 1]}` : undefined,
            after: single ? creates[0] : { count: creates.length, updated: updated.length },
          },
          now,
        ),
        ...chunks(questionRows, 500).map((rows) => db.insert(questions).values(rows)),
        ...chunks(optionRows(creates.map((input, i) => ({ id: ids[i], input }))), 1000).map((rows) =>
          db.insert(questionOptions).values(rows),
        ),
        ...updateWrites,
      ]);
      return ids;
    } catch (error) {
      if (attempt >= 2 || !String(error).includes("UNIQUE constraint failed: questions.id")) throw error;
    }
  }
}

/**
 * Saves an edited question. Attempts keep their own snapshot of the question,
 * so an edit never changes a score already given.
 */
export async function updateQuestion(
  db: Db,
  id: number,
  input: QuestionInput,
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "question.manage");
  const before = await getQuestion(db, id);
  await db.batch([
    db.update(questions).set(questionValues(input, now)).where(eq(questions.id, id)),
    db.delete(questionOptions).where(eq(questionOptions.questionId, id)),
    db.insert(questionOptions).values(optionRows([{ id, input }])),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "question.update",
        entity: "question",
        entityId: id,
        before,
        after: input,
      },
      now,
    ),
  ]);
}

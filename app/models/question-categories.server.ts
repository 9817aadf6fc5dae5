/**
 * The ward's own question categories (lĩnh vực): the five defaults and any
 * the organiser adds, renames or retires. The draw ("N per category"), the
 * question form, the import and the statistics all read them from here.
 */
import { asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { questionCategories } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";

export type Category = { code: string; name: string; retired: boolean; questions: number };

/** Every category in the organiser's order, with its number of questions; retired ones too. */
export async function listCategories(db: Db): Promise<Category[]> {
  const rows = await db
    .select({
      code: questionCategories.code,
      name: questionCategories.name,
      retiredAt: questionCategories.retiredAt,
      // Qualified by hand: questions has a code column of its own.
      questions: sql<number>`(SELECT count(*) FROM questions q WHERE q.category = question_categories.code)`,
    })
    .from(questionCategories)
    .orderBy(asc(questionCategories.position), asc(questionCategories.code));
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    retired: r.retiredAt !== null,
    questions: r.questions,
  }));
}

/** The categories offered for new questions and new draws. */
export async function activeCategories(db: Db) {
  return db
    .select({ code: questionCategories.code, name: questionCategories.name })
    .from(questionCategories)
    .where(isNull(questionCategories.retiredAt))
    .orderBy(asc(questionCategories.position), asc(questionCategories.code));
}

/** "An toàn giao thông" → "AN_TOAN_GIAO_THONG": a code in capitals without marks, as the defaults are. */
export function categoryCode(name: string) {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "D")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 30);
}

/** A category's name as people compare names: no case, marks or extra spaces. */
const sameName = (a: string, b: string) => categoryCode(a) === categoryCode(b);

function checkName(name: string, others: { code: string; name: string }[], own?: string) {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (trimmed.length < 2 || trimmed.length > 60 || !categoryCode(trimmed))
    throw new DomainError("categories.nameInvalid", 422);
  if (others.some((c) => c.code !== own && sameName(c.name, trimmed)))
    throw new DomainError("categories.nameTaken", 409, { name: trimmed });
  return trimmed;
}

/** A new category at the end of the list; its code is made from its name. */
export async function createCategory(db: Db, name: string, actor: Actor, now = Date.now()) {
  authorize(actor, "question.manage");
  const all = await listCategories(db);
  const trimmed = checkName(name, all);
  const base = categoryCode(trimmed);
  let code = base;
  for (let n = 2; all.some((c) => c.code === code); n++) code = `${base}_${n}`;
  await db.batch([
    db.insert(questionCategories).values({ code, name: trimmed, position: all.length + 1, createdAt: now }),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "category.create",
        entity: "category",
        entityId: code,
        after: { name: trimmed },
      },
      now,
    ),
  ]);
  return code;
}

async function existing(db: Db, code: string) {
  const [row] = await db.select().from(questionCategories).where(eq(questionCategories.code, code));
  if (!row) throw new DomainError("categories.notFound", 404);
  return row;
}

/** A new name; the code, and so every question and draw that uses it, stays. */
export async function renameCategory(db: Db, code: string, name: string, actor: Actor, now = Date.now()) {
  authorize(actor, "question.manage");
  const before = await existing(db, code);
  const trimmed = checkName(name, await listCategories(db), code);
  await db.batch([
    db.update(questionCategories).set({ name: trimmed }).where(eq(questionCategories.code, code)),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "category.rename",
        entity: "category",
        entityId: code,
        before: { name: before.name },
        after: { name: trimmed },
      },
      now,
    ),
  ]);
}

/**
 * Retires a category (its questions stay, and contests already drawing from
 * it keep doing so, but new questions and new draws cannot use it) or brings
 * it back. The last active category cannot be retired.
 */
export async function setCategoryRetired(
  db: Db,
  code: string,
  retired: boolean,
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "question.manage");
  await existing(db, code);
  if (retired && (await activeCategories(db)).every((c) => c.code === code))
    throw new DomainError("categories.lastActive", 409);
  await db.batch([
    db
      .update(questionCategories)
      .set({ retiredAt: retired ? now : null })
      .where(eq(questionCategories.code, code)),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: retired ? "category.retire" : "category.restore",
        entity: "category",
        entityId: code,
      },
      now,
    ),
  ]);
}

/**
 * Why a question cannot be put in this category, or null: it must exist and
 * be in use, unless the question is already in it (`current`).
 */
export async function categoryProblem(db: Db, code: string, current?: string) {
  if (code === current) return null;
  const [row] = await db
    .select({ code: questionCategories.code })
    .from(questionCategories)
    .where(sql`${questionCategories.code} = ${code} AND ${questionCategories.retiredAt} IS NULL`);
  return row ? null : ("categories.inactive" as const);
}

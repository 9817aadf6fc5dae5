/**
 * Updating the bank by importing an edited export: the rows are matched to
 * the bank's questions by code, the organiser sees what would change (new,
 * changed field by field, unchanged, retired) and applies it all or nothing.
 * The parsed file waits in pending_imports between the preview and the apply.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "#db/client";
import { pendingImports, questionCategories, questionOptions, questions } from "#db/schema";
import { chunks } from "~/utils/chunks";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import {
  DIFFICULTY_LABELS,
  KIND_LABELS,
  OPTION_LETTERS,
  STATUS_LABELS,
  saveQuestions,
  type QuestionInput,
} from "./question-bank.server";

export type FieldChange = { field: string; before: string; after: string };
export type ReimportKind = "new" | "changed" | "unchanged" | "retired";
export type ReimportRow = { code: string; kind: ReimportKind; changes: FieldChange[] };

/** A pending import is kept this long for its apply. */
const PENDING_MS = 60 * 60 * 1000;

/** A question as the import's columns show it, field by field. */
function shown(q: QuestionInput, categoryNames: Map<string, string>): Record<string, string> {
  return {
    "Lĩnh vực": categoryNames.get(q.category) ?? q.category,
    Loại: KIND_LABELS[q.kind],
    "Câu hỏi": q.prompt.trim(),
    ...Object.fromEntries(OPTION_LETTERS.map((l, i) => [`Phương án ${l}`, q.options[i]?.text.trim() ?? ""])),
    "Đáp án đúng": q.options.flatMap((o, i) => (o.correct ? [OPTION_LETTERS[i]] : [])).join(","),
    "Giải thích": q.explanation?.trim() ?? "",
    "Căn cứ pháp lý": q.legalSource?.trim() ?? "",
    Thẻ: q.tags.join("; "),
    "Độ khó": DIFFICULTY_LABELS[q.difficulty],
    "Trạng thái": STATUS_LABELS[q.status],
    // A picture shows as its description, or its name when the description is all that is the same.
    ...Object.fromEntries(
      [q.image, ...OPTION_LETTERS.map((_, i) => q.options[i]?.image)].map((p, i) => [
        i === 0 ? "Hình ảnh" : `Hình ảnh ${OPTION_LETTERS[i - 1]}`,
        p ? `${p.alt.trim()} (#${p.key.slice(0, 8)})` : "",
      ]),
    ),
  };
}

/** What differs between a saved question and a row of the file, in the columns' words. */
export function questionDiff(
  before: QuestionInput,
  after: QuestionInput,
  categoryNames: Map<string, string>,
): FieldChange[] {
  const b = shown(before, categoryNames);
  const a = shown(after, categoryNames);
  return Object.keys(b)
    .filter((field) => b[field] !== a[field])
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

async function savedByCode(db: Db, codes: string[]) {
  const found = new Map<string, { id: number; input: QuestionInput }>();
  for (const part of chunks(codes, 500)) {
    const rows = await db.select().from(questions).where(inArray(questions.code, part));
    const options = rows.length
      ? await db
          .select()
          .from(questionOptions)
          .where(
            inArray(
              questionOptions.questionId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(questionOptions.questionId, questionOptions.position)
      : [];
    for (const r of rows)
      found.set(r.code!, {
        id: r.id,
        input: {
          ...r,
          options: options
            .filter((o) => o.questionId === r.id)
            .map((o) => ({ text: o.text, correct: o.isCorrect, image: o.image })),
        },
      });
  }
  return found;
}

/**
 * What importing these rows would do: each row new (its code is not in the
 * bank), unchanged, changed (with its field changes) or retired (a change
 * that takes an active question out of use). Questions the file does not
 * name are left as they are.
 */
export async function planReimport(db: Db, inputs: QuestionInput[]) {
  const saved = await savedByCode(
    db,
    inputs.flatMap((q) => (q.code ? [q.code] : [])),
  );
  const names = new Map(
    (await db.select().from(questionCategories)).map((c) => [c.code, c.name] as [string, string]),
  );
  const rows: ReimportRow[] = [];
  const creates: QuestionInput[] = [];
  const updates: { id: number; input: QuestionInput }[] = [];
  for (const input of inputs) {
    const before = input.code ? saved.get(input.code) : undefined;
    if (!before) {
      rows.push({ code: input.code ?? "", kind: "new", changes: [] });
      creates.push(input);
      continue;
    }
    const changes = questionDiff(before.input, input, names);
    if (changes.length) updates.push({ id: before.id, input });
    const retired = before.input.status === "active" && input.status !== "active";
    rows.push({
      code: input.code ?? "",
      kind: changes.length === 0 ? "unchanged" : retired ? "retired" : "changed",
      changes,
    });
  }
  return { rows, creates, updates };
}

export type ReimportPlan = Awaited<ReturnType<typeof planReimport>>;

/** How many rows of each kind a plan has. */
export function planCounts(rows: ReimportRow[]) {
  const counts: Record<ReimportKind, number> = { new: 0, changed: 0, unchanged: 0, retired: 0 };
  for (const r of rows) counts[r.kind]++;
  return counts;
}

/** Keeps a parsed import for its apply; the token that names it (older ones are dropped). */
export async function keepPendingImport(db: Db, inputs: QuestionInput[], actor: Actor, now = Date.now()) {
  authorize(actor, "question.manage");
  const token = randomBytes(16).toString("base64url");
  await db.batch([
    db.delete(pendingImports).where(lt(pendingImports.createdAt, now - PENDING_MS)),
    db.insert(pendingImports).values({ token, userId: actor.id!, createdAt: now, payload: inputs }),
  ]);
  return token;
}

/**
 * Applies a pending import as planned against the bank now (a question edited
 * since the preview is compared again): creates and updates in one batch.
 */
export async function applyPendingImport(db: Db, token: string, actor: Actor, now = Date.now()) {
  authorize(actor, "question.manage");
  const [pending] = await db
    .select()
    .from(pendingImports)
    .where(and(eq(pendingImports.token, token), eq(pendingImports.userId, actor.id!)));
  if (!pending || pending.createdAt < now - PENDING_MS) throw new DomainError("reimport.expired", 409);
  const plan = await planReimport(db, pending.payload as QuestionInput[]);
  await saveQuestions(db, plan, actor, now);
  await db.delete(pendingImports).where(eq(pendingImports.token, token));
  return planCounts(plan.rows);
}

/** How many changed rows a preview lists; the rest are counted and applied with them. */
const PREVIEW_ROWS = 200;

export type ImportPreview = {
  token: string;
  counts: Record<ReimportKind, number>;
  /** The rows that change something, the first ones only. */
  rows: ReimportRow[];
  more: number;
};

/**
 * An import on the bank's page: all new questions are saved at once (as
 * before); a file that would change questions already in the bank is kept
 * and answered with its preview, to be applied or cancelled.
 */
export async function importQuestions(db: Db, inputs: QuestionInput[], actor: Actor, now = Date.now()) {
  authorize(actor, "question.manage");
  const plan = await planReimport(db, inputs);
  if (plan.rows.every((r) => r.kind === "new")) {
    await saveQuestions(db, plan, actor, now);
    return undefined;
  }
  const token = await keepPendingImport(db, inputs, actor, now);
  const changing = plan.rows.filter((r) => r.kind !== "unchanged");
  const preview: ImportPreview = {
    token,
    counts: planCounts(plan.rows),
    rows: changing.slice(0, PREVIEW_ROWS),
    more: Math.max(0, changing.length - PREVIEW_ROWS),
  };
  return { preview };
}

/** Drops a pending import the organiser decided not to apply. */
export async function cancelPendingImport(db: Db, token: string, actor: Actor) {
  authorize(actor, "question.manage");
  await db
    .delete(pendingImports)
    .where(and(eq(pendingImports.token, token), eq(pendingImports.userId, actor.id!)));
}

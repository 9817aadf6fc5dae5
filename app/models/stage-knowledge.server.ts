/**
 * The knowledge round on the projector: a knowledge part may take its
 * questions from the bank (codes typed in reading order), and the MC cues
 * each one onto the projector, reveals its answer and takes it off. The
 * server stamps the start, so every screen counts down the same seconds.
 * Before the reveal nothing that tells the right answer leaves the server:
 * the projector's laptop stands in front of the teams.
 */
import { and, asc, eq, inArray, isNotNull, isNull, ne } from "drizzle-orm";
import type { Db } from "#db/client";
import { questionOptions, questions, stageKnowledgeMarks, stageParts, teams } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { message, type Message } from "~/utils/i18n";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditBy } from "./audit.server";
import type { PartInput } from "./stage-parts.server";
import { requireOpenPart } from "./stage.server";

/** Seconds a team has to answer when the organiser types none. */
export const DEFAULT_KNOWLEDGE_SECONDS = 30;

/** The codes as typed: one per line or separated by commas (or semicolons), blanks ignored. */
export function parseQuestionCodes(typed: string) {
  return typed
    .split(/[\n\r,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

export function validKnowledgeSeconds(sec: number | null | undefined) {
  return sec === null || sec === undefined || (Number.isInteger(sec) && sec >= 5 && sec <= 600);
}

/**
 * The bank's questions for a knowledge part, from the codes typed in reading
 * order: their ids, or the first problem, naming the code. No codes: null
 * (the questions are read from paper).
 */
export async function knowledgeQuestionIds(
  db: Db,
  typed: string,
  count: number | null,
): Promise<{ ids: number[] | null; problem?: Message }> {
  const codes = parseQuestionCodes(typed);
  if (!codes.length) return { ids: null };
  const seen = new Set<string>();
  for (const code of codes) {
    const key = code.toUpperCase();
    if (seen.has(key)) return { ids: null, problem: message("stageKnowledge.duplicateCode", { code }) };
    seen.add(key);
  }
  const rows = await db
    .select({ id: questions.id, code: questions.code, status: questions.status })
    .from(questions)
    .where(isNotNull(questions.code));
  const byCode = new Map(rows.map((r) => [r.code!.toUpperCase(), r]));
  const ids: number[] = [];
  for (const code of codes) {
    const row = byCode.get(code.toUpperCase());
    if (!row) return { ids: null, problem: message("stageKnowledge.unknownCode", { code }) };
    if (row.status !== "active")
      return { ids: null, problem: message("stageKnowledge.retiredCode", { code }) };
    ids.push(row.id);
  }
  if (count !== null && ids.length !== count)
    return { ids: null, problem: message("stageKnowledge.countMismatch", { n: ids.length, of: count }) };
  return { ids };
}

/** Each part with the codes of its bank questions, one per line, as its form shows them. */
export async function withKnowledgeCodes<P extends { knowledgeQuestionIds: number[] | null }>(
  db: Db,
  parts: P[],
) {
  const ids = parts.flatMap((p) => p.knowledgeQuestionIds ?? []);
  const rows = ids.length
    ? await db
        .select({ id: questions.id, code: questions.code })
        .from(questions)
        .where(inArray(questions.id, ids))
    : [];
  const code = new Map(rows.map((r) => [r.id, r.code ?? `#${r.id}`]));
  return parts.map((p) => ({
    ...p,
    knowledgeCodes: (p.knowledgeQuestionIds ?? []).map((id) => code.get(id) ?? `#${id}`).join("\n"),
  }));
}

type CueInput = { contestId: number; partId: number; actor: Actor };

/** A knowledge part of the contest that the MC may still cue: not locked, not closed by the committee. */
async function requireCuePart({ contestId, partId, actor }: CueInput, db: Db) {
  authorize(actor, "stage.mark");
  const part = await requireOpenPart(db, contestId, partId);
  if (part.scoring !== "knowledge") throw new DomainError("stage.notKnowledgePart", 422);
  return part;
}

const offProjector = { knowledgeShownNo: null, knowledgeShownAt: null, knowledgeRevealedAt: null };

/** "Chiếu câu N": question N on the projector, its countdown from now; any other question of the contest leaves it. */
export async function showKnowledgeQuestion(db: Db, input: CueInput & { no: number }, now = Date.now()) {
  const part = await requireCuePart(input, db);
  if (!(Number.isInteger(input.no) && input.no >= 1 && input.no <= (part.knowledgeQuestions ?? 0)))
    throw new DomainError("stageKnowledge.badQuestion", 422);
  await db.batch([
    db
      .update(stageParts)
      .set(offProjector)
      .where(
        and(
          eq(stageParts.contestId, input.contestId),
          ne(stageParts.id, part.id),
          isNotNull(stageParts.knowledgeShownNo),
        ),
      ),
    db
      .update(stageParts)
      .set({ knowledgeShownNo: input.no, knowledgeShownAt: now, knowledgeRevealedAt: null })
      .where(eq(stageParts.id, part.id)),
    auditBy(
      db,
      input.actor,
      "stage.knowledge.show",
      ["stage_part", part.id],
      { after: { no: input.no } },
      now,
    ),
  ]);
}

/** "Hiện đáp án": the question on the projector shows its right answer and the teams that gave it. */
export async function revealKnowledgeAnswer(db: Db, input: CueInput, now = Date.now()) {
  const part = await requireCuePart(input, db);
  if (part.knowledgeShownNo === null) throw new DomainError("stageKnowledge.nothingShown", 409);
  await db.batch([
    db.update(stageParts).set({ knowledgeRevealedAt: now }).where(eq(stageParts.id, part.id)),
    auditBy(
      db,
      input.actor,
      "stage.knowledge.reveal",
      ["stage_part", part.id],
      { after: { no: part.knowledgeShownNo } },
      now,
    ),
  ]);
}

/** "Tắt câu hỏi": the projector goes back to the scoreboard. */
export async function hideKnowledgeQuestion(db: Db, input: CueInput, now = Date.now()) {
  const part = await requireCuePart(input, db);
  await db.batch([
    db.update(stageParts).set(offProjector).where(eq(stageParts.id, part.id)),
    auditBy(
      db,
      input.actor,
      "stage.knowledge.hide",
      ["stage_part", part.id],
      { before: { no: part.knowledgeShownNo } },
      now,
    ),
  ]);
}

/**
 * What the projector may show of the knowledge round now (null: no question
 * is on it). The right options, the explanation and the teams that answered
 * right are read only once the answer is revealed, so they cannot ride along
 * in the page before then.
 */
export async function projectorKnowledge(db: Db, contestId: number) {
  const [part] = await db
    .select()
    .from(stageParts)
    .where(
      and(
        eq(stageParts.contestId, contestId),
        eq(stageParts.scoring, "knowledge"),
        isNotNull(stageParts.knowledgeShownNo),
        isNotNull(stageParts.knowledgeShownAt),
        // A question left on screen when the committee closed its part leaves the projector.
        isNull(stageParts.closedAt),
      ),
    )
    .limit(1);
  if (!part) return null;
  const no = part.knowledgeShownNo!;
  const revealed = part.knowledgeRevealedAt !== null;
  const questionId = part.knowledgeQuestionIds?.[no - 1] ?? null;
  const question = questionId === null ? null : await projectedQuestion(db, questionId, revealed);
  return {
    partName: part.name,
    no,
    of: part.knowledgeQuestions ?? no,
    seconds: part.knowledgeSeconds ?? DEFAULT_KNOWLEDGE_SECONDS,
    shownAt: part.knowledgeShownAt!,
    question: question && { prompt: question.prompt, image: question.image, options: question.options },
    answer: revealed
      ? {
          explanation: question?.explanation ?? null,
          rightTeams: await rightTeams(db, part.id, no),
        }
      : null,
  };
}

const LETTERS = "ABCDEFGH";

/** A bank question as the projector shows it; `correct` and the explanation only once revealed. */
async function projectedQuestion(db: Db, id: number, revealed: boolean) {
  const [row] = await db
    .select({ prompt: questions.prompt, image: questions.image, explanation: questions.explanation })
    .from(questions)
    .where(eq(questions.id, id));
  if (!row) return null;
  const [options, right] = await Promise.all([
    db
      .select({ id: questionOptions.id, text: questionOptions.text, image: questionOptions.image })
      .from(questionOptions)
      .where(eq(questionOptions.questionId, id))
      .orderBy(asc(questionOptions.position)),
    revealed
      ? db
          .select({ id: questionOptions.id })
          .from(questionOptions)
          .where(and(eq(questionOptions.questionId, id), eq(questionOptions.isCorrect, true)))
      : [],
  ]);
  const rightIds = new Set(right.map((o) => o.id));
  return {
    prompt: row.prompt,
    image: row.image,
    explanation: revealed ? row.explanation : null,
    options: options.map((o, i) => ({
      letter: LETTERS[i] ?? String(i + 1),
      text: o.text,
      image: o.image,
      ...(revealed ? { correct: rightIds.has(o.id) } : {}),
    })),
  };
}

/** The teams marked right for question `no` on Điều hành, in team number order. */
async function rightTeams(db: Db, partId: number, no: number) {
  const rows = await db
    .select({ name: teams.name })
    .from(stageKnowledgeMarks)
    .innerJoin(teams, eq(teams.id, stageKnowledgeMarks.teamId))
    .where(
      and(
        eq(stageKnowledgeMarks.partId, partId),
        eq(stageKnowledgeMarks.questionNo, no),
        eq(stageKnowledgeMarks.correct, true),
      ),
    )
    .orderBy(asc(teams.number));
  return rows.map((r) => r.name);
}

/**
 * A part's questions and answer time as saved: from the codes typed, or
 * kept as they are when the caller sends no codes. Once the part has marks
 * its questions are frozen (the marks are per question number).
 */
export async function knowledgePartValues(
  db: Db,
  input: Pick<PartInput, "scoring" | "knowledgeQuestions" | "knowledgeCodes" | "knowledgeSeconds">,
  before: { knowledgeQuestionIds: number[] | null; knowledgeSeconds: number | null } | null,
  marked: boolean,
): Promise<
  { knowledgeQuestionIds: number[] | null; knowledgeSeconds: number | null } | { problem: Message }
> {
  if (input.scoring !== "knowledge") return { knowledgeQuestionIds: null, knowledgeSeconds: null };
  const knowledgeSeconds = input.knowledgeSeconds ?? before?.knowledgeSeconds ?? DEFAULT_KNOWLEDGE_SECONDS;
  if (input.knowledgeCodes === undefined)
    return { knowledgeQuestionIds: before?.knowledgeQuestionIds ?? null, knowledgeSeconds };
  const { ids, problem } = await knowledgeQuestionIds(db, input.knowledgeCodes, input.knowledgeQuestions);
  if (problem) return { problem };
  if (marked && JSON.stringify(ids) !== JSON.stringify(before?.knowledgeQuestionIds ?? null))
    return { problem: "stageKnowledge.frozen" };
  return { knowledgeQuestionIds: ids, knowledgeSeconds };
}

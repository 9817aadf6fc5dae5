import type { Db } from "#db/client";
import { saveAnswer, savePrediction } from "~/models/attempt.server";
import { AttemptParamsSchema, SaveSchema } from "~/utils/attempt-schemas";
import { DomainError } from "~/utils/errors";
import { sessionIdHash, sessionUserId } from "~/utils/session.server";
import { isStorageUnavailable, RETRY_AFTER_SECONDS } from "~/utils/storage-errors.server";

const SIGN_IN = { status: 401, json: { error: "auth.required" } };

export type JsonReply = { status: number; json: unknown; headers?: Record<string, string> };

export type AnswerSaveRequest = {
  method: string;
  cookie: string | null;
  attemptId: string | undefined;
  body: unknown;
  now: number;
};

/**
 * Saving one answer or the prediction (POST /api/attempts/:id/answers), the
 * request residents send most. Plain inputs and a plain reply, so the Remix
 * route and server.ts's fast path (which skips Express, Remix's routing and
 * web Request/Response objects for this one hot request) answer identically.
 */
export function answerSave(db: Db, input: AnswerSaveRequest): Promise<JsonReply> {
  return replying(() => save(db, input));
}

/**
 * A fast-path request's reply, whatever its work throws: a refusal's code and
 * status; 503 with Retry-After when storage is unavailable (the session lookup
 * too: a full disk or an unreachable database server is 503, never 500).
 */
export async function replying(work: () => Promise<JsonReply>): Promise<JsonReply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) return { status: error.status, json: { error: error.code } };
    if (isStorageUnavailable(error))
      return {
        status: 503,
        json: { error: "error.unavailable" },
        headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
      };
    throw error;
  }
}

async function save(db: Db, input: AnswerSaveRequest): Promise<JsonReply> {
  const { now } = input;
  const idHash = await sessionIdHash(input.cookie);
  if (idHash === null) return SIGN_IN;
  const params = AttemptParamsSchema.safeParse({ id: input.attemptId });
  const body = SaveSchema.safeParse(input.body);
  if (!params.success || input.method !== "POST" || !body.success) {
    // Rare, so the session is looked up on its own: a signed-out phone hears 401 whatever it sent.
    if ((await sessionUserId(db, idHash, now)) === null) return SIGN_IN;
    if (!params.success) return { status: 404, json: { error: "attempt.notFound" } };
    return { status: input.method === "POST" ? 422 : 405, json: { error: "answer.invalid" } };
  }
  // The session is checked inside the save: one statement for the usual save (see saveAnswer).
  const userId = { sessionIdHash: idHash };
  const attemptId = params.data.id;
  try {
    const result =
      "questionId" in body.data
        ? await saveAnswer(db, { attemptId, userId, ...body.data, now })
        : await savePrediction(db, {
            attemptId,
            userId,
            value: body.data.prediction,
            base: body.data.base,
            now,
          });
    const remainingMs = Math.max(0, result.deadlineAt - now);
    if (result.outcome === "saved")
      return { status: 200, json: { ok: true, version: result.version, remainingMs } };
    // Another device or tab saved since this page's base: nothing changed, and the page shows what the server holds.
    return {
      status: 409,
      json: {
        error: "answer.conflict",
        version: result.version,
        ...("questionId" in body.data ? { optionIds: result.held } : { prediction: result.held }),
        remainingMs,
      },
    };
  } catch (error) {
    // Refused: a session that has ended is told to sign in again, not that the attempt is gone.
    if (error instanceof DomainError && (await sessionUserId(db, idHash, now)) === null) return SIGN_IN;
    throw error;
  }
}

import { saveAnswer, savePrediction } from "~/models/attempt.server";
import { AttemptParamsSchema, SaveSchema } from "./attempt-schemas";
import { db } from "./db.server";
import { DomainError } from "./errors";
import { findSessionUserId } from "./session.server";
import { isStorageUnavailable, RETRY_AFTER_SECONDS } from "./storage-errors.server";

export type JsonReply = { status: number; json: unknown; headers?: Record<string, string> };

/**
 * Saving one answer or the prediction (POST /api/attempts/:id/answers), the
 * request residents send most. Plain inputs and a plain reply, so the Remix
 * route and server.ts's fast path (which skips Remix's routing and web
 * Request/Response objects for this one hot request) answer identically.
 */
export async function answerSave(input: {
  method: string;
  cookie: string | null;
  attemptId: string | undefined;
  body: unknown;
  now: number;
}): Promise<JsonReply> {
  try {
    return await save(input);
  } catch (error) {
    if (error instanceof DomainError) return { status: error.status, json: { error: error.code } };
    // The session lookup too: a full disk or an unreachable database server is 503, never 500.
    if (isStorageUnavailable(error))
      return {
        status: 503,
        json: { error: "error.unavailable" },
        headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
      };
    throw error;
  }
}

async function save(input: Parameters<typeof answerSave>[0]): Promise<JsonReply> {
  const userId = await findSessionUserId(db, input.cookie, input.now);
  if (userId === null) return { status: 401, json: { error: "auth.required" } };
  const params = AttemptParamsSchema.safeParse({ id: input.attemptId });
  if (!params.success) return { status: 404, json: { error: "attempt.notFound" } };
  if (input.method !== "POST") return { status: 405, json: { error: "answer.invalid" } };
  const body = SaveSchema.safeParse(input.body);
  if (!body.success) return { status: 422, json: { error: "answer.invalid" } };
  const { now } = input;
  const attemptId = params.data.id;
  const result =
    "questionId" in body.data
      ? await saveAnswer(db, { attemptId, userId, ...body.data, now })
      : await savePrediction(db, { attemptId, userId, value: body.data.prediction, seq: body.data.seq, now });
  return {
    status: 200,
    json: { ok: true, stale: result.stale, remainingMs: Math.max(0, result.deadlineAt - now) },
  };
}

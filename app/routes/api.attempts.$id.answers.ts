import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadOwnAttempt, saveAnswer, savePrediction } from "~/models/attempt.server";
import { requireApiUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { AttemptParamsSchema, SaveSchema } from "~/utils/attempt-schemas";
import { DomainError } from "~/utils/errors";
import { isStorageUnavailable, storageUnavailableJson } from "~/utils/storage-errors.server";

function fail(error: unknown) {
  if (error instanceof DomainError) return Response.json({ error: error.code }, { status: error.status });
  if (isStorageUnavailable(error)) return storageUnavailableJson();
  throw error;
}

/** The attempt's state and the server's remaining time, for resyncing the clock. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireApiUser(request);
  const parsed = AttemptParamsSchema.safeParse(params);
  if (!parsed.success) return Response.json({ error: "attempt.notFound" }, { status: 404 });
  try {
    const now = Date.now();
    const attempt = await loadOwnAttempt(db, parsed.data.id, user.id, now);
    return Response.json(
      { status: attempt.status, remainingMs: Math.max(0, attempt.deadlineAt - now) },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return fail(error);
  }
}

/** Saves one answer or the prediction the moment it is chosen. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireApiUser(request);
  const parsedParams = AttemptParamsSchema.safeParse(params);
  if (!parsedParams.success) return Response.json({ error: "attempt.notFound" }, { status: 404 });
  if (request.method !== "POST") return Response.json({ error: "answer.invalid" }, { status: 405 });
  const body = SaveSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return Response.json({ error: "answer.invalid" }, { status: 422 });
  const now = Date.now();
  const attemptId = parsedParams.data.id;
  try {
    const result =
      "questionId" in body.data
        ? await saveAnswer(db, { attemptId, userId: user.id, ...body.data, now })
        : await savePrediction(db, {
            attemptId,
            userId: user.id,
            value: body.data.prediction,
            seq: body.data.seq,
            now,
          });
    return Response.json({
      ok: true,
      stale: result.stale,
      remainingMs: Math.max(0, result.deadlineAt - now),
    });
  } catch (error) {
    return fail(error);
  }
}

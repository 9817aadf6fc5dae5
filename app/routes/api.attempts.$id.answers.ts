import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadOwnAttempt } from "~/models/attempt.server";
import { answerSave } from "~/forms/answer-save.server";
import { requireApiUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { AttemptParamsSchema } from "~/utils/attempt-schemas";
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

/** Saves one answer or the prediction the moment it is chosen (see answerSave). */
export async function action({ request, params }: ActionFunctionArgs) {
  const reply = await answerSave(db, {
    method: request.method,
    cookie: request.headers.get("Cookie"),
    attemptId: params.id,
    body: await request.json().catch(() => null),
    now: Date.now(),
  });
  return Response.json(reply.json, { status: reply.status, headers: reply.headers });
}

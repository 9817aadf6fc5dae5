import type { ActionFunctionArgs } from "@remix-run/node";
import { submitWithUnsent } from "~/models/attempt.server";
import { AttemptParamsSchema, UnsentSchema } from "~/utils/attempt-schemas";
import { requireApiUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { isStorageUnavailable, storageUnavailableJson } from "~/utils/storage-errors.server";

/**
 * "Nộp bài" from the quiz page: the browser retries this until it gets an
 * answer, keeping its unsent answers until then, so a dropped connection
 * never loses them. Submitting twice changes nothing.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  // All inside the try: with the database server unreachable, even the session lookup is a 503.
  try {
    const user = await requireApiUser(request);
    const parsed = AttemptParamsSchema.safeParse(params);
    if (!parsed.success) return Response.json({ error: "attempt.notFound" }, { status: 404 });
    const body = UnsentSchema.safeParse(
      ((await request.json().catch(() => null)) as { unsent?: unknown } | null)?.unsent ?? [],
    );
    if (!body.success) return Response.json({ error: "answer.invalid" }, { status: 422 });
    await submitWithUnsent(db, {
      attemptId: parsed.data.id,
      userId: user.id,
      unsent: body.data,
      now: Date.now(),
    });
    return Response.json({ ok: true, resultUrl: `/attempts/${parsed.data.id}/result` });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.code }, { status: error.status });
    if (isStorageUnavailable(error)) return storageUnavailableJson();
    throw error;
  }
}

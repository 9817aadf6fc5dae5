import type { ActionFunctionArgs } from "@remix-run/node";
import { attemptSubmit } from "~/forms/attempt-submit.server";
import { db } from "~/utils/db.server";

/**
 * "Nộp bài" from the quiz page: the browser retries this until it gets an
 * answer, keeping its unsent answers until then, so a dropped connection
 * never loses them. Submitting twice changes nothing. server.ts answers it
 * before Remix with the same function (attemptSubmit).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const reply = await attemptSubmit(db, {
    method: request.method,
    cookie: request.headers.get("Cookie"),
    attemptId: params.id,
    body: await request.json().catch(() => null),
    now: Date.now(),
  });
  return Response.json(reply.json, { status: reply.status, headers: reply.headers });
}

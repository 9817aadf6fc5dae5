import type { ActionFunctionArgs } from "@remix-run/node";
import type { ImportEvent } from "~/forms/import";
import { importQuestionFile } from "~/forms/question-import.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/**
 * The question import with its progress (the page's form posts here when
 * its script runs; without it, the form posts to the page as before): one
 * JSON line per step as it happens — file read, rows checked and problems so
 * far, pictures re-encoded, questions being saved — then the result, the
 * same as the page's action gives.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: ImportEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      let last = 0;
      let lastPhase = "";
      try {
        const result = await importQuestionFile(db, request, user, (progress) => {
          // Every change of step, and within a step (pictures) at most five lines a second.
          const now = Date.now();
          if (progress.phase === lastPhase && now - last < 200) return;
          [last, lastPhase] = [now, progress.phase];
          send({ progress });
        });
        send({ result });
      } catch (error) {
        console.error(error);
        send({ result: { importError: "error.generic" } });
      }
      controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      // Not compressed or buffered on the way (compression, nginx): each line is sent when it is written.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { sweepExpiredAttempts } from "~/models/attempt.server";
import { pruneSignInThrottle } from "~/models/login-throttle.server";
import { storeClosedContestStatistics } from "~/models/stats.server";
import { answerSave as answerSaveOn, type AnswerSaveRequest } from "~/forms/answer-save.server";
import { attemptSubmit as attemptSubmitOn } from "~/forms/attempt-submit.server";
import { db } from "~/utils/db.server";
import { ServerBusyError } from "~/utils/overload.server";
import { isStorageUnavailable, RETRY_AFTER_SECONDS } from "~/utils/storage-errors.server";
import { NonceProvider } from "~/utils/nonce";
import { PageTextsProvider, type RootTexts } from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { pageTexts } from "~/utils/page-messages.server";

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

/** server.ts answers POST /api/attempts/:id/answers with this directly (the fast path). */
export function answerSave(input: AnswerSaveRequest) {
  return answerSaveOn(db, input);
}
/** And POST /api/attempts/:id/submit ("Nộp bài", the deadline rush) with this. */
export function attemptSubmit(input: AnswerSaveRequest) {
  return attemptSubmitOn(db, input);
}
/** server.ts refuses sign-ins with a static page while the password queue is full. */
export { passwordQueueFull } from "~/utils/password.server";
/** server.ts's load shedding and headers (it imports nothing of the app but this build). */
export { busyResponseBody, createInFlightLimit } from "~/utils/overload.server";
export { secureCookiesFrom } from "~/utils/env.server";
/** server.ts reads TRUST_PROXY with this and refuses malformed requests at its front door. */
export { parseTrustProxy } from "~/utils/trust-proxy.server";
export { refuseMalformed } from "~/utils/request-guard.server";

let prunedAt = 0;

/**
 * Called by server.ts on a timer: finalises attempts whose time is up, browser
 * or not, stores the statistics of a quiz contest that closed, and once an
 * hour forgets sign-in counts that no longer matter.
 */
export async function sweep() {
  const now = Date.now();
  await sweepExpiredAttempts(db, now);
  // A quiz contest that closed gets its statistics stored once, so no visitor waits for them. A failure
  // is logged and tried again next time; it must not stop the rest of the sweep.
  await storeClosedContestStatistics(db, now).catch((error: unknown) =>
    console.error("storing a closed contest's statistics failed", error),
  );
  if (now - prunedAt >= 60 * 60 * 1000) {
    prunedAt = now;
    await pruneSignInThrottle(db, now);
  }
}

/**
 * Requests whose loader or action failed for a reason that passes: the
 * storage (disk full, read-only…) or a full password queue. They answer 503
 * with Retry-After (seconds) instead of 500.
 */
const unavailable = new WeakMap<Request, number>();

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const retryAfter = unavailable.get(request);
  if (retryAfter !== undefined) {
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", String(retryAfter));
  }
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return textsOf(request, remixContext).then(
    (texts) =>
      new Promise((resolve, reject) => {
        let shellRendered = false;
        const { pipe, abort } = renderToPipeableStream(
          <NonceProvider value={nonce}>
            <PageTextsProvider value={texts}>
              <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
            </PageTextsProvider>
          </NonceProvider>,
          {
            nonce,
            [waitForAll ? "onAllReady" : "onShellReady"]() {
              shellRendered = true;
              const body = inOnePiece();
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(
                new Response(createReadableStreamFromReadable(body), {
                  headers: responseHeaders,
                  status: responseStatusCode,
                }),
              );
              pipe(body);
            },
            onShellError(error: unknown) {
              reject(error);
            },
            onError(error: unknown) {
              responseStatusCode = 500;
              if (shellRendered) console.error(error);
            },
          },
        );
        setTimeout(abort, ABORT_DELAY + 1000);
      }),
  );
}

/**
 * The texts the page carries beside its data (decision 019): a page load's root data has only the
 * titles, and none when the root loader did not run (an action failed).
 */
async function textsOf(request: Request, remixContext: EntryContext) {
  const root = remixContext.staticHandlerContext.loaderData?.root as Partial<RootTexts> | undefined;
  const locale = root?.locale ?? (await getLocale(request).catch(() => "vi" as const));
  return pageTexts(locale, new URL(request.url).pathname);
}

/** Data requests (client navigations) get the same 503 as documents. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  const retryAfter = unavailable.get(request);
  if (retryAfter === undefined) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(retryAfter));
  return new Response(response.body, { status: 503, headers });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Remix's own 4xx (no route for this URL, a method or route id it does not serve) is the client's
  // mistake: the answer says so, and a log line (with a stack) for each would let anyone fill the log.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (isStorageUnavailable(error)) unavailable.set(request, RETRY_AFTER_SECONDS);
  if (error instanceof ServerBusyError) unavailable.set(request, error.retryAfterSeconds);
  console.error(error);
}

/**
 * The page's HTML handed on in one piece when React has written all of it. React writes in 2 KB
 * pieces, and the compression after it (brotli) then does one piece of work for each: for a
 * 100 KB page 2.9 ms of CPU, against 1.2 ms in one piece (docs/benchmarks.md, "the page in one
 * piece"). The app's pages stream nothing later (no Suspense waits on the server), so nothing
 * reaches the phone later than before but the first bytes, by the time React takes to render the
 * rest.
 */
function inOnePiece() {
  const pieces: Buffer[] = [];
  return new Transform({
    transform(piece: Buffer, _encoding, done) {
      pieces.push(piece);
      done();
    },
    flush(done) {
      done(null, Buffer.concat(pieces));
    },
  });
}

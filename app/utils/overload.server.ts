/**
 * Load shedding. A two-core ward server that takes every request until it
 * times out serves no one; one that answers "busy, try again in a few
 * seconds" at once keeps answer saving going. Two controls:
 *
 * - `createGate`: at most `concurrency` jobs at a time with at most `maxQueue`
 *   waiting; beyond that it refuses at once. Used for argon2, whose ~25 ms of
 *   CPU per hash would otherwise let a wave of sign-ins take every core from
 *   the residents who are saving answers.
 * - `createInFlightLimit`: the number of requests a worker is answering; past
 *   the limit new requests get 503 + Retry-After. Saving and submitting
 *   answers may use twice the limit, so pages are shed before answers are.
 */

/** Thrown when a gate's queue is full; routes answer 503 with Retry-After. */
export class ServerBusyError extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super("server.busy");
    this.name = "ServerBusyError";
  }
}

export function createGate({
  concurrency,
  maxQueue,
  retryAfterSeconds = 3,
}: {
  concurrency: number;
  maxQueue: number;
  retryAfterSeconds?: number;
}) {
  let running = 0;
  const waiting: Array<() => void> = [];

  function release() {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (running < concurrency) running++;
      else if (waiting.length < maxQueue) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw new ServerBusyError(retryAfterSeconds);
      // A released slot passes straight to the next waiter, so `running` stays counted.
      try {
        return await job();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    /** A job started now would be refused. */
    get full() {
      return running >= concurrency && waiting.length >= maxQueue;
    },
  };
}

/** Paths whose requests carry residents' answers: shed last. */
export function isAnswerTraffic(path: string) {
  return path.startsWith("/api/attempts/");
}

export function createInFlightLimit({
  limit,
  retryAfterSeconds = 2,
}: {
  limit: number;
  retryAfterSeconds?: number;
}) {
  let inFlight = 0;
  return {
    /** Counts a request in; false when it should be refused. `done` must be called once it ends. */
    admit(path: string): boolean {
      const cap = isAnswerTraffic(path) ? limit * 2 : limit;
      if (inFlight >= cap) return false;
      inFlight++;
      return true;
    },
    done() {
      inFlight--;
    },
    get inFlight() {
      return inFlight;
    },
    retryAfterSeconds,
  };
}

/** The body of a shed request: JSON for the API (the quiz client retries), a short page otherwise. */
export function busyResponseBody(path: string) {
  if (path === "/login" || path === "/register")
    return {
      type: "text/html; charset=utf-8",
      body: busyPage(
        "Đang có rất nhiều người đăng nhập cùng lúc. Vui lòng đợi vài giây rồi quay lại trang trước và bấm lại. Bài làm đã lưu không bị mất.",
      ),
    };
  if (path.startsWith("/api/"))
    return { type: "application/json", body: JSON.stringify({ error: "error.busy" }) };
  return {
    type: "text/html; charset=utf-8",
    body: busyPage(
      "Đang có rất nhiều người truy cập cùng lúc. Vui lòng đợi vài giây rồi tải lại trang. Các câu trả lời đã lưu của bạn không bị mất.",
    ),
  };
}

function busyPage(message: string) {
  return (
    '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    "<title>Hệ thống đang bận</title>" +
    '<main style="font:18px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">' +
    `<h1>Hệ thống đang bận</h1><p>${message}</p></main></html>`
  );
}

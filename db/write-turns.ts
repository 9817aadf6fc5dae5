import cluster, { type Worker } from "node:cluster";

/**
 * Write turns: the worker processes of a cluster take turns at writing to a
 * libSQL server (sqld), handed out by the primary in the order asked
 * (docs/decisions/016-write-turns.md).
 *
 * sqld runs one write transaction at a time, and a second one sent meanwhile
 * waits inside sqld, in SQLite's busy handler, which sleeps in steps (1, 2,
 * 5, 10 ms …) whatever the first still needs, then fails after 100 ms
 * (server-fetch.ts sends it again). Two workers' group commits sent at once
 * spent most of their time so: the app over sqld saved 41–47 % of what it did
 * on the embedded file, 66 % with turns (docs/benchmarks.md, "Issue 21 (4):
 * write turns"). A worker waiting for its turn waits on a message, taking in
 * requests meanwhile into its next group (db/group-commit.ts), and sends its
 * group the moment the previous one is done.
 *
 * The embedded file does not use them: measured, no gain there.
 */

const ASK = { writeTurn: "ask" } as const;
const DONE = { writeTurn: "done" } as const;
const GRANT = { writeTurn: "grant" } as const;

type TurnMessage = { writeTurn?: "ask" | "done" | "grant" };

/** In the primary: hands out the turn to one worker at a time, first asked first served. */
export function serveWriteTurns() {
  const waiting: Worker[] = [];
  let holder: Worker | null = null;
  const next = () => {
    holder = waiting.shift() ?? null;
    holder?.send(GRANT);
  };
  cluster.on("message", (worker, message: TurnMessage) => {
    if (message?.writeTurn === "ask") {
      waiting.push(worker);
      if (!holder) next();
    } else if (message?.writeTurn === "done" && worker === holder) next();
  });
  // A worker that ends while holding or awaiting the turn gives it up.
  cluster.on("exit", (worker) => {
    const at = waiting.indexOf(worker);
    if (at !== -1) waiting.splice(at, 1);
    if (worker === holder) next();
  });
}

const granted: (() => void)[] = [];
let listening = false;

/**
 * Waits for this worker's turn to write; resolves with the function that ends it. Outside a
 * cluster (one process, tests, scripts) the turn is at once.
 */
export function writeTurn(): Promise<() => void> {
  if (!cluster.isWorker || !process.send) return Promise.resolve(() => {});
  if (!listening) {
    listening = true;
    process.on("message", (message: TurnMessage) => {
      if (message?.writeTurn === "grant") granted.shift()?.();
    });
  }
  return new Promise((resolve) => {
    granted.push(() => {
      let ended = false;
      resolve(() => {
        if (ended) return;
        ended = true;
        process.send!(DONE);
      });
    });
    process.send!(ASK);
  });
}

/**
 * Production server: builds the app if the build is missing or older than
 * the sources, prepares the database, then serves Remix through Express with
 * security headers, a same-origin check on writes, load shedding and the
 * attempt sweeper.
 *
 * One worker per core (node:cluster) share the port and the database;
 * WEB_CONCURRENCY sets the number (1 = a single process, no cluster).
 * Sessions, sign-in throttles and attempts live in the database, so any
 * worker serves any request. Only worker 1 runs the sweeper.
 */
import cluster from "node:cluster";
import type { ServerBuild } from "@remix-run/node";
import type express from "express";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { secureCookiesFrom } from "./app/utils/env.server";
import { busyResponseBody, createInFlightLimit } from "./app/utils/overload.server";
import type { answerSave } from "./app/utils/answer-save.server";

type AnswerSave = typeof answerSave;

const root = path.dirname(new URL(import.meta.url).pathname);
const buildEntry = path.join(root, "build/server/index.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const sources = Math.max(
    newestSource(path.join(root, "app")),
    statSync(path.join(root, "vite.config.ts")).mtimeMs,
  );
  if (existsSync(buildEntry) && statSync(buildEntry).mtimeMs >= sources) return;
  console.log("Building the app (first start or changed sources)…");
  const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
    stdio: "inherit",
    cwd: root,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function isSameOrigin(req: express.Request) {
  if (req.headers["sec-fetch-site"] === "cross-site") return false;
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

const workerCount = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? availableParallelism()));

if (cluster.isPrimary) {
  buildIfNeeded();
  if (workerCount > 1) {
    // In a child process, so the primary (which only watches its workers) stays small.
    const setup = spawnSync(process.execPath, [...process.execArgv, path.join(root, "scripts/setup.ts")], {
      stdio: "inherit",
    });
    if (setup.status !== 0) process.exit(setup.status ?? 1);
  } else {
    await (await import("./scripts/setup")).prepareDatabase();
  }
}
if (cluster.isPrimary && workerCount > 1) {
  runPrimary(workerCount);
} else {
  await serve();
}

function runPrimary(count: number) {
  let stopping = false;
  let quickExits = 0;
  const fork = (index: number) => {
    const startedAt = Date.now();
    const worker = cluster.fork({ WORKER_INDEX: String(index) });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      // A worker that dies at once again and again (port taken, database unreadable) will not get better.
      quickExits = Date.now() - startedAt < 10_000 ? quickExits + 1 : 0;
      if (quickExits > 3) {
        console.error("workers keep failing at start; stopping");
        process.exit(1);
      }
      console.error(`worker ${index} exited (${signal ?? code}); starting a new one`);
      setTimeout(() => fork(index), 500);
    });
  };
  for (let i = 1; i <= count; i++) fork(i);
  console.log(`Hội Thi: ${count} workers on one database`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
}

async function serve() {
  // Imported here, not at the top: the primary of a cluster never serves and need not load them.
  const [{ createRequestHandler }, { default: compression }, { default: express }] = await Promise.all([
    import("@remix-run/express"),
    import("compression"),
    import("express"),
  ]);
  const build = (await import(pathToFileURL(buildEntry).href)) as ServerBuild & {
    entry: {
      module: { sweep: () => Promise<number>; answerSave: AnswerSave; passwordQueueFull: () => boolean };
    };
  };

  const secureCookies = secureCookiesFrom(process.env);
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  // Past MAX_IN_FLIGHT requests at once, answer "busy, retry" at once rather than queue until timeouts.
  const limit = createInFlightLimit({ limit: Number(process.env.MAX_IN_FLIGHT ?? 256) });
  app.use((req, res, next) => {
    if (!limit.admit(req.path)) {
      const { type, body } = busyResponseBody(req.path);
      res.status(503).set("Retry-After", String(limit.retryAfterSeconds)).type(type).send(body);
      return;
    }
    res.once("close", () => limit.done());
    next();
  });

  const worker = process.env.WORKER_INDEX ?? "1";
  app.use((req, res, next) => {
    // Which worker answered: lets operators (and the cluster test) see that every worker serves.
    res.setHeader("X-Worker", worker);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    if (secureCookies) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    // Writes from another site are refused before they reach the app.
    if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
      res.status(403).type("text/plain").send("Forbidden: cross-origin request");
      return;
    }
    next();
  });

  // A wave of sign-ins: while this worker's password queue is full, refuse at once and cheaply.
  app.post(["/login", "/register"], (req, res, next) => {
    if (!build.entry.module.passwordQueueFull()) return next();
    const { type, body } = busyResponseBody(req.path);
    res.status(503).set("Retry-After", "5").type(type).send(body);
  });

  // The request residents send most goes straight to `answerSave`, past compression, the page
  // nonce and Remix's routing and web Request/Response objects (~3× less CPU per save, see
  // docs/benchmarks.md). The route module answers it with the same function under the dev server.
  app.post("/api/attempts/:id/answers", (req, res, next) => {
    let text = "";
    let tooLarge = false;
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      if (tooLarge) return; // read to the end, keep nothing
      text += chunk;
      if (text.length > 16_384) [tooLarge, text] = [true, ""];
    });
    req.on("end", () => {
      if (tooLarge) return void res.status(413).json({ error: "answer.invalid" });
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: answerSave answers 422
      }
      build.entry.module
        .answerSave({
          method: req.method,
          cookie: req.headers.cookie ?? null,
          attemptId: req.params.id,
          body,
          now: Date.now(),
        })
        .then((reply) => {
          // One write of headers and body (no ETag or content negotiation for a one-off JSON answer).
          const json = JSON.stringify(reply.json);
          res
            .writeHead(reply.status, {
              "Content-Type": "application/json; charset=utf-8",
              "Content-Length": Buffer.byteLength(json),
              ...reply.headers,
            })
            .end(json);
        }, next);
    });
  });

  app.use(compression());
  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    next();
  });

  app.use(
    "/assets",
    express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip }),
    }),
  );

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = app.listen(port, host, () => {
    if (worker === "1") console.log(`Hội Thi is serving on http://localhost:${port}`);
  });

  // Finalise attempts whose time is up even if no browser ever comes back (one worker is enough).
  const sweeper =
    worker === "1"
      ? setInterval(
          () => {
            build.entry.module.sweep().catch((error: unknown) => console.error("sweeper failed", error));
          },
          Number(process.env.SWEEP_INTERVAL_MS ?? 5000),
        )
      : undefined;

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      clearInterval(sweeper);
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 3000).unref();
    });
  }
}

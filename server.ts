/**
 * Production server: prepares the database, then serves Remix with security
 * headers, a same-origin check on writes, load shedding and the attempt
 * sweeper. `npm run build` compiles this file to build/server.js (plain
 * JavaScript, so no TypeScript loader sits in the memory of every process);
 * `npm start` builds first if the sources changed (scripts/build-if-needed.mjs).
 *
 * One worker per core (node:cluster) share the port and the database;
 * WEB_CONCURRENCY sets the number (1 = a single process, no cluster).
 * Sessions, sign-in throttles and attempts live in the database, so any
 * worker serves any request. Only worker 1 runs the sweeper.
 *
 * `npm run dev` runs this same file from source (tsx server.ts): one process,
 * the same front door, headers, CSP and sweeper, with Vite's dev server (hot
 * reload, no build) in place of the build and its compressed assets.
 */
import cluster from "node:cluster";
import type { ServerBuild } from "@remix-run/node";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as Express from "express";
import type * as entry from "./app/entry.server";
import type * as WriteTurns from "./db/write-turns";

// This file runs as build/server.js, next to the app's build; or as server.ts in development.
const dev = import.meta.url.endsWith(".ts");
const here = path.dirname(fileURLToPath(import.meta.url));
const buildDir = dev ? path.join(here, "build") : here;
const buildEntry = path.join(buildDir, "server/index.js");

const ANSWER_PATH = /^\/api\/attempts\/([^/]+)\/answers\/?$/;
const SUBMIT_PATH = /^\/api\/attempts\/([^/]+)\/submit\/?$/;

function isSameOrigin(req: http.IncomingMessage) {
  if (req.headers["sec-fetch-site"] === "cross-site") return false;
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The status an error from Express or its middleware asks for (4xx: the client's fault), else 500. */
function httpStatusOf(error: unknown) {
  const { status, statusCode } = (error ?? {}) as { status?: unknown; statusCode?: unknown };
  const code = Number(status ?? statusCode);
  return Number.isInteger(code) && code >= 400 && code < 600 ? code : 500;
}

// One Vite dev server, so one process in development.
const workerCount = dev ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY ?? availableParallelism()));
/** A worker's exit code for a configuration it cannot start with: the primary stops instead of restarting it. */
const EXIT_CONFIG = 78;

if (cluster.isPrimary) {
  // Migrations and demo data, in a child process that ends when done (scripts/setup.ts, compiled).
  const setup = spawnSync(
    process.execPath,
    dev ? ["--import", "tsx", path.join(here, "scripts/setup.ts")] : [path.join(buildDir, "setup.js")],
    { stdio: "inherit" },
  );
  if (setup.status !== 0) process.exit(setup.status ?? 1);
}
if (cluster.isPrimary && workerCount > 1) {
  // The workers take turns at writing to a database server (db/write-turns.ts, bundled by the build).
  const turns = (await import(
    pathToFileURL(path.join(buildDir, "write-turns.js")).href
  )) as typeof WriteTurns;
  turns.serveWriteTurns();
  runPrimary(workerCount);
} else {
  await serve();
}

function runPrimary(count: number) {
  let stopping = false;
  let quickExits = 0;
  let running = 0;
  let misconfigured = false;
  const fork = (index: number) => {
    const startedAt = Date.now();
    const worker = cluster.fork({
      WORKER_INDEX: String(index),
      // One glibc malloc arena: each argon2 hash takes 19 MB in whichever thread runs it, and with
      // an arena per thread each kept its own (~80 MB a worker); in one arena the next hash reuses
      // the block. Measured: 20 MB kept instead of 80, hashes as fast (docs/benchmarks.md).
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "1",
    });
    running++;
    worker.on("exit", (code, signal) => {
      running--;
      // A setting no worker can start with (worker 1 has said which): stop once they have all gone.
      if (code === EXIT_CONFIG) [stopping, misconfigured] = [true, true];
      if (misconfigured) {
        if (running === 0) process.exit(1);
        return;
      }
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
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = http.createServer(frontDoor);
  // Development: Vite compiles the app on request; its hot-reload socket shares our port (CSP: 'self').
  const vite = dev
    ? await (await import("vite")).createServer({ server: { middlewareMode: true, hmr: { server } } })
    : undefined;
  type Build = ServerBuild & { entry: { module: typeof entry } };
  const loadBuild = async () =>
    (vite
      ? await vite.ssrLoadModule("virtual:remix/server-build")
      : await import(pathToFileURL(buildEntry).href)) as Build;
  // The front door's helpers come from the app as it is at start (in development, edits to them
  // need a restart; routes reload as usual).
  const build = await loadBuild();
  const {
    answerSave,
    attemptSubmit,
    passwordQueueFull,
    secureCookiesFrom,
    busyResponseBody,
    createInFlightLimit,
    parseTrustProxy,
    refuseMalformed,
  } = build.entry.module;

  let trustProxy: ReturnType<typeof parseTrustProxy>;
  try {
    trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
  } catch (error) {
    // One line, no stack trace: a setting to fix, not a bug. In a cluster, worker 1 says it for all.
    if (process.env.WORKER_INDEX === undefined || process.env.WORKER_INDEX === "1")
      console.error(`Hội Thi cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(EXIT_CONFIG);
  }

  const secureCookies = secureCookiesFrom(process.env);
  const worker = process.env.WORKER_INDEX ?? "1";
  // Past MAX_IN_FLIGHT requests at once, answer "busy, retry" at once rather than queue until timeouts.
  const limit = createInFlightLimit({ limit: Number(process.env.MAX_IN_FLIGHT ?? 256) });

  /** 503 with Retry-After: a short Vietnamese page, or JSON for the API. */
  function refuse(res: http.ServerResponse, retryAfter: number, pathname: string) {
    const { type, body } = busyResponseBody(pathname);
    res.writeHead(503, { "Content-Type": type, "Retry-After": String(retryAfter) }).end(body);
  }

  /**
   * The front door, in plain node:http before Express: load shedding, the
   * headers every response carries, the same-origin check on writes, the
   * sign-in wave refusal, and answer saving, the request residents send most
   * (Express and Remix cost several times the save itself; docs/benchmarks.md).
   */
  function frontDoor(req: http.IncomingMessage, res: http.ServerResponse) {
    // What no route can answer gets its 4xx here, cheaply and without a line in the log.
    const malformed = refuseMalformed(req);
    if (malformed) {
      res.writeHead(malformed.status, { "X-Content-Type-Options": "nosniff", ...malformed.headers });
      res.end(req.method === "HEAD" ? undefined : malformed.body);
      return;
    }
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    if (!limit.admit(pathname)) return refuse(res, limit.retryAfterSeconds, pathname);
    res.once("close", limit.done);

    // Which worker answered: lets operators (and the cluster test) see that every worker serves.
    res.setHeader("X-Worker", worker);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    if (secureCookies) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (req.method === "GET" || req.method === "HEAD") return app(req, res);

    // Writes from another site are refused before they reach the app.
    if (!isSameOrigin(req)) {
      res.writeHead(403, { "Content-Type": "text/plain" }).end("Forbidden: cross-origin request");
      return;
    }
    const answerOf = ANSWER_PATH.exec(pathname);
    if (answerOf) return attemptPost(answerSave, req, res, answerOf[1]);
    // "Nộp bài" too: at the deadline everyone submits at once (docs/decisions/012-one-commit-submit.md).
    const submitOf = SUBMIT_PATH.exec(pathname);
    if (submitOf) return attemptPost(attemptSubmit, req, res, submitOf[1], 262_144);
    // A wave of sign-ins: while this worker's password queue is full, refuse at once and cheaply.
    if ((pathname === "/login" || pathname === "/register") && passwordQueueFull())
      return refuse(res, 5, pathname);
    app(req, res);
  }

  const app = express();
  app.disable("x-powered-by");
  // req.ip (the client address sign-in throttles and the audit log use) honours X-Forwarded-For
  // only from the proxies TRUST_PROXY trusts; docs/security.md has the set-up.
  app.set("trust proxy", trustProxy);
  app.use(compression());
  app.use(contentSecurityPolicy);

  if (vite) app.use(vite.middlewares);
  else {
    // Hashed assets, compressed at build time (scripts/build-server.mjs) when the browser accepts it.
    const assetsDir = path.join(buildDir, "client/assets");
    app.use("/assets", precompressed(assetsDir));
    app.use("/assets", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
    app.use(onlyFilePaths(express.static(path.join(buildDir, "client"), { maxAge: "1h" })));
  }
  app.all(
    "*",
    createRequestHandler({
      build: vite ? loadBuild : build,
      mode: vite ? "development" : "production",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip,
        dataRequest: req.path.endsWith(".data"),
      }),
    }),
  );
  // Express's own error page prints the stack of every error, a client's mistake included.
  app.use(plainErrorPage);

  server.listen(port, host, () => {
    if (worker === "1") console.log(`Hội Thi is serving on http://localhost:${port}`);
  });

  // Finalise attempts whose time is up even if no browser ever comes back (one worker is enough).
  const sweeper = worker === "1" ? startSweeper(build.entry.module.sweep) : undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      clearInterval(sweeper);
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 3000).unref();
    });
  }
}

/** The Content-Security-Policy of every page, with a fresh nonce for its scripts (res.locals.cspNonce). */
function contentSecurityPolicy(_req: Express.Request, res: Express.Response, next: Express.NextFunction) {
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
}

/**
 * The build's own files (sw.js, the icons, the web manifest) all have an extension; pages, their data
 * (`.data`) and the route manifest (`/__manifest`) never reach the disk. Asking the disk for them cost
 * a `stat` on every page and data request (docs/benchmarks.md, "Issue 21 (2): cheaper requests").
 */
function onlyFilePaths(serve: Express.RequestHandler): Express.RequestHandler {
  return (req, res, next) => {
    const name = req.path.slice(req.path.lastIndexOf("/") + 1);
    if (!name.includes(".") || name.endsWith(".data")) return next();
    return serve(req, res, next);
  };
}

/** Hashed assets, compressed at build time (scripts/build-server.mjs), when the browser accepts it. */
function precompressed(assetsDir: string) {
  return (req: Express.Request, res: Express.Response, next: Express.NextFunction) => {
    const accepts = String(req.headers["accept-encoding"] ?? "");
    const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
    const type = req.path.endsWith(".js") ? "text/javascript" : req.path.endsWith(".css") ? "text/css" : null;
    if (!encoding || !type || req.path.includes("..")) return next();
    const file = path.join(assetsDir, `${req.path}.${encoding === "br" ? "br" : "gz"}`);
    if (!existsSync(file)) return next();
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("Content-Type", `${type}; charset=utf-8`);
    res.sendFile(file, { maxAge: "1y", immutable: true });
  };
}

/**
 * POST /api/attempts/:id/answers straight to `answerSave` (the Remix route uses it too), and
 * POST /api/attempts/:id/submit to `attemptSubmit` likewise, with a larger body (the unsent answers).
 */
function attemptPost(
  handle: typeof entry.answerSave,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  attemptId: string,
  maxLength = 16_384,
) {
  let text = "";
  let tooLarge = false;
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => {
    if (tooLarge) return; // read to the end, keep nothing
    text += chunk;
    if (text.length > maxLength) [tooLarge, text] = [true, ""];
  });
  req.on("end", () => {
    const reply = (status: number, json: unknown, headers?: Record<string, string>) => {
      const body = JSON.stringify(json);
      res
        .writeHead(status, {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Length": Buffer.byteLength(body),
          ...headers,
        })
        .end(body);
    };
    if (tooLarge) return reply(413, { error: "answer.invalid" });
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: answerSave answers 422
    }
    handle({
      method: req.method ?? "POST",
      cookie: req.headers.cookie ?? null,
      attemptId, // attempt ids are URL-safe; anything else is simply not found
      body,
      now: Date.now(),
    }).then(
      (r) => reply(r.status, r.json, r.headers),
      (error: unknown) => {
        // Which of the two: "POST /api/attempts/…/answers" or "…/submit".
        console.error(`${req.method} ${req.url} failed`, error);
        reply(500, { error: "error.unexpected" });
      },
    );
  });
}

/** A plain-text error answer with the status alone: never a stack trace, a client's mistake included. */
function plainErrorPage(
  error: unknown,
  req: Express.Request,
  res: Express.Response,
  _next: Express.NextFunction,
) {
  const status = httpStatusOf(error);
  if (status >= 500) console.error(`${req.method} ${req.originalUrl.slice(0, 200)} failed:`, error);
  // Half a response is already out: all that is left is to end the connection.
  if (res.headersSent) return res.destroy();
  res
    .status(status)
    .type("text/plain")
    .send(http.STATUS_CODES[status] ?? "Error");
}

/** Runs the sweeper every SWEEP_INTERVAL_MS (5 s by default). */
function startSweeper(sweep: () => Promise<unknown>) {
  return setInterval(
    () => {
      sweep().catch((error: unknown) => console.error("sweeper failed", error));
    },
    Number(process.env.SWEEP_INTERVAL_MS ?? 5000),
  );
}

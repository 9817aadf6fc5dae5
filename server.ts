/**
 * Production server: builds the app if the build is missing or older than
 * the sources, prepares the database, then serves Remix through Express with
 * security headers, a same-origin check on writes, and the attempt sweeper.
 */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { prepareDatabase } from "./scripts/setup";
import { secureCookiesFrom } from "./app/utils/env.server";

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

buildIfNeeded();
await prepareDatabase();
const build = (await import(pathToFileURL(buildEntry).href)) as ServerBuild & {
  entry: { module: { sweep: () => Promise<number> } };
};

const secureCookies = secureCookiesFrom(process.env);
const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
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

app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
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
  console.log(`Hội Thi is serving on http://localhost:${port}`);
});

// Finalise attempts whose time is up even if no browser ever comes back.
const sweeper = setInterval(
  () => {
    build.entry.module.sweep().catch((error: unknown) => console.error("sweeper failed", error));
  },
  Number(process.env.SWEEP_INTERVAL_MS ?? 5000),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    clearInterval(sweeper);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}

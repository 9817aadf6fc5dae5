/**
 * `npm start`'s first step: runs `npm run build` when the build is missing or
 * older than the sources (first start, or after a `git pull`). Plain
 * JavaScript, so `npm start` needs no TypeScript loader.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function newest(entry) {
  if (!statSync(entry).isDirectory()) return statSync(entry).mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

// What the build is made of: the app, server.ts, and what build/setup.js bundles (migrations, seed).
const sources = Math.max(
  ...[
    "app",
    "db",
    "seeds",
    "tests/factories.ts",
    "scripts/setup.ts",
    "scripts/build-server.mjs",
    "server.ts",
    "vite.config.ts",
  ].map((p) => newest(path.join(root, p))),
);
const outputs = ["build/server/index.js", "build/server.js", "build/setup.js", "build/write-turns.js"].map(
  (p) => path.join(root, p),
);
if (!outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) {
  console.log("Building the app (first start or changed sources)…");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * `npm start`'s first step: runs `npm run build` when the build is missing or
 * older than the sources (first start, or after a `git pull`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

function newest(entry: string): number {
  if (!statSync(entry).isDirectory()) return statSync(entry).mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const sources = Math.max(
  ...["app", "db", "server.ts", "vite.config.ts"].map((p) => newest(path.join(root, p))),
);
const outputs = ["build/server/index.js", "build/server.js"].map((p) => path.join(root, p));
if (!outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) {
  console.log("Building the app (first start or changed sources)…");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

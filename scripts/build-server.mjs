/**
 * Compiles server.ts to build/server.js (part of `npm run build`): plain
 * JavaScript, so the production processes run without a TypeScript loader.
 * server.ts imports only Node.js, packages and the app's own build, so
 * removing its types is all the compiling it needs.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { outputText } = ts.transpileModule(readFileSync(path.join(root, "server.ts"), "utf8"), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  fileName: "server.ts",
});
mkdirSync(path.join(root, "build"), { recursive: true });
writeFileSync(path.join(root, "build/server.js"), outputText);

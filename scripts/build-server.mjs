/**
 * Compiles server.ts to build/server.js (part of `npm run build`), and
 * compresses the browser's assets ahead of time. server.js is plain
 * JavaScript, so the production processes run without a TypeScript loader.
 * server.ts imports only Node.js, packages and the app's own build, so
 * removing its types is all the compiling it needs.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { outputText } = ts.transpileModule(readFileSync(path.join(root, "server.ts"), "utf8"), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  fileName: "server.ts",
});
mkdirSync(path.join(root, "build"), { recursive: true });
writeFileSync(path.join(root, "build/server.js"), outputText);

// The browser's assets compressed once, at the highest levels, beside each file (served by server.ts
// when the browser accepts them): a slow phone downloads brotli at quality 11, not the on-the-fly 4.
const assets = path.join(root, "build/client/assets");
for (const name of readdirSync(assets)) {
  if (!/\.(js|css)$/.test(name)) continue;
  const body = readFileSync(path.join(assets, name));
  writeFileSync(
    path.join(assets, `${name}.br`),
    zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(path.join(assets, `${name}.gz`), zlib.gzipSync(body, { level: 9 }));
}

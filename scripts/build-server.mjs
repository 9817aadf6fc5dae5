/**
 * Compiles server.ts to build/server.js and scripts/setup.ts to build/setup.js
 * (part of `npm run build`), and compresses the browser's assets ahead of
 * time. Both are plain JavaScript, so `npm start` runs only Node.js, with no
 * TypeScript loader in memory and none among the production dependencies.
 * server.ts imports only Node.js, packages and the app's own build, so
 * removing its types is all the compiling it needs; setup.ts imports the
 * migrations, the seed and the models it uses, so it is bundled (packages
 * stay outside, in node_modules). db/write-turns.ts, which the cluster's
 * primary runs, is bundled likewise to build/write-turns.js.
 */
import esbuild from "esbuild";
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

// db/migrate.ts finds db/migrations beside itself (import.meta.url); in the bundle it still must,
// so there import.meta.url is its source file's address, relative to build/ (the tree moves whole).
const sourceFileUrl = {
  name: "source-file-url",
  setup(build) {
    build.onLoad({ filter: /[\\/]db[\\/]migrate\.ts$/ }, (args) => {
      const relative = path.relative(path.join(root, "build"), args.path).split(path.sep).join("/");
      const contents = readFileSync(args.path, "utf8").replaceAll(
        "import.meta.url",
        `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
      );
      return { contents, loader: "ts" };
    });
  },
};
// Packages stay imports from node_modules; our own path aliases (~/, #db/) are bundled.
const ownAliases = /^(~|#db)\//;
const packagesOutside = {
  name: "packages-outside",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      ownAliases.test(args.path) || path.isAbsolute(args.path)
        ? undefined
        : { path: args.path, external: true },
    );
  },
};
// The cluster primary's side of the workers' write turns (db/write-turns.ts) is bundled the same way.
await esbuild.build({
  entryPoints: {
    setup: path.join(root, "scripts/setup.ts"),
    "write-turns": path.join(root, "db/write-turns.ts"),
  },
  outdir: path.join(root, "build"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: path.join(root, "tsconfig.json"),
  plugins: [sourceFileUrl, packagesOutside],
  logLevel: "warning",
});

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

// Runs after `npm install` / `npm ci`. React 18.3.1's streaming server renderer
// writes its whole 2 KB buffer when a multi-byte character does not fit at the
// end, so the unused tail goes out as NUL bytes and Vietnamese text is garbled
// (facebook/react#24985). The fix writes only the bytes filled. Idempotent; it
// fails loudly if react-dom changes so the patch no longer applies.
// See docs/decisions/003-react-dom-stream-patch.md.
import { readFileSync, writeFileSync } from "node:fs";

const fixes = [
  {
    file: "node_modules/react-dom/cjs/react-dom-server.node.production.min.js",
    from: "d<b.length&&(t(a,k),k=new Uint8Array(2048)",
    to: "d<b.length&&(t(a,k.subarray(0,l)),k=new Uint8Array(2048)",
  },
  {
    file: "node_modules/react-dom/cjs/react-dom-server.node.development.js",
    from: "if (read < stringChunk.length) {\n    writeToDestination(destination, currentView);",
    to: "if (read < stringChunk.length) {\n    writeToDestination(destination, currentView.subarray(0, writtenBytes));",
  },
];

for (const { file, from, to } of fixes) {
  let source;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    continue; // react-dom not installed (e.g. a production-only install without it)
  }
  if (source.includes(to)) continue;
  if (!source.includes(from)) {
    console.error(`patch-react-dom: the expected code is not in ${file}; check docs/decisions/003.`);
    process.exit(1);
  }
  writeFileSync(file, source.replace(from, to));
}

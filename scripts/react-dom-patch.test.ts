import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createElement } from "react";
import { describe, expect, it } from "vitest";

// The files patches/react-dom+18.3.1.patch changes (decision 003): production is what `npm start`
// serves with, development what `npm run dev` and these tests use.
const require = createRequire(import.meta.url);
const builds = ["production.min", "development"] as const;

/** A list of short texts: written chunk by chunk into the renderer's 2 KB buffer. */
function render(file: string, items: string[]) {
  const server = require(file) as typeof import("react-dom/server");
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    sink.on("finish", () => resolve(Buffer.concat(chunks)));
    const stream = server.renderToPipeableStream(
      createElement(
        "ul",
        null,
        items.map((item, i) => createElement("li", { key: i }, item)),
      ),
      {
        onShellReady: () => stream.pipe(sink),
        onError: reject,
      },
    );
  });
}

describe("react-dom's streaming renderer (patched by patch-package)", () => {
  for (const build of builds) {
    it(`sends Vietnamese text intact, with no NUL bytes where a character crosses its buffer (${build})`, async () => {
      // Shifted by one to three bytes, so that some multi-byte character falls across the buffer's end.
      for (let shift = 0; shift < 3; shift++) {
        const items = Array.from(
          { length: 300 },
          (_, i) => `${"a".repeat(shift)}Tổ dân phố số ${i} — Phường Hòa Thuận`,
        );
        const body = await render(
          fileURLToPath(
            new URL(`../node_modules/react-dom/cjs/react-dom-server.node.${build}.js`, import.meta.url),
          ),
          items,
        );
        expect(
          body.includes(0),
          "a NUL byte: patches/react-dom+18.3.1.patch is not applied (npm ci applies it)",
        ).toBe(false);
        expect(body.toString("utf8")).toBe(`<ul>${items.map((item) => `<li>${item}</li>`).join("")}</ul>`);
      }
    });
  }
});

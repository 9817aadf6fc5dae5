import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { scanResidentTexts } from "./app/utils/resident-texts.server";
import { licenseNotices } from "./scripts/license-notices";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const EVERY_PAGE =
  /\/app\/(components\/ui\/(?!field|honeypot)|components\/device-storage|components\/early-input|components\/outbox-queue|utils\/i18n|utils\/format)/;

export default defineConfig(({ isSsrBuild }) => ({
  // The server bundle runs on Node 20 and may use top-level await; the browser bundle keeps Vite's default targets.
  // The browser bundle is minified by terser (a few KB smaller than esbuild's, issue 15); see docs/benchmarks.md.
  build: isSsrBuild
    ? { target: "node20" }
    : {
        minify: "terser",
        // No comments: the libraries' licence notices are served apart (scripts/license-notices.ts).
        terserOptions: { compress: { passes: 3 }, module: true, format: { comments: false } },
        rollupOptions: {
          output: {
            // What every page uses goes in one chunk with React and Remix: eight small chunks of
            // the quiz page were 4 KB of a slow phone's download and seven more round trips.
            // The form fields (ui/field.tsx) stay out: only pages with forms load them.
            manualChunks: (id: string) => (EVERY_PAGE.test(id) ? "app-core" : undefined),
          },
        },
      },
  // Which texts residents' pages carry (app/utils/page-messages.server.ts), read from the sources now.
  define: isSsrBuild ? { __RESIDENT_TEXTS__: JSON.stringify(scanResidentTexts()) } : {},
  plugins: [
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
      },
    }),
    tsconfigPaths(),
    isSsrBuild ? null : licenseNotices(),
  ],
}));

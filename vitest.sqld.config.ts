import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * The integration tests again, on libSQL's server (sqld) over HTTP instead of
 * the embedded file: `npm run test:sqld`. Left out: db/client.test.ts (the
 * embedded file's pragmas) and scripts/admin-commands.test.ts (backup with
 * VACUUM INTO a local file); tests/sqld/server-mode.test.ts covers the server's
 * side of those.
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: [
      "app/**/*.test.ts",
      "db/group-commit.test.ts",
      "db/prepared.test.ts",
      "seeds/**/*.test.ts",
      "tests/sqld/**/*.test.ts",
    ],
    globalSetup: ["tests/sqld/vitest.global-setup.ts"],
    setupFiles: ["tests/sqld/vitest.setup.ts", "tests/setup/vitest.setup.ts"],
    pool: "forks",
    // The tests mostly wait on HTTP round trips, so even two cores keep two workers busy.
    maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
    minWorkers: 1,
    testTimeout: 30_000,
  },
});

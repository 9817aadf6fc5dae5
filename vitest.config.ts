import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "seeds/**/*.test.ts", "scripts/**/*.test.ts", "tests/load/**/*.test.ts"],
    setupFiles: ["tests/setup/vitest.setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
  },
});

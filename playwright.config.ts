import { defineConfig, devices } from "@playwright/test";

// E2E_PORT and E2E_DIR let two developers' runs share one machine.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DIR = process.env.E2E_DIR ?? ".cache/e2e";
/** A copy of build/ (e.g. `cp -r build build-mine`, beside build/ as the server expects), so another developer's rebuild cannot swap the assets mid-run. */
const BUILD = process.env.E2E_BUILD ?? "build";
export const E2E_DB_FILE = `${DIR}/e2e.db`;
/** Specs that start servers (and nginx) of their own on ports 3111–3127. */
const OWN_SERVERS = /(reliability|fuzz|scale-out|cluster|reverse-proxy|malformed-requests)\.spec\.ts/;

/**
 * End-to-end tests against the production build in Debian's Chromium
 * (Playwright's own browser download is not available here).
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  // One retry: two client-side races seen once each in full runs this session (a superseded form
  // navigation's AbortError on the stage day, a lazy route-discovery fetch cut off in scale-out)
  // fail the strict console check. A retried test is listed as "flaky" in the report; a test that
  // fails twice still fails the run.
  retries: 1,
  timeout: 60_000,
  // Several browsers and the server share two cores: give assertions room under load.
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    ...devices["Pixel 7"],
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
    trace: "off",
  },
  projects: [
    { name: "app", testIgnore: OWN_SERVERS },
    // Tests that start, kill, starve or hammer servers of their own run after the rest,
    // so their load never slows the browser tests on this two-core machine.
    {
      name: "own-servers",
      testMatch: OWN_SERVERS,
      dependencies: ["app"],
    },
  ],
  webServer: {
    command: `rm -rf ${DIR} && mkdir -p ${DIR} && NODE_ENV=production DATABASE_URL=file:${E2E_DB_FILE} DATA_DIR=${DIR} PORT=${PORT} SWEEP_INTERVAL_MS=1000 node ${BUILD}/server.js`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});

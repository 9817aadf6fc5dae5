import { createClient } from "@libsql/client";
import http from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { signInCookie, startAttemptOver, startServer } from "./server-process";

// Servers of their own, one at a time.
test.describe.configure({ mode: "serial" });

const RESIDENT = "0900000005";
const COMMITTEE = "0900000003";
const PASSWORD = "hoithi2026";
const OPEN = "cchc-cds-2026";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One request on a connection of its own, so the kernel may hand it to any worker. */
function freshRequest(
  base: string,
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return new Promise<Reply>((resolve, reject) => {
    const request = http.request(
      `${base}${urlPath}`,
      { method, agent: false, headers: { Origin: base, Connection: "close", ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function signIn(base: string, phone: string, password: string) {
  return freshRequest(
    base,
    "POST",
    "/login",
    { "Content-Type": "application/x-www-form-urlencoded" },
    new URLSearchParams({ phone, password, redirectTo: "/" }).toString(),
  );
}

test("two workers share one database: sessions, answers and sign-in throttles hold whichever worker answers", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-cluster-"));
  const server = await startServer(dir, 3116, { WEB_CONCURRENCY: "2" });
  try {
    // The first worker answers as soon as it listens; the second may still be loading the app.
    const seen = new Set<string>();
    for (let i = 0; seen.size < 2 && i < 300; i++) {
      seen.add(String((await freshRequest(server.base, "GET", "/healthz")).headers["x-worker"]));
      if (seen.size < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect([...seen].sort()).toEqual(["1", "2"]);

    // Signed in on one worker, the resident saves every answer on fresh connections.
    const cookie = await signInCookie(server.base, RESIDENT, PASSWORD);
    const attemptId = await startAttemptOver(server.base, cookie, OPEN);
    const db = createClient({ url: `file:${path.join(dir, "hoithi.db")}`, intMode: "number" });
    const questions = (
      await db.execute({
        sql: "SELECT question_id, options FROM attempt_questions WHERE attempt_id = ?",
        args: [attemptId],
      })
    ).rows.map((r) => ({
      id: Number(r.question_id),
      options: (JSON.parse(String(r.options)) as { id: number }[]).map((o) => o.id),
    }));
    const savedBy = new Set<string>();
    for (const [i, q] of questions.entries()) {
      const reply = await freshRequest(
        server.base,
        "POST",
        `/api/attempts/${attemptId}/answers`,
        { Cookie: cookie, "Content-Type": "application/json" },
        JSON.stringify({ questionId: q.id, optionIds: [q.options[i % q.options.length]], base: 0 }),
      );
      expect(reply.status, reply.body).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: true, version: 1 });
      savedBy.add(String(reply.headers["x-worker"]));
    }
    expect([...savedBy].sort()).toEqual(["1", "2"]);
    const stored = await db.execute({
      sql: "SELECT question_id, selected FROM answers WHERE attempt_id = ?",
      args: [attemptId],
    });
    expect(new Map(stored.rows.map((r) => [Number(r.question_id), String(r.selected)]))).toEqual(
      new Map(questions.map((q, i) => [q.id, JSON.stringify([q.options[i % q.options.length]])])),
    );

    // Ten wrong passwords spread over both workers lock the account on both.
    const workersOfFailures = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const failed = await signIn(server.base, COMMITTEE, "sai-mat-khau");
      expect(failed.status).toBe(200);
      workersOfFailures.add(String(failed.headers["x-worker"]));
    }
    expect([...workersOfFailures].sort()).toEqual(["1", "2"]);
    for (let i = 0; i < 2; i++) {
      const locked = await signIn(server.base, COMMITTEE, PASSWORD);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    }
    db.close();
  } finally {
    await server.stop();
  }
});

test("overload: past the in-flight limit pages get 503 + Retry-After with a Vietnamese page at once, and serving resumes", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-shed-"));
  const server = await startServer(dir, 3117, { MAX_IN_FLIGHT: "2" });
  try {
    const replies = await Promise.all(
      Array.from({ length: 24 }, () => freshRequest(server.base, "GET", "/")),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(200);
    const shed = replies.find((r) => r.status === 503)!;
    expect(shed).toBeDefined();
    expect(shed.headers["retry-after"]).toBe("2");
    expect(shed.body).toContain("Hệ thống đang bận");
    expect((await freshRequest(server.base, "GET", "/")).status).toBe(200);
  } finally {
    await server.stop();
  }
});

test("a wave of sign-ins beyond the password queue gets 503 + Retry-After and a Vietnamese message, not a failed attempt", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-login-wave-"));
  const server = await startServer(dir, 3118, { LOGIN_QUEUE: "0" });
  try {
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => signIn(server.base, RESIDENT, PASSWORD)),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s !== 302 && s !== 503)).toEqual([]);
    expect(statuses).toContain(302);
    const busy = replies.find((r) => r.status === 503)!;
    expect(busy).toBeDefined();
    expect(Number(busy.headers["retry-after"])).toBeGreaterThan(0);
    expect(busy.body).toContain("Đang có rất nhiều người đăng nhập cùng lúc");
    // Refused for load, not for the password: the account is not locked and the next try works.
    expect((await signIn(server.base, RESIDENT, PASSWORD)).status).toBe(302);
  } finally {
    await server.stop();
  }
});

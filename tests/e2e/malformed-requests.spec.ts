import { createClient } from "@libsql/client";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { signInCookie, startAttemptOver, startServer } from "./server-process";

// A server of our own, to read what it writes to its log.
test.describe.configure({ mode: "serial" });

const PORT = 3126;
const PASSWORD = "hoithi2026";

type Probe = {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The status it must get; a list when either answer is right. */
  status: number | number[];
};

/** A request exactly as written: method, target and headers untouched (fetch would normalise them). */
function raw(probe: Probe) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        method: probe.method ?? "GET",
        path: probe.path,
        agent: false,
        headers: { Host: `127.0.0.1:${PORT}`, Origin: `http://127.0.0.1:${PORT}`, ...probe.headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on("error", reject);
    request.end(probe.body);
  });
}

test("malformed requests from strangers get a 4xx and leave no stack trace in the server's log", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-malformed-"));
  const server = await startServer(dir, PORT);
  const db = createClient({ url: `file:${path.join(dir, "hoithi.db")}`, intMode: "number" });
  try {
    const stage = Number((await db.execute("SELECT id FROM contests WHERE kind = 'stage'")).rows[0].id);
    const resident = await signInCookie(server.base, "0900000005", PASSWORD);
    const organiser = await signInCookie(server.base, "0900000002", PASSWORD);
    const judge = await signInCookie(server.base, "0900000006", PASSWORD);
    const attemptId = await startAttemptOver(server.base, resident, "cchc-cds-2026");
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const json = { "Content-Type": "application/json" };

    // prettier-ignore
    const probes: Probe[] = [
      // Remix's pre-single-fetch data requests: this one answered 500 with a stack trace each time.
      { name: "?_data= of the contest route", path: "/contests/cchc-2022?_data=routes%2Fcontests.%24slug", status: 400 },
      { name: "?_data= of an unknown route", path: "/contests/cchc-2022?_data=routes%2Fnope", status: 400 },
      { name: "?_data= of root", path: "/?_data=root", status: 400 },
      { name: "POST with ?_data=", method: "POST", path: "/contests/cchc-2022?_data=routes%2Fcontests.%24slug", headers: form, body: "x=1", status: 400 },
      // Single fetch: unknown route ids are simply not loaded; unknown paths are 404.
      { name: ".data with unknown _routes", path: "/contests/cchc-2022.data?_routes=routes%2Fnope", status: 200 },
      { name: ".data with garbage _routes", path: "/_root.data?_routes=%00%FF,,root", status: [200, 400] },
      { name: ".data of no route", path: "/khong-co.data", status: 404 },
      { name: "POST .data of no route", method: "POST", path: "/khong-co.data", headers: json, body: "{bad", status: [404, 405] },
      { name: "page of no route", path: "/khong-co-trang-nay", status: 404 },
      // Paths and URLs.
      { name: "broken percent-encoding", path: "/%E0%A4%A", status: 400 },
      { name: "broken percent-encoding in a param", path: "/contests/%E0%A4%A", status: 400 },
      { name: "broken percent-encoding under /assets", path: "/assets/%ZZ", status: 400 },
      { name: "a NUL in a param", path: "/contests/%00", status: 404 },
      { name: "an over-long URL", path: `/contests/${"a".repeat(9000)}`, status: 414 },
      { name: "a URL over Node's header limit", path: `/?q=${"a".repeat(20_000)}`, status: 431 },
      { name: "an absolute-form target", path: "http://evil.example/", status: 400 },
      { name: "a Host no URL can hold", path: "/", headers: { Host: "a b" }, status: 400 },
      { name: "an X-Forwarded-Host no URL can hold", path: "/", headers: { "X-Forwarded-Host": "%%%" }, status: 400 },
      // Methods.
      { name: "PROPFIND", method: "PROPFIND", path: "/", status: 405 },
      { name: "TRACE", method: "TRACE", path: "/", status: 405 },
      { name: "OPTIONS", method: "OPTIONS", path: "/api/contests.json", status: 405 },
      { name: "an unknown method", method: "FOO", path: "/", status: [400, 405] },
      { name: "DELETE on a page", method: "DELETE", path: "/", status: 405 },
      { name: "PUT on the sign-in form", method: "PUT", path: "/login", headers: form, body: "phone=1", status: 405 },
      { name: "POST to a page without an action", method: "POST", path: "/", headers: form, body: "x=1", status: 405 },
      { name: "POST to a JSON endpoint", method: "POST", path: "/api/contests.json", headers: form, body: "x=1", status: 405 },
      // Bodies.
      { name: "JSON to the sign-in form", method: "POST", path: "/login", headers: json, body: "{bad", status: 400 },
      { name: "text to the registration form", method: "POST", path: "/register", headers: { "Content-Type": "text/plain" }, body: "hello", status: 400 },
      { name: "multipart without a boundary to sign-in", method: "POST", path: "/login", headers: { "Content-Type": "multipart/form-data" }, body: "hello", status: 400 },
      { name: "a broken multipart body to sign-in", method: "POST", path: "/login", headers: { "Content-Type": "multipart/form-data; boundary=zz" }, body: "--zz\r\nbroken", status: 400 },
      { name: "a body of unknown length", method: "POST", path: "/login", headers: { ...form, "Transfer-Encoding": "chunked" }, body: "phone=1", status: 411 },
      { name: "a declared 1 GB body", method: "POST", path: "/login", headers: { ...form, "Content-Length": String(2 ** 30) }, status: 413 },
      { name: "bad JSON to answer saving, signed out", method: "POST", path: "/api/attempts/x/answers", headers: json, body: "{bad", status: 401 },
      { name: "bad JSON to answer saving", method: "POST", path: `/api/attempts/${attemptId}/answers`, headers: { ...json, Cookie: resident }, body: "{bad", status: 422 },
      { name: "bad JSON to submitting", method: "POST", path: `/api/attempts/${attemptId}/submit`, headers: { ...json, Cookie: resident }, body: "{bad", status: [200, 422] },
      { name: "bad JSON to a judge's score", method: "POST", path: `/api/stage/${stage}/scores`, headers: { ...json, Cookie: judge }, body: "{bad", status: 422 },
      { name: "an import without a multipart boundary", method: "POST", path: "/organiser/units", headers: { "Content-Type": "multipart/form-data", Cookie: organiser }, body: "hello", status: 400 },
      { name: "JSON to an organiser form", method: "POST", path: "/organiser/units", headers: { ...json, Cookie: organiser }, body: "{bad", status: 400 },
    ];

    const problems: string[] = [];
    for (const probe of probes) {
      const before = server.output().length;
      const reply = await raw(probe);
      // Whatever the server logs for this request is written before or right after it answers.
      await new Promise((r) => setTimeout(r, 100));
      const logged = server.output().slice(before);
      const expected = Array.isArray(probe.status) ? probe.status : [probe.status];
      if (!expected.includes(reply.status))
        problems.push(`${probe.name}: ${reply.status}, expected ${expected.join(" or ")}`);
      const lines = logged.split("\n").filter((line) => line.trim() !== "");
      if (lines.length > 1 || /^\s+at /m.test(logged))
        problems.push(`${probe.name}: logged ${lines.length} lines:\n${logged.slice(0, 600)}`);
    }
    expect(problems).toEqual([]);
    // Still serving, and answering the pages that matter.
    expect((await raw({ name: "home", path: "/", status: 200 })).status).toBe(200);
  } finally {
    db.close();
    await server.stop();
  }
});

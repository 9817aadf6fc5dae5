import { createClient } from "@libsql/client";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { signInCookie, startAttemptOver, startServer } from "./server-process";

/**
 * Every form the app shows and every JSON endpoint, fed random, oversized,
 * wrongly typed and malicious values on a server of its own: never a 500,
 * no stored script runs when the data is shown, the database stays whole.
 */

const PASSWORD = "hoithi2026";
const MARK = "window.__xss=1";
const NASTY = [
  "",
  " ",
  "0",
  "-1",
  "-99999999999999999999",
  "1e308",
  "NaN",
  "9007199254740993",
  "3.14159",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" UNION SELECT password_hash FROM users --',
  `<script>${MARK}</script>`,
  `<img src=x onerror="${MARK}">`,
  `"><svg onload="${MARK}">`,
  "javascript:alert(1)",
  "../../etc/passwd",
  "%00%ff",
  "\u0000\u202e\ud83d\ude00 Tổ dân phố",
  "x".repeat(1_000_000),
  "🙂".repeat(5000),
  "true",
  "null",
  "[]",
  "{}",
];

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * One POST on a connection of its own: a server may drop a connection whose
 * oversized body it answered without reading, and a reused keep-alive socket
 * would then fail the next, unrelated request.
 */
function post(url: string, headers: Record<string, string>, body: string | Buffer) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

type FormInfo = { action: string; fields: Map<string, string[]> };

/** The POST forms of a page, with their field names and the values of hidden fields (intents). */
function formsOf(html: string, pageUrl: string): FormInfo[] {
  const forms: FormInfo[] = [];
  for (const match of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/i.test(match[1])) continue;
    const action = /action="([^"]*)"/.exec(match[1])?.[1] ?? new URL(pageUrl).pathname;
    const fields = new Map<string, string[]>();
    for (const input of match[2].matchAll(/<(input|select|textarea|button)([^>]*)>/g)) {
      const name = /name="([^"]+)"/.exec(input[2])?.[1];
      if (!name || /type="file"/.test(input[2])) continue;
      const value = /value="([^"]*)"/.exec(input[2])?.[1];
      fields.set(name, [...(fields.get(name) ?? []), ...(value !== undefined ? [value] : [])]);
    }
    forms.push({ action: action.replaceAll("&amp;", "&"), fields });
  }
  return forms;
}

function nastyValue(next: () => number) {
  return NASTY[Math.floor(next() * NASTY.length)];
}

function nastyJson(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * 8);
  if (depth > 2 || pick < 3) return nastyValue(next);
  if (pick === 3) return Math.floor(next() * 2 ** 53) * (next() < 0.5 ? -1 : 1);
  if (pick === 4) return null;
  if (pick === 5) return Array.from({ length: Math.floor(next() * 4) }, () => nastyJson(next, depth + 1));
  if (pick === 6) return next() < 0.5;
  return Object.fromEntries(
    [
      "questionId",
      "optionIds",
      "seq",
      "base",
      "prediction",
      "unsent",
      "partId",
      "teamId",
      "values",
      "comment",
      "x",
    ]
      .filter(() => next() < 0.5)
      .map((k) => [k, nastyJson(next, depth + 1)]),
  );
}

test("fuzzing every form and JSON endpoint never gives a 500, never runs a stored script, and leaves the database whole", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-fuzz-"));
  const file = path.join(dir, "hoithi.db");
  const server = await startServer(dir, 3115);
  const db = createClient({ url: `file:${file}`, intMode: "number" });
  const one = async (sql: string) => (await db.execute(sql)).rows[0];
  try {
    const base = server.base;
    const ids = {
      open: Number((await one("SELECT id FROM contests WHERE slug = 'cchc-cds-2026'")).id),
      c2022: Number((await one("SELECT id FROM contests WHERE slug = 'cchc-2022'")).id),
      stage: Number((await one("SELECT id FROM contests WHERE kind = 'stage'")).id),
      question: Number((await one("SELECT id FROM questions LIMIT 1")).id),
    };
    const part = Number(
      (await one(`SELECT id FROM stage_parts WHERE contest_id = ${ids.stage} AND scoring = 'judges'`)).id,
    );
    const team = Number(
      (await one(`SELECT id FROM teams WHERE contest_id = ${ids.stage} AND number = 2`)).id,
    );
    const cookies = {
      anonymous: "",
      resident: await signInCookie(base, "0900000005", PASSWORD),
      organiser: await signInCookie(base, "0900000002", PASSWORD),
      committee: await signInCookie(base, "0900000003", PASSWORD),
      judge: await signInCookie(base, "0900000006", PASSWORD),
    };
    const attemptId = await startAttemptOver(base, cookies.resident, "cchc-cds-2026");
    // The browser that will look at the stored values signs in before the fuzzing locks sign-ins.
    // Chromium keeps Secure cookies over plain HTTP for "localhost" only.
    const context = await browser.newContext({ baseURL: base.replace("127.0.0.1", "localhost") });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Số điện thoại").fill("0900000002");
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
    const pages: [keyof typeof cookies, string][] = [
      ["anonymous", "/register"],
      ["resident", "/contests/cchc-cds-2026"],
      ["organiser", "/organiser/units"],
      ["organiser", "/organiser/questions/new"],
      ["organiser", `/organiser/questions/${ids.question}`],
      ["organiser", "/organiser/contests/new"],
      ["organiser", `/organiser/contests/${ids.open}`],
      ["organiser", `/organiser/contests/${ids.open}/teams`],
      ["organiser", "/organiser/accounts"],
      ["organiser", "/organiser/assist"],
      ["organiser", "/organiser/stage/new"],
      ["organiser", `/organiser/stage/${ids.stage}`],
      ["organiser", `/organiser/stage/${ids.stage}/parts`],
      ["organiser", `/organiser/stage/${ids.stage}/live`],
      ["organiser", `/organiser/stage/${ids.stage}/order`],
      ["committee", `/committee/stage/${ids.stage}`],
      ["committee", `/committee/contests/${ids.c2022}`],
      ["judge", `/judge/contests/${ids.stage}/parts/${part}/teams/${team}`],
      ["anonymous", "/login"],
      ["anonymous", "/reset-password"],
      ["resident", "/me/profile"],
    ];

    const next = random(20261123);
    const failures: string[] = [];
    const check = (label: string, response: { status: number; text: string }) => {
      if (response.status >= 500)
        failures.push(`${label} → ${response.status}: ${response.text.slice(0, 200)}`);
    };
    let forms = 0;
    for (const [role, url] of pages) {
      const html = await (await fetch(`${base}${url}`, { headers: { Cookie: cookies[role] } })).text();
      for (const form of formsOf(html, `${base}${url}`)) {
        forms++;
        for (let i = 0; i < 12; i++) {
          const body = new URLSearchParams();
          for (const [name, values] of form.fields) {
            // Keep the form's own intent half the time, to reach the code behind it.
            if (values.length && (name === "intent" || name === "redirectTo") && next() < 0.5)
              body.append(name, values[0]);
            else if (next() < 0.9) body.append(name, nastyValue(next));
          }
          if (next() < 0.2) body.append(nastyValue(next).slice(0, 50) || "x", nastyValue(next));
          // Now and then, bytes that are not UTF-8 at all.
          const payload =
            next() < 0.1
              ? Buffer.concat([Buffer.from(body.toString()), Buffer.from([0xff, 0xfe, 0xc3])])
              : body.toString();
          const response = await post(
            `${base}${form.action}`,
            { Origin: base, Cookie: cookies[role], "Content-Type": "application/x-www-form-urlencoded" },
            payload,
          );
          check(`${role} POST ${form.action}`, response);
        }
      }
    }
    expect(forms).toBeGreaterThan(25);

    const json: [keyof typeof cookies, string][] = [
      ["resident", `/api/attempts/${attemptId}/answers`],
      ["resident", `/api/attempts/${attemptId}/submit`],
      ["judge", `/api/stage/${ids.stage}/scores`],
      ["anonymous", `/api/attempts/${attemptId}/answers`],
    ];
    for (const [role, url] of json) {
      for (let i = 0; i < 40; i++) {
        const raw = i % 10 === 9 ? "{not json" : JSON.stringify(nastyJson(next));
        const response = await post(
          `${base}${url}`,
          { Origin: base, Cookie: cookies[role], "Content-Type": "application/json" },
          raw,
        );
        check(`${role} POST ${url}`, response);
      }
    }
    for (const url of [
      "/api/contests.json",
      "/api/contests/%3Cscript%3E/stats.json",
      "/contests/'%20OR%201=1--",
    ]) {
      const response = await fetch(`${base}${url}`);
      check(`GET ${url}`, { status: response.status, text: await response.text() });
    }
    expect(failures).toEqual([]);

    // Whatever was stored is shown as text: no script of ours runs on the pages that list it.
    const dialogs: string[] = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    for (const url of [
      "/",
      "/organiser/units",
      "/organiser/questions",
      "/organiser/accounts",
      "/organiser/contests",
      `/organiser/contests/${ids.open}/teams`,
      `/organiser/stage/${ids.stage}/parts`,
      "/organiser/audit",
      "/register",
    ]) {
      await page.goto(url);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss), url).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
    await context.close();

    // Nothing half-written: the file is sound and no row points at a missing one.
    expect((await one("PRAGMA integrity_check"))[0]).toBe("ok");
    expect((await db.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
  } finally {
    db.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

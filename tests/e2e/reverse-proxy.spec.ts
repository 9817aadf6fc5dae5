import { createClient } from "@libsql/client";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { startServer } from "./server-process";

// A real nginx from Debian's packages in front of a server of our own; one at a time.
test.describe.configure({ mode: "serial" });

const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const APP_PORT = 3124;
const PROXY_PORT = 3125;
const START_CHECK_PORT = 3127;
const HOST = `hoithi.test:${PROXY_PORT}`;
const ORIGIN = `https://${HOST}`;
const RESIDENT = "0900000005";
const PASSWORD = "hoithi2026";
const WRONG = "Số điện thoại hoặc mật khẩu không đúng.";
const NEEDS_HTTPS = "Trang đang được mở qua HTTP không mã hóa";
/** What a page shows: its HTML without scripts (the loader data carries every text the page may show). */
const shown = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");

/** Fails (never skips) when a tool the test needs is missing, saying how to get it. */
function need(file: string, install: string) {
  if (!existsSync(file))
    throw new Error(`${file} is missing: this test needs it (${install}; .ci/run does this)`);
}

/** A self-signed certificate for hoithi.test and 127.0.0.1: TLS ends at the proxy, as in production. */
function makeCertificate(dir: string) {
  need("/usr/bin/openssl", "apt-get install openssl");
  // prettier-ignore
  const made = spawnSync("/usr/bin/openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
    "-subj", "/CN=hoithi.test", "-addext", "subjectAltName=DNS:hoithi.test,IP:127.0.0.1",
  ], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  return readFileSync(path.join(dir, "cert.pem"), "utf8");
}

/**
 * nginx as docs/security.md's sample sets it up: TLS, kept-alive connections to
 * the app, the client's address appended to X-Forwarded-For, the scheme in
 * X-Forwarded-Proto, the Host the browser sent ($http_host keeps the port,
 * which this test's non-standard port needs), and a client's own
 * X-Forwarded-Host dropped. Everything nginx writes stays in dir.
 */
async function startNginx(dir: string) {
  need(NGINX, "apt-get install nginx-light, or set NGINX_PATH");
  for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, sub));
  // As root, nginx's workers run as nobody and must reach their temp directories.
  chmodSync(dir, 0o755);
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream hoithi {
    server 127.0.0.1:${APP_PORT};
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${PROXY_PORT} ssl;
    server_name hoithi.test;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    client_max_body_size 8m;
    location / {
      proxy_pass http://hoithi;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host "";
    }
  }
}
`,
  );
  const proc: ChildProcess = spawn(NGINX, ["-p", dir, "-e", path.join(dir, "error.log"), "-c", conf], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout?.on("data", (chunk) => (output += chunk));
  proc.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const log = () =>
    `${output}${existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : ""}`;
  return {
    exited: () => proc.exitCode !== null,
    log,
    stop: async () => {
      if (proc.exitCode === null) proc.kill("SIGQUIT");
      await exited;
    },
  };
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** One HTTPS request to the proxy from a chosen loopback address (Linux routes all of 127/8 to lo). */
function viaProxy(
  ca: string,
  from: string,
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return new Promise<Reply>((resolve, reject) => {
    const request = https.request(
      {
        host: "127.0.0.1",
        port: PROXY_PORT,
        localAddress: from,
        servername: "hoithi.test",
        ca,
        method,
        path: urlPath,
        agent: false,
        headers: { Host: HOST, Origin: ORIGIN, ...headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function signIn(
  ca: string,
  from: string,
  phone: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return viaProxy(
    ca,
    from,
    "POST",
    "/login",
    { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    new URLSearchParams({ phone, password, redirectTo: "/" }).toString(),
  );
}

/** Failed sign-ins as the audit log recorded them: which phone, from which address. */
async function failedSignIns(dbFile: string) {
  const client = createClient({ url: `file:${dbFile}`, intMode: "number" });
  try {
    const { rows } = await client.execute(
      "SELECT entity_id, ip FROM audit_log WHERE action = 'auth.loginFailed' ORDER BY id",
    );
    return rows.map((r) => ({ phone: String(r.entity_id), ip: r.ip === null ? null : String(r.ip) }));
  } finally {
    client.close();
  }
}

async function auditedIps(dbFile: string, action: string) {
  const client = createClient({ url: `file:${dbFile}`, intMode: "number" });
  try {
    const { rows } = await client.execute({
      sql: "SELECT ip FROM audit_log WHERE action = ? ORDER BY id",
      args: [action],
    });
    return rows.map((r) => String(r.ip));
  } finally {
    client.close();
  }
}

test("behind nginx with TRUST_PROXY=1: each client is known by its own address, forged X-Forwarded-For changes nothing, and one address's failures never block another's sign-in", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(tmpdir(), "hoithi-proxy-"));
  const appDir = path.join(dir, "app");
  mkdirSync(appDir);
  const ca = makeCertificate(dir);
  // Only the proxy reaches the app (HOST=127.0.0.1), and the app trusts that one hop.
  const app = await startServer(appDir, APP_PORT, { TRUST_PROXY: "1", HOST: "127.0.0.1" });
  const nginx = await startNginx(dir);
  try {
    for (let i = 0; ; i++) {
      if (nginx.exited()) throw new Error(`nginx exited:\n${nginx.log()}`);
      const up = await viaProxy(ca, "127.0.0.1", "GET", "/healthz").then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      if (i > 100) throw new Error(`nginx did not start:\n${nginx.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const db = path.join(appDir, "hoithi.db");

    // The proxy said the page came over HTTPS, so the sign-in page does not warn that the
    // Secure cookie will be dropped; asked over plain HTTP with the same name, it does.
    const login = await viaProxy(ca, "127.0.0.2", "GET", "/login");
    expect(login.status).toBe(200);
    expect(login.text).toContain("Đăng nhập");
    expect(shown(login.text)).not.toContain(NEEDS_HTTPS);
    const direct = await new Promise<string>((resolve, reject) => {
      // node:http, not fetch: fetch may not set Host.
      const request = http.get(
        { host: "127.0.0.1", port: APP_PORT, path: "/login", headers: { Host: `hoithi.test:${APP_PORT}` } },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve(text));
        },
      );
      request.on("error", reject);
    });
    expect(shown(direct)).toContain(NEEDS_HTTPS);

    // Three clients with one wrong password each: the audit log has each one's own address.
    for (const from of ["127.0.0.2", "127.0.0.3", "127.0.0.4"]) {
      const reply = await signIn(ca, from, RESIDENT, "sai-mat-khau");
      expect(reply.status).toBe(200);
      expect(reply.text).toContain(WRONG);
    }
    expect((await failedSignIns(db)).map((r) => r.ip)).toEqual(["127.0.0.2", "127.0.0.3", "127.0.0.4"]);

    // Client A (127.0.0.2) guesses across many phones, each time claiming in X-Forwarded-For to be
    // client B (127.0.0.3) or somebody else, until the app stops it or it has tried 110 times
    // (more than the 100 failures that stop an address today). nginx appends A's real address,
    // and the app believes only that last hop.
    const forged = ["127.0.0.3", "203.0.113.7, 127.0.0.3", "198.51.100.1"];
    const statuses: number[] = [];
    for (let i = 0; i < 110; i++) {
      const reply = await signIn(ca, "127.0.0.2", `087${String(i).padStart(7, "0")}`, "sai-mat-khau", {
        "X-Forwarded-For": forged[i % forged.length],
      });
      statuses.push(reply.status);
      expect([200, 429]).toContain(reply.status);
      if (reply.status === 429) break;
    }
    test.info().annotations.push({
      type: "address throttle",
      description: `client A was answered 429 after ${statuses.indexOf(429)} failures (-1: not within 110)`,
    });
    const aFailures = (await failedSignIns(db)).filter((r) => r.phone.startsWith("087"));
    expect(aFailures.length).toBeGreaterThan(0);
    expect(new Set(aFailures.map((r) => r.ip))).toEqual(new Set(["127.0.0.2"]));

    // B, whose address A tried to use, signs in with the right password: A's failures are A's alone.
    const b = await signIn(ca, "127.0.0.3", RESIDENT, PASSWORD, { "X-Forwarded-For": "127.0.0.2" });
    expect(b.status).toBe(302);
    const cookie = String(b.headers["set-cookie"]).split(";")[0];
    expect(String(b.headers["set-cookie"])).toMatch(/^__Host-hoithi=.*; Secure/i);
    expect((await viaProxy(ca, "127.0.0.3", "GET", "/me/entries", { Cookie: cookie })).status).toBe(200);
    expect((await auditedIps(db, "auth.login")).at(-1)).toBe("127.0.0.3");

    // A real browser through the proxy over TLS: the resident signs in and stays signed in.
    const context = await browser.newContext({
      baseURL: `https://127.0.0.1:${PROXY_PORT}`,
      ignoreHTTPSErrors: true,
    });
    try {
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Số điện thoại").fill(RESIDENT);
      await page.getByLabel("Mật khẩu").fill(PASSWORD);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
      await page.goto("/me/entries");
      await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
    } finally {
      await context.close();
    }
    expect((await auditedIps(db, "auth.login")).at(-1)).toBe("127.0.0.1");
  } finally {
    await nginx.stop();
    await app.stop();
  }
});

test("TRUST_PROXY: true and a number start the server; an invalid value stops it with one line and no stack trace", async () => {
  test.setTimeout(120_000);
  for (const value of ["true", "2", "loopback, 10.0.0.0/8"]) {
    const server = await startServer(mkdtempSync(path.join(tmpdir(), "hoithi-trust-")), START_CHECK_PORT, {
      TRUST_PROXY: value,
    });
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    await server.stop();
  }
  for (const workers of ["1", "2"]) {
    const dir = mkdtempSync(path.join(tmpdir(), "hoithi-trust-"));
    const run = spawnSync(process.execPath, ["build/server.js"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATA_DIR: dir,
        DATABASE_URL: `file:${path.join(dir, "hoithi.db")}`,
        PORT: String(START_CHECK_PORT),
        WEB_CONCURRENCY: workers,
        TRUST_PROXY: "yes",
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, `${workers} worker(s)`).not.toBe(0);
    const complaints = run.stderr.split("\n").filter((line) => line.includes("TRUST_PROXY"));
    expect(complaints, run.stderr).toHaveLength(1);
    expect(complaints[0]).toContain('Hội Thi cannot start: TRUST_PROXY="yes"');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }
});

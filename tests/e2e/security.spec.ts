import type { APIRequestContext } from "@playwright/test";
import { eq, gt } from "drizzle-orm";
import { auditLog, users } from "#db/schema";
import { createUser, TEST_PASSWORD } from "../factories";
import { e2eDb, expect, test, uniquePhone } from "./fixtures";

const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

function signIn(
  request: APIRequestContext,
  phone: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return request.post("/login", {
    form: { phone, password, redirectTo: "/" },
    headers: { Origin: ORIGIN, ...headers },
    maxRedirects: 0,
  });
}

const cookieOf = (setCookie: string | undefined) => (setCookie ?? "").split(";")[0];

/** Whether a request with exactly this cookie is signed in. */
async function signedIn(request: APIRequestContext, cookie: string) {
  const response = await request.get("/me/entries", { headers: { Cookie: cookie }, maxRedirects: 0 });
  return response.status() === 200;
}

test("the session cookie is __Host-, HttpOnly, Secure and SameSite=Lax; sign-in gives a new id and old ids stop working", async ({
  playwright,
}) => {
  const db = await e2eDb();
  const user = await createUser(db, { phone: uniquePhone() });
  const request = await playwright.request.newContext({ baseURL: ORIGIN });

  const first = await signIn(request, user.phone, TEST_PASSWORD);
  expect(first.status()).toBe(302);
  const setCookie = first.headers()["set-cookie"];
  expect(setCookie).toMatch(/^__Host-hoithi=/);
  expect(setCookie).toMatch(/; HttpOnly/i);
  expect(setCookie).toMatch(/; Secure/i);
  expect(setCookie).toMatch(/; SameSite=Lax/i);
  expect(setCookie).toMatch(/; Path=\//i);
  expect(setCookie).not.toMatch(/Domain=/i);
  const oldCookie = cookieOf(setCookie);
  expect(await signedIn(request, oldCookie)).toBe(true);

  // Signing in again from the same browser: a new id, and the one it held before is dead.
  const second = await signIn(request, user.phone, TEST_PASSWORD, { Cookie: oldCookie });
  const newCookie = cookieOf(second.headers()["set-cookie"]);
  expect(newCookie).not.toBe(oldCookie);
  expect(await signedIn(request, newCookie)).toBe(true);
  expect(await signedIn(request, oldCookie)).toBe(false);

  // Signing out ends it on the server, not only in the browser.
  const logout = await request.post("/logout", {
    headers: { Origin: ORIGIN, Cookie: newCookie },
    maxRedirects: 0,
  });
  expect(logout.status()).toBe(302);
  expect(await signedIn(request, newCookie)).toBe(false);
});

test("known and unknown phones get the same answer at sign-in, in status, body and time", async ({
  playwright,
}) => {
  const db = await e2eDb();
  // Several phones of each kind, fewer than ten tries each, so the throttle locks none of them.
  const knownPhones = [];
  for (let i = 0; i < 3; i++) knownPhones.push((await createUser(db, { phone: uniquePhone() })).phone);
  const unknownPhones = [uniquePhone(), uniquePhone(), uniquePhone()];
  const request = await playwright.request.newContext({ baseURL: ORIGIN });
  const attempt = async (phone: string) => {
    const start = performance.now();
    const response = await signIn(request, phone, "sai-mat-khau-nhe");
    const ms = performance.now() - start;
    return { status: response.status(), body: (await response.text()).replaceAll(phone, "PHONE"), ms };
  };
  const known: Awaited<ReturnType<typeof attempt>>[] = [];
  const other: Awaited<ReturnType<typeof attempt>>[] = [];
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 3; j++) {
      known.push(await attempt(knownPhones[j]));
      other.push(await attempt(unknownPhones[j]));
    }
  }
  expect(new Set([...known, ...other].map((r) => r.status))).toEqual(new Set([200]));
  expect(known[0].body).toContain("Số điện thoại hoặc mật khẩu không đúng.");
  // Pages differ only in the per-request CSP nonce.
  const strip = (body: string) => body.replace(/nonce="[^"]+"/g, "");
  expect(strip(other[0].body)).toBe(strip(known[0].body));
  // Other tests share the two cores; the fastest of many tries is the cost without their noise.
  const [k, u] = [Math.min(...known.map((r) => r.ms)), Math.min(...other.map((r) => r.ms))];
  expect(Math.abs(k - u) / Math.max(k, u)).toBeLessThan(0.2);
});

test("HTML responses carry an enforced nonce CSP, nosniff, a referrer policy, frame-ancestors and HSTS", async ({
  page,
}) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("'unsafe-inline' 'nonce");
  expect(headers["content-security-policy-report-only"]).toBeUndefined();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  // Every script the page runs carries this response's nonce.
  const scripts = await page
    .locator("script")
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(new Set(scripts)).toEqual(new Set([nonce]));
});

test("writes from another site are refused with 403 and change nothing", async ({ playwright }) => {
  const db = await e2eDb();
  const phone = uniquePhone();
  const request = await playwright.request.newContext({ baseURL: ORIGIN });
  const form = {
    fullName: "Kẻ Giả Mạo",
    birthYear: "1990",
    phone,
    password: "matkhau-an-toan",
    unit: "1",
    consent: "on",
  };
  const foreign: Record<string, string>[] = [
    { Origin: "https://evil.example" },
    { "Sec-Fetch-Site": "cross-site" },
  ];
  for (const headers of foreign) {
    const response = await request.post("/register", { form, headers, maxRedirects: 0 });
    expect(response.status()).toBe(403);
  }
  expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(0);
  // The same form from this site does register (the refusal above was the origin, not the form).
  const own = await request.post("/register", { form, headers: { Origin: ORIGIN }, maxRedirects: 0 });
  expect(own.status()).toBe(302);
  expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(1);
});

test("a bot that fills the hidden honeypot field gets no account and no sign-in", async ({
  page,
  playwright,
}) => {
  const db = await e2eDb();
  const phone = uniquePhone();
  const request = await playwright.request.newContext({ baseURL: ORIGIN });
  const response = await request.post("/register", {
    form: {
      fullName: "Máy Tự Điền",
      birthYear: "1990",
      phone,
      password: "matkhau-an-toan",
      unit: "1",
      consent: "on",
      contact_me_by_fax: "http://spam.example",
    },
    headers: { Origin: ORIGIN },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("Yêu cầu không hợp lệ");
  expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(0);

  const user = await createUser(db, { phone: uniquePhone() });
  const login = await request.post("/login", {
    form: { phone: user.phone, password: TEST_PASSWORD, contact_me_by_fax: "x" },
    headers: { Origin: ORIGIN },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(200);

  // People never meet the field: it is out of the tab order and hidden from screen readers.
  await page.goto("/register");
  const trap = page.locator('input[name="contact_me_by_fax"]');
  await expect(trap).toHaveAttribute("tabindex", "-1");
  await expect(page.getByRole("textbox", { name: "Để trống ô này" })).toHaveCount(0);
});

test("the audit log records sign-ins, failures and sign-outs, never a password or a session id", async ({
  playwright,
}) => {
  const db = await e2eDb();
  const since = Date.now() - 1000;
  const user = await createUser(db, { phone: uniquePhone() });
  const request = await playwright.request.newContext({ baseURL: ORIGIN });
  await signIn(request, user.phone, "mat-khau-sai-1");
  const ok = await signIn(request, user.phone, TEST_PASSWORD);
  const cookie = cookieOf(ok.headers()["set-cookie"]);
  await request.post("/logout", { headers: { Origin: ORIGIN, Cookie: cookie }, maxRedirects: 0 });

  const log = await db.select().from(auditLog).where(gt(auditLog.at, since));
  const mine = log.filter((e) => e.actorUserId === user.id || e.entityId === user.phone);
  expect(mine.map((e) => e.action)).toEqual(["auth.loginFailed", "auth.login", "auth.logout"]);
  const everything = JSON.stringify(log);
  for (const secret of [TEST_PASSWORD, "mat-khau-sai-1", decodeURIComponent(cookie.split("=")[1])])
    expect(everything).not.toContain(secret);
});

import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import net from "node:net";
import { openDatabase, type Db } from "#db/client";
import { attemptQuestions, contests, stageJudges, stageParts, teams, users } from "#db/schema";
import { createContest } from "../factories";

const DB_URL = `file:${process.env.E2E_DIR ?? ".cache/e2e"}/e2e.db`;

let shared: Promise<Db> | undefined;
/** The same database file the server under test uses (embedded libSQL, WAL). */
export function e2eDb() {
  shared ??= openDatabase(DB_URL).then(({ db }) => db);
  return shared;
}

/** A contest made for one test, drawing from the demo bank. */
export async function makeContest(values: Parameters<typeof createContest>[1] = {}) {
  const db = await e2eDb();
  return createContest(db, {
    draw: {
      mode: "category",
      rules: [
        { category: "CCHC", count: 3 },
        { category: "CDS", count: 2 },
      ],
    },
    timeLimitSec: 600,
    ...values,
  });
}

/**
 * A stage contest of one part and one team, opening in ten days, judged by
 * the demo judge with this phone: the judge's score sheet and its parts.
 */
export async function oneSheetStage(opts: {
  title: string;
  judgePhone: string;
  part: { name: string; maxScore: number; timeLimitSec?: number };
  team: string;
}) {
  const db = await e2eDb();
  const day = 24 * 60 * 60 * 1000;
  const contest = await createContest(db, {
    kind: "stage",
    title: `${opts.title} ${Date.now()}`,
    entryModes: "team",
    stageAggregation: "mean",
    opensAt: Date.now() + 10 * day,
    closesAt: Date.now() + 11 * day,
  });
  const [judge] = await db.select({ id: users.id }).from(users).where(eq(users.phone, opts.judgePhone));
  await db.insert(stageJudges).values({ contestId: contest.id, userId: judge.id });
  const [part] = await db
    .insert(stageParts)
    .values({ contestId: contest.id, position: 1, ...opts.part })
    .returning();
  const [team] = await db
    .insert(teams)
    .values({ contestId: contest.id, number: 1, name: opts.team, nameKey: opts.team.toLowerCase() })
    .returning();
  return {
    db,
    contest,
    part,
    team,
    sheet: `/judge/contests/${contest.id}/parts/${part.id}/teams/${team.id}`,
  };
}

/** Correct and wrong option texts of each question of an attempt, by position. */
export async function answerKey(attemptId: string) {
  const db = await e2eDb();
  const rows = await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, attemptId));
  return new Map(
    rows.map((q) => [
      q.position,
      {
        right: q.options.filter((o) => q.correct.includes(o.id)).map((o) => o.text),
        wrong: q.options.filter((o) => !q.correct.includes(o.id)).map((o) => o.text),
        kind: q.kind,
      },
    ]),
  );
}

export async function contestBySlug(slug: string) {
  const db = await e2eDb();
  return db.select().from(contests).where(eq(contests.slug, slug)).get();
}

/** Chooses the right (or a wrong) answer of question N and waits until it shows as saved. */
export async function answer(
  page: Page,
  key: Awaited<ReturnType<typeof answerKey>>,
  n: number,
  right = true,
) {
  const question = page.getByRole("group", { name: new RegExp(`^Câu ${n}\\b`) });
  const item = key.get(n)!;
  for (const text of right ? item.right : item.wrong.slice(0, 1)) {
    await question.getByLabel(text, { exact: true }).check();
  }
  await expect(question.getByText("Đã lưu")).toBeVisible();
  return question;
}

/**
 * Presses "Bắt đầu làm bài" on a contest page, then again in the confirmation
 * it opens ("20 phút, còn 2 lượt"), which starts the clock.
 */
export async function pressStart(page: Page) {
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await page
    .getByRole("region", { name: "Xác nhận bắt đầu" })
    .getByRole("button", { name: "Bắt đầu làm bài" })
    .click();
}

/** Opens a contest and starts it (both presses); returns the new attempt's id. */
export async function startQuiz(page: Page, slug: string) {
  await page.goto(`/contests/${slug}`);
  await pressStart(page);
  await expect(page).toHaveURL(/\/attempts\//);
  return page.url().split("/attempts/")[1].split(/[/?#]/)[0];
}

/** Presses "Nộp bài", agrees in the dialog, and waits for the result page. */
export async function submitQuiz(page: Page) {
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/, { timeout: 20_000 });
}

let phoneCounter = 0;
/** A phone number no other test (or earlier run) uses. */
export function uniquePhone() {
  phoneCounter += 1;
  const tail = String((Date.now() * 10 + process.pid + phoneCounter * 7919) % 1e8).padStart(8, "0");
  return `08${tail}`;
}

export async function register(page: Page, name = "Nguyễn Văn Thử") {
  const phone = uniquePhone();
  await page.goto("/register");
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Năm sinh").fill("1958");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("matkhau-an-toan");
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Tổ dân phố 3" });
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Đăng ký" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  return phone;
}

/** Key presses and clicks before React has hydrated the page would be lost: wait for it. */
export const hydrated = (page: Page) => page.locator("html[data-hydrated]").waitFor({ state: "attached" });

/** The demo accounts' published password (README). */
export const DEMO_PASSWORD = "hoithi2026";

/** Signs in through the login page and waits until the page shows the signed-in header. */
export async function signIn(page: Page, phone: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

/** A page in a browser context of its own (another person's phone), signed in. */
export async function signedInPage(browser: Browser, phone: string, password = DEMO_PASSWORD) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, phone, password);
  return page;
}

/**
 * A dead zone for the whole phone. Chromium's offline emulation can miss a
 * request that a freshly restarted service worker lets through to the
 * network, so every request of the context is also refused while offline.
 */
export async function deadZone(context: BrowserContext) {
  let offline = false;
  await context.route("**/*", (route) => (offline ? route.abort("internetdisconnected") : route.fallback()));
  return async (on: boolean) => {
    offline = on;
    await context.setOffline(on);
  };
}

/**
 * A dead zone on the wire: a TCP relay to the app whose `setOffline(true)`
 * cuts every open connection and refuses new ones, whoever makes them (the
 * page, or a service worker Chromium has just restarted, whose first requests
 * can precede the browser's offline emulation and routes). Use its `baseURL`
 * for the context, with `deadZone` too (the page then sees itself offline).
 */
export async function wireDeadZone(target: string) {
  const { hostname, port } = new URL(target);
  let offline = false;
  const open = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    if (offline) return client.destroy();
    const upstream = net.connect(Number(port), hostname);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      open.add(a);
      a.on("close", () => {
        open.delete(a);
        b.destroy();
      });
      a.on("error", () => a.destroy());
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  return {
    baseURL: `http://localhost:${(relay.address() as net.AddressInfo).port}`,
    setOffline(on: boolean) {
      offline = on;
      if (on) for (const socket of open) socket.destroy();
    },
    close: () => new Promise((resolve) => relay.close(resolve)),
  };
}

/** Every test fails on an unexpected console error or uncaught page error. */
export const test = base.extend<{ allowConsole: (pattern: RegExp) => void }>({
  allowConsole: [
    async ({ page }, use) => {
      const allowed: RegExp[] = [];
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error" && !allowed.some((p) => p.test(msg.text()))) errors.push(msg.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use((pattern) => allowed.push(pattern));
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

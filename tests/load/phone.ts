/**
 * `npm run bench:phone`: the quiz page on a slow phone (issue 15), against the
 * production build on a fresh database with the demo data. Chrome DevTools'
 * "slow" profile: 400 ms latency, 50 KB/s down, 20 KB/s up, CPU 4× slower;
 * a cold browser (no HTTP cache, no service worker) for every try.
 *
 * For each try a new resident registers and starts the demo's open contest
 * (unthrottled), then opens the attempt throttled and taps an option of
 * question 1 the moment it shows, before the page's script has run. Prints:
 * compressed JavaScript on the page, question 1 visible, page ready (hydrated),
 * whether the early tap was saved, and a tap made after ready until "Đã lưu".
 * Figures are printed, never asserted; read them as ratios within one run.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { startNode, stop } from "./processes";

const TRIES = Number(process.env.PHONE_TRIES ?? 5);
const PORT = Number(process.env.PHONE_PORT ?? 3140);
const SLUG = "cchc-cds-2026";
const PASSWORD = "matkhau-an-toan";

const root = mkdtempSync(path.join(tmpdir(), "hoithi-phone-"));
const server = await startNode(
  "build/server.js",
  {
    NODE_ENV: "production",
    DATABASE_URL: `file:${path.join(root, "phone.db")}`,
    DATA_DIR: root,
    WEB_CONCURRENCY: "1",
  },
  PORT,
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic"],
});
const phone = {
  viewport: { width: 412, height: 839 },
  deviceScaleFactor: 2.6,
  isMobile: true,
  hasTouch: true,
  locale: "vi-VN",
  baseURL: server.base,
};

async function throttle(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 400,
    downloadThroughput: (50 * 1024) / 1,
    uploadThroughput: (20 * 1024) / 1,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
}

/** React has hydrated the page once its fiber is attached to question 1's inputs. */
const hydrated = (page: Page) =>
  page.evaluate(() => {
    const input = document.querySelector("#cau-1 input");
    return !!input && Object.keys(input).some((k) => k.startsWith("__react"));
  });

type Try = {
  jsKb: number;
  q1VisibleMs: number;
  readyMs: number;
  tappedBeforeReady: boolean;
  earlyTapSaved: boolean;
  tapToSavedMs: number;
};

async function oneTry(n: number): Promise<Try> {
  // Unthrottled: a new resident registers and starts the contest.
  const setup = await browser.newContext(phone);
  const page = await setup.newPage();
  await page.goto("/register");
  await page.getByLabel("Họ và tên").fill(`Người thử ${n}`);
  await page.getByLabel("Năm sinh").fill("1956");
  await page.getByLabel("Số điện thoại").fill(`0870${String(Date.now() % 1e6).padStart(6, "0")}`);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Đăng ký" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
  await page.goto(`/contests/${SLUG}`);
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await page.getByRole("region", { name: "Xác nhận bắt đầu" }).getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await page.waitForURL(/\/attempts\//);
  const url = page.url();
  const state = await setup.storageState();
  await setup.close();

  // Throttled and cold: the same resident opens the attempt on a slow phone.
  const context = await browser.newContext({ ...phone, storageState: { cookies: state.cookies, origins: [] } });
  const slow = await context.newPage();
  await throttle(slow);
  const sizes: Promise<number>[] = [];
  slow.on("requestfinished", (request) => {
    if (request.url().endsWith(".js")) sizes.push(request.sizes().then((s) => s.responseBodySize));
  });
  const started = Date.now();
  await slow.goto(url, { waitUntil: "commit" });
  const q1 = slow.locator("#cau-1");
  await q1.waitFor({ state: "visible", timeout: 120_000 });
  const q1VisibleMs = Date.now() - started;
  const tappedBeforeReady = !(await hydrated(slow));
  const early = q1.locator("label").nth(1);
  const earlyText = (await early.innerText()).trim();
  await early.click({ noWaitAfter: true });
  await slow.waitForFunction(
    () => {
      const input = document.querySelector("#cau-1 input");
      return !!input && Object.keys(input).some((k) => k.startsWith("__react"));
    },
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  const readyMs = Date.now() - started;
  // A tap once the page is ready: question 2, until it shows as saved.
  const tapped = Date.now();
  await slow.locator("#cau-2 label").nth(0).click();
  await slow.locator("#cau-2").getByText("Đã lưu").waitFor({ timeout: 60_000 });
  const tapToSavedMs = Date.now() - tapped;
  await slow.waitForTimeout(3000);
  const jsKb = (await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024;
  await context.close();

  // What the server holds: the attempt page again, unthrottled.
  const check = await browser.newContext({ ...phone, storageState: { cookies: state.cookies, origins: [] } });
  const checkPage = await check.newPage();
  await checkPage.goto(url);
  const earlyTapSaved = await checkPage
    .locator("#cau-1")
    .getByLabel(earlyText, { exact: true })
    .isChecked();
  await check.close();
  return { jsKb, q1VisibleMs, readyMs, tappedBeforeReady, earlyTapSaved, tapToSavedMs };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

try {
  const tries: Try[] = [];
  for (let n = 1; n <= TRIES; n++) {
    const t = await oneTry(n);
    tries.push(t);
    console.log(`try ${n}: ${JSON.stringify(t)}`);
  }
  const before = tries.filter((t) => t.tappedBeforeReady);
  console.log("\n| figure (slow profile, cold, median of " + TRIES + ") | value |");
  console.log("|---|---|");
  console.log(`| compressed JavaScript on the quiz page | ${median(tries.map((t) => t.jsKb)).toFixed(1)} KB |`);
  console.log(`| question 1 visible | ${(median(tries.map((t) => t.q1VisibleMs)) / 1000).toFixed(1)} s |`);
  console.log(`| page ready (hydrated) | ${(median(tries.map((t) => t.readyMs)) / 1000).toFixed(1)} s |`);
  console.log(`| tap after ready → "Đã lưu" | ${(median(tries.map((t) => t.tapToSavedMs)) / 1000).toFixed(1)} s |`);
  console.log(
    `| taps before ready that were saved | ${before.filter((t) => t.earlyTapSaved).length} of ${before.length} |`,
  );
} finally {
  await browser.close();
  await stop(server);
}

/**
 * Takes the README/docs screenshots from a running app (default
 * http://localhost:3000): home and the quiz page on a 390×844 phone.
 * Usage: npm start (in another terminal), then npx tsx scripts/screenshot.ts
 */
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = await browser.newPage({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
});
await page.goto(`${base}/`);
await page.screenshot({ path: "docs/home-phone.png" });
await page.goto(`${base}/register`);
await page.getByLabel("Họ và tên").fill("Lê Văn Minh");
await page.getByLabel("Năm sinh").fill("1956");
await page.getByLabel("Số điện thoại").fill(`07${String(Date.now()).slice(-8)}`);
await page.getByLabel("Mật khẩu").fill("matkhau-an-toan");
await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Tổ dân phố 5" });
await page.getByRole("checkbox").check();
await page.getByRole("button", { name: "Đăng ký" }).click();
await page
  .getByRole("button", { name: "Đăng xuất" })
  .waitFor({ timeout: 10_000 })
  .catch(async () => {
    await page.screenshot({ path: "/tmp/reg.png" });
    throw new Error("register failed");
  });
await page.goto(`${base}/contests/cchc-cds-2026`);
await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
await page.getByRole("timer").waitFor();
const first = page.getByRole("group", { name: /^Câu 1\b/ });
await first.locator("label").first().click();
await first.getByText("Đã lưu").waitFor();
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: "docs/quiz-phone.png" });
await browser.close();
console.log("Wrote docs/home-phone.png and docs/quiz-phone.png");

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { answer, answerKey, expect, makeContest, register, signedInPage, test } from "./fixtures";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now: no violations. */
async function expectNoViolations(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = violations.map((v) => ({
    rule: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
  expect(found, `axe violations on ${name}`).toEqual([]);
}

/** Controls a finger must hit (buttons, fields, menu and navigator links, answer rows) under 44 px. */
async function smallTargets(page: Page) {
  return page.evaluate(() => {
    const selector = [
      "button",
      "select",
      "textarea",
      "input:not([type=hidden]):not([type=radio]):not([type=checkbox])",
      "header a",
      "nav a",
      "label:has(input[type=radio])",
      "label:has(input[type=checkbox])",
    ].join(",");
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.offsetWidth > 1 && el.offsetHeight > 1 && !el.closest("dialog:not([open])"))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 43.5 || box.width < 43.5)
      .map(
        ({ el, box }) => `${el.tagName} "${el.textContent?.trim().slice(0, 30)}" ${box.width}×${box.height}`,
      );
  });
}

async function check(page: Page, name: string) {
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
  await expectNoViolations(page, name);
  expect(await smallTargets(page), `controls under 44 px on ${name}`).toEqual([]);
}

test("the resident pages have no axe-core WCAG 2.1 A/AA violations and 44 px controls", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // Signed out: sign-in and registration.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/login");
  await check(visitor, "login");
  await visitor.goto("/register");
  await check(visitor, "register");
  await visitor.close();

  const contest = await makeContest({
    title: "Kiểm tra trợ năng",
    reviewPolicy: "after_submit",
    maxAttempts: 2,
    predictionTarget: "entries",
    predictionPrompt: "Theo bạn, cuộc thi có bao nhiêu bài dự thi?",
  });
  await register(page);
  await page.goto("/");
  await check(page, "home");
  await page.goto(`/contests/${contest.slug}`);
  await check(page, "contest page");
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page.getByRole("region", { name: "Xác nhận bắt đầu" })).toBeVisible();
  await check(page, "start confirmation");
  await page
    .getByRole("region", { name: "Xác nhận bắt đầu" })
    .getByRole("button", { name: "Bắt đầu làm bài" })
    .click();
  await expect(page).toHaveURL(/\/attempts\//);
  const attemptId = page.url().split("/attempts/")[1].split(/[/?#]/)[0];
  const key = await answerKey(attemptId);
  await answer(page, key, 1);
  await check(page, "quiz attempt");
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoViolations(page, "submit dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/);
  await check(page, "result page");
  await page.goto("/me/entries");
  await check(page, "Bài dự thi của tôi");

  // The same pages in English keep their names (the language button's name contains its text).
  await page.getByRole("button", { name: /^English/ }).click();
  await expect(page.getByRole("button", { name: /^Tiếng Việt/ })).toBeVisible();
  await check(page, "my entries in English");
  await page.getByRole("button", { name: /^Tiếng Việt/ }).click();
  await expect(page.getByRole("button", { name: /^English/ })).toBeVisible();
});

test("the demo season's public pages and the organiser's season page have no axe-core WCAG 2.1 A/AA violations and 44 px controls", async ({
  page,
  browser,
}) => {
  // Each page has its own title (what a screen reader says first, and the tab shows).
  await page.goto("/seasons/cds-theo-tuan-2026");
  await expect(page).toHaveTitle("Mùa thi Tìm hiểu chuyển đổi số theo tuần năm 2026 — Hội Thi");
  await check(page, "season");
  await page.goto("/seasons/cds-theo-tuan-2026/stats");
  await expect(page).toHaveTitle("Thống kê mùa thi — Hội Thi");
  await check(page, "season statistics");
  await page.goto("/seasons/cds-theo-tuan-2026/results");
  await expect(page).toHaveTitle("Kết quả mùa thi — Hội Thi");
  await check(page, "season results (not yet announced)");
  await page.goto("/contests/cds-theo-tuan-2026-dot-2/results");
  await check(page, "a round's winners");
  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto("/organiser/contests");
  await organiser
    .getByRole("link", { name: "Tìm hiểu chuyển đổi số theo tuần năm 2026", exact: true })
    .click();
  await expect(organiser).toHaveTitle("Mùa thi — Ban tổ chức");
  await check(organiser, "the organiser's season page");
  await organiser.context().close();
});

test("the text size is kept on the device and applied before the page is painted", async ({ page }) => {
  // Records the text size <html> has when <body> starts, i.e. before anything can be painted.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      (window as unknown as { sizeAtBody: string }).sizeAtBody =
        document.documentElement.dataset.textSize ?? "default";
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto("/");
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await fontSize();
  const larger = page.getByRole("button", { name: /^A\+/ });
  await larger.click();
  await larger.click();
  expect(await fontSize()).toBeGreaterThan(before);
  const chosen = await fontSize();

  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { sizeAtBody: string }).sizeAtBody)).toBe("2");
  expect(await fontSize()).toBe(chosen);
  await page.goto("/login");
  expect(await fontSize()).toBe(chosen);

  const smaller = page.getByRole("button", { name: /^A−/ });
  for (let i = 0; i < 3; i++) await smaller.click();
  await expect(smaller).toBeDisabled();
  expect(await fontSize()).toBeLessThan(before);
  await page.reload();
  expect(await fontSize()).toBeLessThan(before);
  // At the smallest size every control is still at least 44 px.
  expect(await smallTargets(page)).toEqual([]);
});

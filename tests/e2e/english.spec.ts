import type { Page } from "@playwright/test";
import { contestBySlug, expect, makeContest, register, signIn, startQuiz, test } from "./fixtures";

/** Presses the header's language button and waits for the page in that language. */
async function switchTo(page: Page, locale: "en" | "vi") {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByRole("button", { name: locale === "en" ? /^English/ : /^Tiếng Việt/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

type Winner = { name: string; prize: string; unit?: string | null };

test("in English, titles, the winners page, prize names and the 404 page are English; organisers' texts stay as written; Vietnamese comes back unchanged", async ({
  page,
  request,
  allowConsole,
}) => {
  allowConsole(/404/);
  // Signed out: the home page, sign-in and registration, in English then back in Vietnamese.
  await page.goto("/");
  await switchTo(page, "en");
  await expect(page).toHaveTitle("Hội Thi");
  await page.goto("/login");
  await expect(page).toHaveTitle("Sign in — Hội Thi");
  await page.goto("/register");
  await expect(page).toHaveTitle("Register — Hội Thi");
  await switchTo(page, "vi");
  await expect(page).toHaveTitle("Đăng ký — Hội Thi");
  await page.goto("/login");
  await expect(page).toHaveTitle("Đăng nhập — Hội Thi");

  const contest = await makeContest({ title: `Cuộc thi tiếng Anh ${Date.now().toString(36)}` });
  await register(page, "Trần Thị English");
  const attemptId = await startQuiz(page, contest.slug);

  // Switched on a resident's page (the attempt), with the header's button.
  await switchTo(page, "en");
  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}$`));
  await expect(page).toHaveTitle(`Your entry: ${contest.title} — Hội Thi`);

  await page.goto("/");
  await expect(page).toHaveTitle("Hội Thi");
  const demo = await contestBySlug("cchc-cds-2026");
  await page.goto("/contests/cchc-cds-2026");
  // The contest's title is the organiser's text: as written.
  await expect(page).toHaveTitle(`${demo!.title} — Hội Thi`);
  await expect(page.getByRole("heading", { name: "Prizes", exact: false }).first()).toBeVisible();
  await expect(page.getByText(/^1 × First prize, /).first()).toBeVisible();
  await expect(page.getByText(/ × Consolation prize, /).first()).toBeVisible();
  // The prize rows are English (the thể lệ below stays as the organiser wrote it).
  const prizeRows = page.getByRole("listitem").filter({ hasText: / × .* each$/ });
  await expect(prizeRows).toHaveCount(11);
  await expect(prizeRows.filter({ hasText: /giải|Nhất|Nhì|Khuyến khích/ })).toHaveCount(0);

  // The winners page of the demo's announced 2022 contest.
  const json = await (await request.get("/api/contests/cchc-2022/results.json")).json();
  const old = await contestBySlug("cchc-2022");
  await page.goto("/contests/cchc-2022/results");
  await expect(page).toHaveTitle(`Results: ${old!.title}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results and winners");
  await expect(page.getByText(`${old!.title} — `)).toBeVisible();
  const collective = page.getByRole("region", { name: "Collective prizes" }).getByRole("listitem");
  const individual = page.getByRole("region", { name: "Individual prizes" }).getByRole("listitem");
  await expect(collective).toHaveCount(5);
  await expect(individual).toHaveCount(5);
  const english: Record<string, string> = {
    Nhất: "First prize",
    Nhì: "Second prize",
    Ba: "Third prize",
    "Khuyến khích": "Consolation prize",
  };
  for (const [i, w] of (json.collective as Winner[]).entries()) {
    // Units' names are the organiser's: as written.
    await expect(collective.nth(i)).toContainText(`${english[w.prize]}: ${w.name}`);
    await expect(collective.nth(i)).toContainText(/\d+ participants, \d+ entries, participation [\d.]+%/);
  }
  for (const [i, w] of (json.individual as Winner[]).entries()) {
    await expect(individual.nth(i)).toContainText(`${english[w.prize]}: ${w.name}`);
    await expect(individual.nth(i)).toContainText(/\d+ points/);
    if (w.unit) await expect(individual.nth(i)).toContainText(w.unit);
  }
  await expect(page.getByText("Total prize value: ")).toBeVisible();
  const main = page.locator("main");
  for (const vietnamese of ["Giải ", "người dự thi", " bài", "tỷ lệ", " điểm"])
    await expect(main).not.toContainText(vietnamese);

  // The ceremony names the prizes in English too.
  await page.goto("/contests/cchc-2022/ceremony");
  await expect(page).toHaveTitle(`Award ceremony: ${old!.title}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.keyboard.press("Space");
  await expect(page.getByTestId("ceremony-prize")).toHaveText("Consolation prize");

  // An address no page has: an English 404.
  const missing = await page.goto("/khong-co-trang-nay");
  expect(missing?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found — Hội Thi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("alert").filter({ hasText: "We could not find" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to home" })).toBeVisible();
  // A page's own error (a contest that does not exist) says so in English.
  const noContest = await page.goto("/contests/khong-ton-tai");
  expect(noContest?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.locator("main")).not.toContainText("Không tìm thấy");

  // Back to Vietnamese: the titles are as they always were.
  await page.goto(`/attempts/${attemptId}`);
  await switchTo(page, "vi");
  await expect(page).toHaveTitle(`${contest.title} — Hội Thi`);
  await page.goto("/me/entries");
  await expect(page).toHaveTitle("Bài dự thi của tôi — Hội Thi");
  await page.goto("/contests/cchc-2022/results");
  await expect(page).toHaveTitle(`Kết quả: ${old!.title}`);
  await expect(
    page.getByRole("region", { name: "Giải cá nhân" }).getByRole("listitem").first(),
  ).toContainText(`Giải Nhất: ${json.individual[0].name}`);
  await page.goto("/khong-co-trang-nay");
  await expect(page).toHaveTitle("Không tìm thấy trang — Hội Thi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
});

test("a staff page's title is English in English and as before in Vietnamese", async ({ page }) => {
  await signIn(page, "0900000002");
  await page.goto("/organiser/contests");
  await expect(page).toHaveTitle("Cuộc thi — Ban tổ chức");
  await switchTo(page, "en");
  await expect(page).toHaveTitle("Contests — Organisers");
  await page.goto("/organiser");
  await expect(page).toHaveTitle("Organisers — Hội Thi");
  await switchTo(page, "vi");
  await expect(page).toHaveTitle("Ban tổ chức — Hội Thi");
});

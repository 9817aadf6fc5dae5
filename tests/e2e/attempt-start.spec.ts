import { eq } from "drizzle-orm";
import { attempts } from "#db/schema";
import {
  answer,
  answerKey,
  e2eDb,
  expect,
  hydrated,
  makeContest,
  pressStart,
  register,
  startQuiz,
  test,
} from "./fixtures";

test("Bắt đầu làm bài asks first, saying the time and the attempts left; Để sau uses nothing", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const contest = await makeContest({ title: "Xác nhận trước khi thi", timeLimitSec: 1200, maxAttempts: 2 });
  await register(page);
  await page.goto(`/contests/${contest.slug}`);
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const confirm = page.getByRole("region", { name: "Xác nhận bắt đầu" });
  await expect(confirm).toContainText("20 phút, còn 2 lượt");
  await expect(confirm.getByRole("heading", { name: "Xác nhận bắt đầu" })).toBeFocused();
  await page.screenshot({ path: "test-results/start-confirmation-phone.png" });
  const db = await e2eDb();
  expect(await db.select().from(attempts).where(eq(attempts.contestId, contest.id))).toHaveLength(0);

  await confirm.getByRole("link", { name: "Để sau" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toBeVisible();
  expect(await db.select().from(attempts).where(eq(attempts.contestId, contest.id))).toHaveLength(0);

  // After one attempt, one is left.
  const first = await startQuiz(page, contest.slug);
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(new RegExp(`/attempts/${first}/result`));
  await page.goto(`/contests/${contest.slug}`);
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page.getByRole("region", { name: "Xác nhận bắt đầu" })).toContainText("20 phút, còn 1 lượt");
});

test("the start confirmation works without JavaScript", async ({ browser }) => {
  const contest = await makeContest({ timeLimitSec: 600, maxAttempts: 1 });
  const setup = await (await browser.newContext()).newPage();
  await register(setup);
  const cookies = await setup.context().cookies();
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto(`/contests/${contest.slug}`);
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const confirm = page.getByRole("region", { name: "Xác nhận bắt đầu" });
  await expect(confirm).toContainText("10 phút, còn 1 lượt");
  await confirm.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(page).toHaveURL(/\/attempts\//);
  // The navigator is plain links: it works before the script too.
  await expect(page.getByRole("navigation", { name: "Danh sách câu hỏi" }).getByRole("link")).toHaveCount(5);
  await context.close();
  await setup.close();
});

test("the navigator marks answered questions and the unanswered list links to each question", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const contest = await makeContest({ title: "Bảng câu hỏi" });
  await register(page);
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);
  const navigator = page.getByRole("navigation", { name: "Danh sách câu hỏi" });
  await expect(navigator.getByRole("link")).toHaveCount(5);
  await expect(navigator.getByRole("link", { name: "Câu 1, chưa trả lời" })).toBeVisible();

  await answer(page, key, 1);
  await answer(page, key, 3);
  await expect(navigator.getByRole("link", { name: "Câu 1, đã trả lời" })).toBeVisible();
  await expect(navigator.getByRole("link", { name: "Câu 3, đã trả lời" })).toBeVisible();
  await expect(navigator.getByRole("link", { name: /, chưa trả lời$/ })).toHaveCount(3);
  // Not by colour alone: an answered number shows a tick.
  await expect(navigator.getByRole("link", { name: "Câu 1, đã trả lời" })).toContainText("✓");
  await expect(navigator.getByRole("link", { name: "Câu 2, chưa trả lời" })).not.toContainText("✓");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/quiz-navigator-phone.png" });

  await navigator.getByRole("link", { name: "Câu 5, chưa trả lời" }).click();
  await expect(page).toHaveURL(/#cau-5$/);
  await expect(page.getByRole("group", { name: /^Câu 5\b/ })).toBeInViewport();

  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Bạn chưa trả lời: Câu 2, Câu 4, Câu 5.");
  await dialog.getByRole("link", { name: "Câu 4" }).click();
  await expect(dialog).toBeHidden();
  const question4 = page.getByRole("group", { name: /^Câu 4\b/ });
  await expect(question4).toBeInViewport();
  await expect(question4.locator("input").first()).toBeFocused();
});

test("from a loaded contest page, the confirmation asks the server nothing and the start loads only the quiz page's data", async ({
  page,
}) => {
  // At a contest's opening every resident starts at once (issue 21): the confirmation is worked out
  // on the phone, and the start changes nothing the root shows (name, texts), so neither reloads it.
  const contest = await makeContest({ title: "Bắt đầu nhẹ", timeLimitSec: 900, maxAttempts: 2 });
  await register(page, "Trần Thị Nhẹ");
  await page.goto(`/contests/${contest.slug}`);
  await hydrated(page);
  const dataRequests: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith(".data")) dataRequests.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const confirm = page.getByRole("region", { name: "Xác nhận bắt đầu" });
  await expect(confirm).toContainText("15 phút, còn 2 lượt");
  await expect(page).toHaveURL(/\?bat-dau=1$/);
  expect(dataRequests).toEqual([]);
  // "Để sau" and back again: still nothing asked.
  await confirm.getByRole("link", { name: "Để sau" }).click();
  await expect(confirm).toHaveCount(0);
  await pressStart(page);
  await expect(page).toHaveURL(/\/attempts\//);
  await expect(page.getByRole("timer")).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Trần Thị Nhẹ");
  expect(dataRequests).toHaveLength(2);
  expect(dataRequests[0]).toMatch(/^POST \/contests\/[\w-]+\.data\?bat-dau=1$/);
  expect(dataRequests[1]).toMatch(/^GET \/attempts\/[\w-]+\.data\?_routes=routes%2Fattempts\.%24id$/);
});

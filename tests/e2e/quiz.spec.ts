import { eq } from "drizzle-orm";
import { attempts } from "#db/schema";
import {
  deadZone,
  answer,
  answerKey,
  e2eDb,
  expect,
  makeContest,
  pressStart,
  register,
  startQuiz,
  test,
} from "./fixtures";

function attemptIdFrom(url: string) {
  const match = /\/attempts\/([A-Za-z0-9_-]+)/.exec(url);
  if (!match) throw new Error(`not an attempt URL: ${url}`);
  return match[1];
}

function timerSeconds(text: string) {
  const [m, s] = text.trim().split(":").map(Number);
  return m * 60 + s;
}

test("a resident registers, answers, reloads mid-way with answers and clock kept, submits and gets a receipt", async ({
  page,
}) => {
  const contest = await makeContest({ title: "Thi thử toàn trình", reviewPolicy: "after_submit" });
  await register(page);
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);

  await expect(page.getByRole("timer")).toBeVisible();
  await expect(page.getByRole("group", { name: /^Câu \d+/ })).toHaveCount(5);

  // Câu 1 and 2 right, Câu 3 wrong; 4 and 5 left unanswered.
  for (const [n, right] of [
    [1, true],
    [2, true],
    [3, false],
  ] as const)
    await answer(page, key, n, right);

  const before = timerSeconds(await page.getByRole("timer").innerText());
  await page.waitForTimeout(1500);
  await page.reload();
  const after = timerSeconds(await page.getByRole("timer").innerText());
  expect(after).toBeLessThan(before);
  expect(after).toBeGreaterThan(before - 30);
  expect(page.url()).toContain(attemptId);
  for (const n of [1, 2, 3]) {
    const question = page.getByRole("group", { name: new RegExp(`^Câu ${n}\\b`) });
    await expect(
      question.getByRole(key.get(n)!.kind === "multiple" ? "checkbox" : "radio", { checked: true }).first(),
    ).toBeVisible();
  }

  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Bạn chưa trả lời: Câu 4, Câu 5.");
  await dialog.getByRole("button", { name: "Đồng ý nộp bài" }).click();

  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result`));
  await expect(page.getByRole("heading", { name: "Kết quả bài dự thi" })).toBeVisible();
  await expect(page.getByText("2/5").first()).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  // The review policy of this contest shows answers right after submitting.
  await expect(page.getByRole("heading", { name: "Đáp án và giải thích" })).toBeVisible();

  await page.getByRole("link", { name: "Bài dự thi của tôi" }).click();
  await expect(page.getByText("Thi thử toàn trình")).toBeVisible();
  await expect(page.getByText("Lần được tính")).toBeVisible();
});

test("a short quiz submits itself at the deadline with the answers given", async ({ page }) => {
  const contest = await makeContest({ timeLimitSec: 8 });
  await register(page);
  const key = await answerKey(await startQuiz(page, contest.slug));
  await answer(page, key, 1);

  await expect(page).toHaveURL(/\/result$/, { timeout: 20_000 });
  await expect(page.getByText("Bài được nộp tự động khi hết giờ.")).toBeVisible();
  await expect(page.getByText("1/5").first()).toBeVisible();
});

test("an attempt whose browser is gone is submitted by the server at the deadline", async ({ browser }) => {
  const contest = await makeContest({ timeLimitSec: 6 });
  const context = await browser.newContext();
  const page = await context.newPage();
  await register(page);
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);
  await answer(page, key, 1);
  await context.close();

  const db = await e2eDb();
  await expect
    .poll(async () => (await db.select().from(attempts).where(eq(attempts.id, attemptId)).get())?.score, {
      timeout: 20_000,
    })
    .toBe(1);
  const row = await db.select().from(attempts).where(eq(attempts.id, attemptId)).get();
  expect(row).toMatchObject({ status: "submitted", submitKind: "auto", durationMs: 6000 });
});

test("a second tab resumes the same attempt instead of starting another", async ({ page, context }) => {
  const contest = await makeContest();
  await register(page);
  const second = await context.newPage();
  // Both at the confirmation step, then both press "Bắt đầu làm bài" at once.
  await page.goto(`/contests/${contest.slug}?bat-dau=1`);
  await second.goto(`/contests/${contest.slug}?bat-dau=1`);
  await Promise.all([
    page.getByRole("button", { name: "Bắt đầu làm bài" }).click(),
    second.getByRole("button", { name: "Bắt đầu làm bài" }).click(),
  ]);
  await expect(page).toHaveURL(/\/attempts\//);
  await expect(second).toHaveURL(/\/attempts\//);
  expect(attemptIdFrom(second.url())).toBe(attemptIdFrom(page.url()));
  const db = await e2eDb();
  expect(await db.select().from(attempts).where(eq(attempts.contestId, contest.id))).toHaveLength(1);
});

test("a resident cannot read or answer into another resident's attempt", async ({
  page,
  browser,
  allowConsole,
}) => {
  const contest = await makeContest();
  await register(page, "Người A");
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);

  const other = await (await browser.newContext()).newPage();
  other.on("console", () => undefined);
  await register(other, "Người B");
  const response = await other.goto(`/attempts/${attemptId}`);
  expect(response?.status()).toBe(404);
  await expect(other.getByText("Không tìm thấy bài dự thi.")).toBeVisible();
  const save = await other.request.post(`/api/attempts/${attemptId}/answers`, {
    data: { questionId: 1, optionIds: [1], base: 0 },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(save.status()).toBe(404);
  expect(await (await other.request.get(`/attempts/${attemptId}/result`)).status()).toBe(404);
  expect(key.size).toBe(5);
  allowConsole(/404/);
});

test("the quiz fits a 390×844 phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const contest = await makeContest({
    title: "Cuộc thi tìm hiểu cải cách hành chính",
    predictionTarget: "entries",
    predictionPrompt: "Theo bạn, cuộc thi có bao nhiêu bài dự thi?",
  });
  await register(page);
  await page.goto(`/contests/${contest.slug}`);
  await pressStart(page);
  await expect(page.getByRole("timer")).toBeVisible();
  await expect(page.getByLabel("Dự đoán")).toBeVisible();
  const key = await answerKey(attemptIdFrom(page.url()));
  await answer(page, key, 1);
  await page.getByLabel("Dự đoán").fill("250");
  await expect(page.getByText("Đã lưu").nth(1)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/quiz-phone.png" });
});

test("answers chosen offline survive a submission attempted offline and are counted when the connection returns", async ({
  page,
  context,
  allowConsole,
}) => {
  allowConsole(/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
  const setOffline = await deadZone(context);
  const contest = await makeContest();
  await register(page);
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);
  await answer(page, key, 1);

  await setOffline(true);
  const second = page.getByRole("group", { name: /^Câu 2\b/ });
  for (const text of key.get(2)!.right) await second.getByLabel(text, { exact: true }).check();
  await expect(second.getByText("Chưa gửi được — sẽ tự gửi lại")).toBeVisible();
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page.getByText("Chưa nộp được vì mất kết nối.", { exact: false }).first()).toBeVisible({
    timeout: 15_000,
  });
  expect(page.url()).toContain(`/attempts/${attemptId}`);

  await setOffline(false);
  await expect(page).toHaveURL(/\/result$/, { timeout: 30_000 });
  await expect(page.getByText("2/5").first()).toBeVisible();
});

test("answers refused by a busy server (503 + Retry-After) are retried until saved, and none is lost", async ({
  page,
  allowConsole,
}) => {
  allowConsole(/503|Failed to load resource/);
  const contest = await makeContest();
  await register(page);
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);

  // The server sheds the first three saves as it does under overload.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  let shed = 0;
  await page.route(`**/api/attempts/${attemptId}/answers`, async (route) => {
    if (route.request().method() === "POST" && shed < 3) {
      shed++;
      await route.fulfill({
        status: 503,
        headers: { "Retry-After": "1", "Content-Type": "application/json" },
        body: JSON.stringify({ error: "error.busy" }),
      });
    } else await route.continue();
  });
  const choose = async (n: number) => {
    const question = page.getByRole("group", { name: new RegExp(`^Câu ${n}\\b`) });
    for (const text of key.get(n)!.right) await question.getByLabel(text, { exact: true }).check();
  };
  await choose(1);
  // Honest state: the server answered, so the page says it is busy, not that the phone is offline
  // (the first save and its retries after 1 and 2 s are shed: several seconds of "busy").
  await expect(page.getByText("Máy chủ đang bận.", { exact: false })).toBeVisible();
  await expect(page.getByText(/Mất kết nối/)).toHaveCount(0);
  await choose(2);
  await expect(page.getByText("Đã lưu")).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByText("Máy chủ đang bận.", { exact: false })).toHaveCount(0);
  expect(shed).toBe(3);

  await page.reload();
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/);
  await expect(page.getByText("2/5").first()).toBeVisible();
});

import type { BrowserContext, Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { answers, attemptQuestions, users } from "#db/schema";
import { startAttempt, submitWithUnsent } from "~/models/attempt.server";
import { answer, answerKey, e2eDb, expect, makeContest, register, signIn, test } from "./fixtures";

const DAY = 86_400_000;
const CHANGED = "Câu trả lời đã được thay đổi trên thiết bị khác";

/** The phone's clock, `shiftMs` away from the real time (issue 15: clocks are often wrong). */
async function shiftClock(context: BrowserContext, shiftMs: number) {
  await context.addInitScript((shift: number) => {
    const RealDate = Date;
    class PhoneDate extends RealDate {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(RealDate.now() + shift);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static now() {
        return RealDate.now() + shift;
      }
    }
    globalThis.Date = PhoneDate as DateConstructor;
  }, shiftMs);
}

/** Starts the attempt as "Bắt đầu làm bài" does (this spec is about saving, not the contest page) and opens it. */
async function startQuiz(page: Page, contest: Awaited<ReturnType<typeof makeContest>>, phone: string) {
  const db = await e2eDb();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  const { id } = await startAttempt(db, { contest, userId: user.id, now: Date.now() });
  await page.goto(`/attempts/${id}`);
  await expect(page.getByRole("timer")).toBeVisible();
  return id;
}

/** Signs in on the sign-in page already open (reached by a link that says where to go back to). */
async function signInOnThisPage(page: Page, phone: string) {
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** The password `register` gives. */
const PASSWORD = "matkhau-an-toan";

/** Another tab of the same phone signs out: this page's session ends under it. */
async function signOutInAnotherTab(page: Page) {
  const tab = await page.context().newPage();
  await tab.goto("/");
  await tab.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(tab.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);
  await tab.close();
}

async function held(attemptId: string, position: number) {
  const db = await e2eDb();
  const [q] = await db
    .select({ questionId: attemptQuestions.questionId, options: attemptQuestions.options })
    .from(attemptQuestions)
    .where(and(eq(attemptQuestions.attemptId, attemptId), eq(attemptQuestions.position, position)));
  const [row] = await db
    .select({ selected: answers.selected, version: answers.version })
    .from(answers)
    .where(and(eq(answers.attemptId, attemptId), eq(answers.questionId, q.questionId)));
  if (!row) return null;
  return { texts: row.selected.map((id) => q.options.find((o) => o.id === id)!.text), version: row.version };
}

test("two phones of one resident, clocks 400 days apart: the server orders the saves, a save that lost is never shown as saved", async ({
  page,
  browser,
  allowConsole,
}) => {
  // A save that lost is answered 409 with the answer the server holds.
  allowConsole(/status of 409/);
  await shiftClock(page.context(), 200 * DAY);
  const contest = await makeContest({ title: "Hai điện thoại" });
  const phone = await register(page);
  const attemptId = await startQuiz(page, contest, phone);
  const key = await answerKey(attemptId);
  const n = [...key].find(([, q]) => q.kind === "single" && q.right.length + q.wrong.length >= 3)![0];
  const [x, y, z] = [...key.get(n)!.right, ...key.get(n)!.wrong];

  // The second phone, its clock 400 days behind the first, opens the same attempt before any answer.
  const origin = new URL(page.url()).origin;
  const second = await browser.newContext({ baseURL: origin, viewport: page.viewportSize() });
  await shiftClock(second, -200 * DAY);
  const other = await second.newPage();
  other.on("console", () => undefined);
  await other.goto(`/login?redirectTo=${encodeURIComponent(`/attempts/${attemptId}`)}`);
  await signInOnThisPage(other, phone);
  await expect(other).toHaveURL(new RegExp(`/attempts/${attemptId}$`));
  const onFirst = page.getByRole("group", { name: new RegExp(`^Câu ${n}\\b`) });
  const onSecond = other.getByRole("group", { name: new RegExp(`^Câu ${n}\\b`) });

  // First phone: x, saved as version 1.
  await onFirst.getByLabel(x, { exact: true }).check();
  await expect(onFirst.getByText("Đã lưu")).toBeVisible();
  expect(await held(attemptId, n)).toEqual({ texts: [x], version: 1 });

  // Second phone, whose page still shows no answer, chooses y: the server keeps x, and the page says
  // so and shows x. (Before: "✓ Đã lưu" while the server kept x — its clock made the save "older".)
  // (click, not check: the page may put x back before the click returns)
  await onSecond.getByLabel(y, { exact: true }).click();
  await expect(onSecond.getByText(CHANGED)).toBeVisible();
  await expect(onSecond.getByLabel(x, { exact: true })).toBeChecked();
  await expect(onSecond.getByText("Đã lưu")).toHaveCount(0);
  expect(await held(attemptId, n)).toEqual({ texts: [x], version: 1 });

  // Now that it shows x, the second phone's choice of y is the last one made: it wins.
  await onSecond.getByLabel(y, { exact: true }).check();
  await expect(onSecond.getByText("Đã lưu")).toBeVisible();
  expect(await held(attemptId, n)).toEqual({ texts: [y], version: 2 });

  // The first phone, still showing x (version 1), chooses z: it loses, shows y and says why.
  await onFirst.getByLabel(z, { exact: true }).click();
  await expect(onFirst.getByText(CHANGED)).toBeVisible();
  await expect(onFirst.getByLabel(y, { exact: true })).toBeChecked();
  expect(await held(attemptId, n)).toEqual({ texts: [y], version: 2 });

  // A reload gives each answer's version: the first phone's next choice wins.
  await page.reload();
  await expect(onFirst.getByLabel(y, { exact: true })).toBeChecked();
  await onFirst.getByLabel(z, { exact: true }).check();
  await expect(onFirst.getByText("Đã lưu")).toBeVisible();
  expect(await held(attemptId, n)).toEqual({ texts: [z], version: 3 });
  await second.close();
});

test("signed out mid-quiz in another tab: the page says so, keeps the unsent answer and signs in back to the attempt", async ({
  page,
  allowConsole,
}) => {
  allowConsole(/status of 401/);
  const contest = await makeContest({ title: "Đăng xuất giữa chừng" });
  const phone = await register(page);
  const attemptId = await startQuiz(page, contest, phone);
  const key = await answerKey(attemptId);
  await answer(page, key, 1);

  // Another tab signs out.
  await signOutInAnotherTab(page);

  const q2 = page.getByRole("group", { name: /^Câu 2\b/ });
  const choice = key.get(2)!.right[0];
  await q2.getByLabel(choice, { exact: true }).check();
  await expect(page.getByText("Bạn đã đăng xuất nên câu trả lời chưa được gửi").first()).toBeVisible();
  // Not "offline, will retry": the network is fine.
  await expect(page.getByText(/Mất kết nối/)).toHaveCount(0);
  expect(await held(attemptId, 2)).toBeNull();

  const signInLink = page.getByRole("link", { name: "Đăng nhập lại để tiếp tục bài thi" });
  await signInLink.click();
  await signInOnThisPage(page, phone);
  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}$`));
  // The answer kept on the device is shown and sent.
  await expect(q2.getByLabel(choice, { exact: true })).toBeChecked();
  await expect(q2.getByText("Đã lưu")).toBeVisible();
  expect(await held(attemptId, 2)).toEqual({ texts: [choice], version: 1 });
  // Câu 1, saved before the sign-out, is still there (one save per option checked).
  expect((await held(attemptId, 1))?.version).toBeGreaterThanOrEqual(1);
});

test("a shared phone: the answer resident A kept unsent waits while B is signed in, and is sent when A is back", async ({
  page,
  browser,
  allowConsole,
}) => {
  allowConsole(/status of (401|404)/);
  const contest = await makeContest({ title: "Điện thoại dùng chung" });
  const first = await register(page, "Trần Thị Bà");
  const attemptId = await startQuiz(page, contest, first);
  const key = await answerKey(attemptId);
  // B, a grandchild with an account of their own.
  const other = await (await browser.newContext()).newPage();
  const second = await register(other, "Trần Văn Cháu");
  await other.context().close();

  // A is signed out in another tab, so the next answer is kept on the phone.
  await signOutInAnotherTab(page);
  const q1 = page.getByRole("group", { name: /^Câu 1\b/ });
  const choice = key.get(1)!.right[0];
  await q1.getByLabel(choice, { exact: true }).check();
  await expect(page.getByText("Bạn đã đăng xuất nên câu trả lời chưa được gửi").first()).toBeVisible();

  // B signs in on the same phone and opens the home page: A's answer is tried and refused (not B's).
  await signIn(page, second, PASSWORD);
  const tried = page.waitForResponse((r) => r.url().endsWith(`/api/attempts/${attemptId}/answers`));
  await page.goto("/");
  expect((await tried).status()).toBe(404);
  expect(await held(attemptId, 1)).toBeNull();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);

  // A signs in again: the answer kept on the phone is sent from the page she lands on, and her quiz shows it.
  await signIn(page, first, PASSWORD);
  await expect.poll(() => held(attemptId, 1)).toEqual({ texts: [choice], version: 1 });
  await page.goto(`/attempts/${attemptId}`);
  await expect(q1.getByLabel(choice, { exact: true })).toBeChecked();
});

test("an attempt submitted on another device: the next answer on this phone says the attempt is closed", async ({
  page,
  allowConsole,
}) => {
  allowConsole(/status of 409/);
  const contest = await makeContest({ title: "Nộp trên máy khác" });
  const phone = await register(page);
  const attemptId = await startQuiz(page, contest, phone);
  const key = await answerKey(attemptId);
  await answer(page, key, 1);

  // The resident submits on another device.
  const db = await e2eDb();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  await submitWithUnsent(db, { attemptId, userId: user.id, unsent: [], now: Date.now() });

  await page
    .getByRole("group", { name: /^Câu 2\b/ })
    .getByLabel(key.get(2)!.right[0], { exact: true })
    .check();
  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result`));
  await expect(page.getByText("Bài thi này đã đóng (đã nộp hoặc đã hết giờ)")).toBeVisible();
  expect(await held(attemptId, 2)).toBeNull();
});

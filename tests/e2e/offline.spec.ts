/**
 * Issue 15, item 4: through a dead zone. The app shell (public/sw.js) keeps
 * the attempt and the judges' pages on the phone, so a reload or a
 * back-and-forth while offline shows them with their unsent answers or
 * scores, which leave when the network returns, from any page of the app.
 * (Before: the browser's "no internet" page, and a generic error going back.)
 */
import { devices, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { answers, attemptQuestions, stageScores } from "#db/schema";
import {
  answer,
  answerKey,
  deadZone,
  e2eDb,
  wireDeadZone,
  oneSheetStage,
  expect,
  makeContest,
  register,
  startQuiz,
  test,
} from "./fixtures";

/** The service worker has kept this page (document or data) on the phone. */
async function kept(page: Page, path: string) {
  await expect
    .poll(() => page.evaluate(async (p) => !!(await caches.match(p)), path), { timeout: 20_000 })
    .toBe(true);
}

const seconds = (clock: string) => {
  const [m, s] = clock.trim().split(":").map(Number);
  return m * 60 + s;
};

test("an attempt reloaded offline comes back from the phone with its answers and clock, and sends them when the network returns", async ({
  page,
  context,
  allowConsole,
}) => {
  allowConsole(/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
  const setOffline = await deadZone(context);
  const contest = await makeContest({ title: "Vùng lõm sóng", timeLimitSec: 600 });
  await register(page);
  const attemptId = await startQuiz(page, contest.slug);
  await kept(page, `/attempts/${attemptId}`);
  const key = await answerKey(attemptId);
  await answer(page, key, 1);

  await setOffline(true);
  const q2 = page.getByRole("group", { name: /^Câu 2\b/ });
  const choice = key.get(2)!.right[0];
  await q2.getByLabel(choice, { exact: true }).check();
  await expect(q2.getByText(/Chưa gửi/)).toBeVisible();
  const before = seconds(await page.getByRole("timer").innerText());

  await page.reload();
  // The page from the phone's cache, not the browser's "no internet" page.
  await expect(page.getByRole("timer")).toBeVisible();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  for (const text of key.get(1)!.right)
    await expect(
      page.getByRole("group", { name: /^Câu 1\b/ }).getByLabel(text, { exact: true }),
    ).toBeChecked();
  await expect(q2.getByLabel(choice, { exact: true })).toBeChecked();
  // The clock goes on from where it was, not from when the copy was made.
  const after = seconds(await page.getByRole("timer").innerText());
  expect(after).toBeLessThanOrEqual(before);
  expect(after).toBeGreaterThan(before - 60);

  await setOffline(false);
  await expect(q2.getByText("Đã lưu")).toBeVisible({ timeout: 30_000 });
  const db = await e2eDb();
  const [q] = await db
    .select({ questionId: attemptQuestions.questionId, options: attemptQuestions.options })
    .from(attemptQuestions)
    .where(and(eq(attemptQuestions.attemptId, attemptId), eq(attemptQuestions.position, 2)));
  const [row] = await db
    .select({ selected: answers.selected })
    .from(answers)
    .where(and(eq(answers.attemptId, attemptId), eq(answers.questionId, q.questionId)));
  expect(row.selected.map((id) => q.options.find((o) => o.id === id)!.text)).toEqual([choice]);
});

test("a judge offline goes back and reloads without losing the unsent score, which leaves from another page when the network returns", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { db, contest, part, team } = await oneSheetStage({
    title: "Hội diễn mất sóng",
    judgePhone: "0900000007",
    part: { name: "Chào hỏi", maxScore: 20 },
    team: "Đội Sông Hậu",
  });
  const held = async () =>
    (
      await db
        .select({ totalTenths: stageScores.totalTenths })
        .from(stageScores)
        .where(and(eq(stageScores.partId, part.id), eq(stageScores.teamId, team.id)))
    )[0];

  // The phone reaches the app through a relay that the dead zone cuts as well: the service worker,
  // restarted by the offline reload, could otherwise send before Chromium's emulation covers it.
  const wire = await wireDeadZone(baseURL!);
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL: wire.baseURL });
  const emulated = await deadZone(context);
  const setOffline = async (on: boolean) => {
    wire.setOffline(on);
    await emulated(on);
  };
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill("0900000007");
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  const board = `/judge/contests/${contest.id}`;
  await page.goto(board);
  await kept(page, `${board}.data`);
  await page.getByRole("link", { name: /Chào hỏi — Đội Sông Hậu/ }).click();
  const sheet = `${board}/parts/${part.id}/teams/${team.id}`;
  await expect(page).toHaveURL(new RegExp(`${sheet}$`));
  await kept(page, sheet);

  await setOffline(true);
  await page.getByRole("textbox").and(page.locator('input[name^="score-"]')).fill("14");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText(/Chưa gửi được vì mất mạng/)).toBeVisible();

  // Back to the board while offline: from the phone's copy, with the unsent score counted.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${board}$`));
  await expect(page.getByText("1 điểm chưa gửi được")).toBeVisible();
  // Reloaded offline: the same.
  await page.reload();
  await expect(page.getByRole("heading", { name: contest.title })).toBeVisible();
  await expect(page.getByText("1 điểm chưa gửi được")).toBeVisible();
  // The sheet again, offline: it shows the score the phone keeps, not empty boxes.
  // (Before: empty boxes and "0/20" beside "Chưa gửi được", and still empty once it was saved.)
  await page.goto(sheet);
  await expect(page.getByRole("textbox").and(page.locator('input[name^="score-"]'))).toHaveValue("14");
  await expect(page.getByText(/Chưa gửi được vì mất mạng/)).toBeVisible();
  // A page the phone never kept says it is offline, in Vietnamese, and that nothing is lost.
  await page.goto("/organiser").catch(() => undefined);
  await expect(page.getByRole("heading", { name: "Mất kết nối" })).toBeVisible();
  expect(await held()).toBeUndefined();

  // The network returns; the judge opens the home page, and the kept score leaves from there.
  await setOffline(false);
  await page.getByRole("link", { name: /về trang chủ/ }).click();
  await expect(page.getByRole("link", { name: "Hội Thi", exact: true })).toBeVisible();
  await expect.poll(held, { timeout: 20_000 }).toEqual({ totalTenths: 140 });
  await context.close();
  await wire.close();
});

test("the app can be installed: a manifest with its Vietnamese name and icons, and a service worker in control", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({
    short_name: "Hội Thi",
    lang: "vi",
    display: "standalone",
    start_url: "/",
  });
  expect(manifest.name).toContain("Hội Thi");
  for (const size of ["192x192", "512x512"]) {
    const icon = manifest.icons.find((i: { sizes: string }) => i.sizes === size);
    const response = await request.get(icon.src);
    expect(response.headers()["content-type"]).toBe("image/png");
  }
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.ready.then((r) => !!r.active)), {
      timeout: 15_000,
    })
    .toBe(true);
});

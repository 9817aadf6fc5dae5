/**
 * Issue 15, item 1 for the judges: an older offline save from one phone
 * cannot overwrite a newer correction made on another (decision 006).
 * Its own stage contest (the demo one belongs to stage.spec).
 */
import { devices, type Browser, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { stageJudges, stageScores, users } from "#db/schema";
import { deadZone, expect, hydrated, oneSheetStage, test } from "./fixtures";

async function judgePhone(browser: Browser, baseURL: string, phone: string) {
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL });
  const page = await context.newPage();
  page.on("console", () => undefined);
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  return { page, context };
}

/**
 * A one-sheet stage contest judged by 0900000006 and 0900000007 (one tablet between them), and
 * the scores held for its one team, by judge.
 */
async function panelOfTwo(title: string, team: string) {
  const stage = await oneSheetStage({
    title,
    judgePhone: "0900000006",
    part: { name: "Chào hỏi", maxScore: 20 },
    team,
  });
  const { db, contest, part } = stage;
  const [second] = await db.select({ id: users.id }).from(users).where(eq(users.phone, "0900000007"));
  await db.insert(stageJudges).values({ contestId: contest.id, userId: second.id });
  const held = () =>
    db
      .select({ judge: users.phone, totalTenths: stageScores.totalTenths })
      .from(stageScores)
      .innerJoin(users, eq(users.id, stageScores.judgeUserId))
      .where(and(eq(stageScores.partId, part.id), eq(stageScores.teamId, stage.team.id)));
  return { ...stage, held };
}

test("one judge on two phones: a score saved offline on one arrives after a correction on the other and does not overwrite it", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { db, part, team, sheet } = await oneSheetStage({
    title: "Hội diễn hai điện thoại",
    judgePhone: "0900000006",
    part: { name: "Chào hỏi", maxScore: 20 },
    team: "Đội Một",
  });
  const held = async () =>
    (
      await db
        .select({
          totalTenths: stageScores.totalTenths,
          comment: stageScores.comment,
          version: stageScores.version,
        })
        .from(stageScores)
        .where(and(eq(stageScores.partId, part.id), eq(stageScores.teamId, team.id)))
    )[0];

  const a = await judgePhone(browser, baseURL!, "0900000006");
  const b = await judgePhone(browser, baseURL!, "0900000006");
  for (const phone of [a, b]) {
    await phone.page.goto(sheet);
    await hydrated(phone.page);
  }
  const score = (page: Page) => page.getByRole("textbox").and(page.locator('input[name^="score-"]'));

  // Phone A loses the network and saves 12: kept on the phone.
  const setOffline = await deadZone(a.context);
  await setOffline(true);
  await score(a.page).fill("12");
  await a.page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(a.page.getByText(/Chưa gửi được vì mất mạng/)).toBeVisible();

  // Phone B saves 15 with a comment: the newer correction.
  await score(b.page).fill("15");
  await b.page.getByLabel("Nhận xét").fill("Sửa lại sau khi xem lại");
  await b.page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(b.page.getByText("Đã lưu điểm.")).toBeVisible();
  expect(await held()).toEqual({ totalTenths: 150, comment: "Sửa lại sau khi xem lại", version: 1 });

  // A's network returns: its older save arrives last and loses; A shows what the server holds.
  // (Before: the last save to arrive won, and 12 replaced the correction.)
  await setOffline(false);
  await expect(a.page.getByText("Điểm này đã được sửa trên thiết bị khác")).toBeVisible({ timeout: 20_000 });
  await expect(score(a.page)).toHaveValue("15");
  await expect(a.page.getByLabel("Nhận xét")).toHaveValue("Sửa lại sau khi xem lại");
  expect(await held()).toEqual({ totalTenths: 150, comment: "Sửa lại sau khi xem lại", version: 1 });

  // Now on version 1, A's next save is the newest and wins.
  await score(a.page).fill("16");
  await a.page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(a.page.getByText("Đã lưu điểm.")).toBeVisible();
  expect(await held()).toMatchObject({ totalTenths: 160, version: 2 });
  await a.context.close();
  await b.context.close();
});

test("a judge signed out in another tab: the score is kept on the phone, not dropped, and sent after signing in again", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { db, part, team, sheet } = await oneSheetStage({
    title: "Hội diễn đăng xuất",
    judgePhone: "0900000004",
    part: { name: "Tiểu phẩm", maxScore: 50 },
    team: "Đội Bến Tre",
  });
  const held = async () =>
    (
      await db
        .select({ totalTenths: stageScores.totalTenths })
        .from(stageScores)
        .where(and(eq(stageScores.partId, part.id), eq(stageScores.teamId, team.id)))
    )[0];

  const { page, context } = await judgePhone(browser, baseURL!, "0900000004");
  await page.goto(sheet);
  await hydrated(page);
  const tab = await context.newPage();
  await tab.goto("/");
  await tab.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(tab.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
  await tab.close();

  await page.getByRole("textbox").and(page.locator('input[name^="score-"]')).fill("41,5");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  // (Before: the 401 was taken as a refusal and the score was dropped from the phone.)
  await expect(page.getByText("Bạn đã đăng xuất nên điểm chưa được gửi")).toBeVisible();
  expect(await held()).toBeUndefined();

  await page.getByRole("link", { name: "Đăng nhập lại để gửi điểm" }).click();
  await page.getByLabel("Số điện thoại").fill("0900000004");
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`${sheet}$`));
  await expect.poll(held, { timeout: 20_000 }).toEqual({ totalTenths: 415 });
  await context.close();
});

test("a tablet shared by two judges of one panel: the score judge A kept unsent is never saved as judge B's, and is sent when A is back", async ({
  browser,
  baseURL,
  allowConsole,
}) => {
  test.setTimeout(120_000);
  allowConsole(/status of (401|404)/);
  const { contest, sheet, held } = await panelOfTwo("Hội diễn máy tính bảng chung", "Đội Hòa Bình");

  // Judge A's session ends in another tab, so the score A saves stays on the tablet.
  const { page, context } = await judgePhone(browser, baseURL!, "0900000006");
  await page.goto(sheet);
  await hydrated(page);
  const tab = await context.newPage();
  await tab.goto("/");
  await tab.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(tab.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
  await tab.close();
  await page.getByRole("textbox").and(page.locator('input[name^="score-"]')).fill("12");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Bạn đã đăng xuất nên điểm chưa được gửi")).toBeVisible();

  // Judge B, on the same panel, signs in on the tablet: the home page, then B's own board and sheet.
  // (Before: A's kept 12 went out under B's session and was saved as B's score.)
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill("0900000007");
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  await page.goto(`/judge/contests/${contest.id}`);
  await hydrated(page);
  await expect(page.getByText(/điểm chưa gửi/i)).toHaveCount(0);
  await page.goto(sheet);
  await hydrated(page);
  await expect(page.getByRole("textbox").and(page.locator('input[name^="score-"]'))).toHaveValue("");
  await page.goto("/");
  await hydrated(page);
  expect(await held()).toEqual([]);

  // B scores the team: B's own score, beside nothing of A's.
  await page.goto(sheet);
  await hydrated(page);
  await page.getByRole("textbox").and(page.locator('input[name^="score-"]')).fill("17");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Đã lưu điểm.")).toBeVisible();
  expect(await held()).toEqual([{ judge: "0900000007", totalTenths: 170 }]);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);

  // A signs in again: the 12 kept on the tablet is sent as A's, and B's 17 stays B's.
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill("0900000006");
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  await expect
    .poll(async () => (await held()).sort((x, y) => x.judge.localeCompare(y.judge)), { timeout: 20_000 })
    .toEqual([
      { judge: "0900000006", totalTenths: 120 },
      { judge: "0900000007", totalTenths: 170 },
    ]);
  await context.close();
});

test("judge A's sheet left open while judge B signs in on the tablet: A's save is kept for A, not saved as B's", async ({
  browser,
  baseURL,
  allowConsole,
}) => {
  test.setTimeout(120_000);
  allowConsole(/status of 404/);
  const { contest, sheet, held } = await panelOfTwo("Hội diễn phiếu để mở", "Đội Sơn La");

  const { page, context } = await judgePhone(browser, baseURL!, "0900000006");
  await page.goto(sheet);
  await hydrated(page);
  // In another tab of the tablet, A signs out and B signs in.
  const tab = await context.newPage();
  await tab.goto("/");
  await tab.getByRole("button", { name: "Đăng xuất" }).click();
  // Signed out before the sign-in page is asked for (it sends a signed-in judge home).
  await expect(tab.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
  await tab.goto("/login");
  await tab.getByLabel("Số điện thoại").fill("0900000007");
  await tab.getByLabel("Mật khẩu").fill("hoithi2026");
  await tab.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(tab.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  await tab.close();

  // A's sheet, still open, saves 14: the server refuses it as B's, and the sheet keeps it for A.
  const refused = page.waitForResponse((r) => r.url().endsWith(`/api/stage/${contest.id}/scores`));
  await page.getByRole("textbox").and(page.locator('input[name^="score-"]')).fill("14");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  expect((await refused).status()).toBe(404);
  await expect(page.getByText("Bạn đã đăng xuất nên điểm chưa được gửi")).toBeVisible();
  expect(await held()).toEqual([]);
  await context.close();
});

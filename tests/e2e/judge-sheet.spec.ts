/**
 * A judge moving between teams on the score sheet ("Đội tiếp theo →", the
 * phone's Back button): each team's sheet shows that team's own score; an
 * empty box is told in the app's words.
 */
import { devices } from "@playwright/test";
import { eq } from "drizzle-orm";
import { stageScores, teams } from "#db/schema";
import { expect, hydrated, oneSheetStage, test } from "./fixtures";

test("Đội tiếp theo opens the next team's own sheet: the previous team's score is never shown or saved as the next one's", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { db, contest, part, team, sheet } = await oneSheetStage({
    title: "Hội diễn chuyển đội",
    judgePhone: "0900000006",
    part: { name: "Chào hỏi", maxScore: 20 },
    team: "Đội Phú Lợi",
  });
  const [second] = await db
    .insert(teams)
    .values({ contestId: contest.id, number: 2, name: "Đội Phú Hòa", nameKey: "đội phú hòa" })
    .returning();
  const held = async () =>
    Object.fromEntries(
      (
        await db
          .select({ teamId: stageScores.teamId, totalTenths: stageScores.totalTenths })
          .from(stageScores)
          .where(eq(stageScores.partId, part.id))
      ).map((s) => [s.teamId, s.totalTenths]),
    );

  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill("0900000006");
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  await page.goto(sheet);
  await hydrated(page);
  const box = page.getByRole("textbox").and(page.locator('input[name^="score-"]'));

  // Saved with the box empty: the app's own message under it, the box focused, nothing sent.
  // (Before: only the browser's popup, in the browser's language.)
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(box).toHaveAccessibleDescription("Chưa nhập điểm.");
  await expect(box).toBeFocused();
  expect(await held()).toEqual({});

  await box.fill("8,5");
  await page.getByLabel("Nhận xét").fill("Chào hỏi sinh động");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Đã lưu điểm.")).toBeVisible();

  // The next team's sheet starts empty. (Before: it kept 8,5 and the comment, and saving sent them
  // as the next team's score.)
  await page.getByRole("link", { name: "Đội tiếp theo →" }).click();
  await expect(page.getByRole("heading", { name: /Đội Phú Hòa/ })).toBeVisible();
  await expect(box).toHaveValue("");
  await expect(page.getByLabel("Nhận xét")).toHaveValue("");
  await expect(page.getByText("Tổng: 0/20 điểm")).toBeVisible();
  await box.fill("7");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Đã lưu điểm.")).toBeVisible();
  expect(await held()).toEqual({ [team.id]: 85, [second.id]: 70 });

  // Back to the first team: its own score and comment.
  await page.goBack();
  await expect(page.getByRole("heading", { name: /Đội Phú Lợi/ })).toBeVisible();
  await expect(box).toHaveValue("8,5");
  await expect(page.getByLabel("Nhận xét")).toHaveValue("Chào hỏi sinh động");
  // A correction made there replaces the first team's score only.
  await box.fill("9");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Đã lưu điểm.")).toBeVisible();
  expect(await held()).toEqual({ [team.id]: 90, [second.id]: 70 });
  await context.close();
});

/**
 * Issue 20, item 4: the organiser's Điều hành page warns during the show,
 * without a reload, when judges disagree beyond the threshold and when a
 * judge has not scored the team that just finished; each alert goes once it
 * no longer holds.
 */
import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { stageJudges, teams, users } from "#db/schema";
import { saveJudgeScore } from "~/models/stage-judging.server";
import { expect, hydrated, oneSheetStage, signedInPage, signIn, test } from "./fixtures";

/** A judge saves a part's total for a team on their phone's score sheet. */
async function scoreOnPhone(page: Page, sheet: string, points: string) {
  await page.goto(sheet);
  await hydrated(page);
  await page.getByRole("textbox").and(page.locator('input[name^="score-"]')).fill(points);
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Đã lưu điểm.")).toBeVisible();
}

test("the organiser's live page shows judges' disagreement and a judge missing for the team that just finished, as they happen", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { db, contest, part, team, sheet } = await oneSheetStage({
    title: "Hội thi cảnh báo",
    judgePhone: "0900000006",
    part: { name: "Chào hỏi", maxScore: 20 },
    team: "Đội số 1 — Cảnh báo",
  });
  const [second] = await db
    .insert(teams)
    .values({
      contestId: contest.id,
      number: 2,
      name: "Đội số 2 — Cảnh báo",
      nameKey: `canh-bao-2-${contest.id}`,
    })
    .returning();
  const judge = async (phone: string) => (await db.select().from(users).where(eq(users.phone, phone)))[0];
  const [mai, nam, khai] = await Promise.all(["0900000006", "0900000007", "0900000004"].map(judge));
  await db.insert(stageJudges).values([
    { contestId: contest.id, userId: nam.id },
    { contestId: contest.id, userId: khai.id },
  ]);

  await signIn(page, "0900000002");
  await page.goto(`/organiser/stage/${contest.id}/live`);
  await hydrated(page);
  const alerts = page.getByRole("region", { name: "Cảnh báo chấm điểm" });
  await expect(alerts).toContainText("Chưa có cảnh báo");
  // Set on this very page: still there at the end means it was never reloaded.
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));

  // Two judges score team 1 far apart on their phones (4 and 18 of 20: more than 20 % apart).
  const [maiPhone, namPhone] = await Promise.all(
    ["0900000006", "0900000007"].map((phone) => signedInPage(browser, phone)),
  );
  await scoreOnPhone(maiPhone, sheet, "4");
  await scoreOnPhone(namPhone, sheet, "18");

  const spread = alerts.getByRole("listitem").filter({ hasText: "Chênh lệch" });
  await expect(spread).toContainText(team.name);
  await expect(spread).toContainText(part.name);
  await expect(spread).toContainText(`thấp nhất 4 (${mai.fullName})`);
  await expect(spread).toContainText(`cao nhất 18 (${nam.fullName})`);
  // Team 1 is the team that just finished (team 2 has no score yet): the third judge is missing.
  const missing = alerts.getByRole("listitem").filter({ hasText: "Chưa chấm" });
  // Its tag and its text read apart ("Chưa chấm: Giám khảo …"), not run together.
  await expect(missing).toHaveText(
    new RegExp(`^Chưa chấm: Giám khảo ${khai.fullName} chưa chấm ${team.name}`),
  );
  await expect(alerts.getByRole("status")).toHaveText(/^\d cảnh báo mới$/);

  // The missing judge scores (here through the model, as the server would save it): that alert goes.
  await saveJudgeScore(db, {
    contestId: contest.id,
    partId: part.id,
    teamId: team.id,
    judge: { id: khai.id, role: "judge" },
    values: { total: 5 },
    comment: "",
  });
  await expect(missing).toHaveCount(0);
  await expect(spread).toHaveCount(1);

  // The judge who gave 18 corrects it to 6: with 4, 5 and 6 the judges agree, no alert is left.
  await scoreOnPhone(namPhone, sheet, "6");
  await expect(alerts.getByRole("listitem")).toHaveCount(0);
  await expect(alerts.getByRole("status")).toHaveText("Không còn cảnh báo chấm điểm");

  // Team 2 performs next and one judge has scored it: now it is the team that just finished.
  await scoreOnPhone(maiPhone, sheet.replace(`/teams/${team.id}`, `/teams/${second.id}`), "15");
  await expect(missing).toHaveCount(2);
  await expect(missing.first()).toContainText(second.name);
  await expect(alerts.getByRole("status")).toHaveText("2 cảnh báo mới");

  expect(await page.evaluate(() => "stillThisPage" in window)).toBe(true);
});

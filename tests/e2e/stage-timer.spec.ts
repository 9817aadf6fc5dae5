import { and, eq } from "drizzle-orm";
import { auditLog, stagePartResults, stageParts } from "#db/schema";
import { expect, hydrated, oneSheetStage, signIn, test } from "./fixtures";

test("the timekeeper times a team, the projector shows the running clock, and a correction needs a reason", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const { db, contest, part, team } = await oneSheetStage({
    title: "Hội thi bấm giờ",
    judgePhone: "0900000004",
    part: { name: "Tiểu phẩm", maxScore: 50 },
    team: "Đội Bấm Giờ",
  });

  // The organiser sets the part's window as m:ss and minutes, with a penalty per started minute short.
  await signIn(page, "0900000002");
  await page.goto(`/organiser/stage/${contest.id}/parts`);
  await hydrated(page);
  const settings = page.getByRole("region", { name: "Tiểu phẩm" });
  await settings.getByLabel("Thời gian tối thiểu (phút:giây hoặc số phút)").fill("0:3o");
  await settings.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(settings.getByText(/Thời gian không đọc được/)).toBeVisible();
  await settings.getByLabel("Thời gian tối đa (phút)").fill("1");
  await settings.getByLabel("Thời gian tối thiểu (phút:giây hoặc số phút)").fill("0:30");
  await settings.getByLabel("Trừ điểm mỗi phút thiếu").fill("1");
  await settings.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  const [saved] = await db.select().from(stageParts).where(eq(stageParts.id, part.id));
  expect([saved.timeLimitSec, saved.minTimeSec, saved.undertimePenaltyPerMin]).toEqual([60, 30, 1]);

  // The stage page links the timekeeper's screen.
  await page.goto(`/organiser/stage/${contest.id}`);
  await page.getByRole("link", { name: "Bấm giờ" }).click();
  await expect(page.getByRole("heading", { name: /Bấm giờ/, level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Bấm giờ — Ban tổ chức");
  await hydrated(page);
  // Only the penalty this part has (none for going over): not "0 điểm mỗi phút vượt".
  await expect(
    page.getByText("Thời gian cho phép: 00:30–01:00. Trừ 1 điểm mỗi phút thiếu (tính cả phút chưa trọn)."),
  ).toBeVisible();
  await expect(page.getByText(/mỗi phút vượt/)).toHaveCount(0);

  const projector = await (await browser.newContext({ baseURL })).newPage();
  await projector.goto(`/contests/${contest.slug}/scoreboard`);
  await expect(projector.getByTestId("scoreboard-timer")).toHaveCount(0);

  await page.getByRole("button", { name: "Bắt đầu" }).click();
  const clock = page.getByRole("timer", { name: "Thời gian đang chạy của Đội Bấm Giờ" });
  await expect(clock).toBeVisible();
  // The projector picks the performance up within its 2-second refresh and runs the clock.
  await expect(projector.getByText("Đang thi: Đội Bấm Giờ")).toBeVisible({ timeout: 4000 });
  await expect(projector.getByTestId("scoreboard-timer")).toHaveText(/^00:0[0-9] \/ 00:30–01:00$/);
  await expect(projector.getByTestId("scoreboard-timer")).toHaveText(/^00:0[2-9] \/ 00:30–01:00$/, {
    timeout: 5000,
  });
  // A reload shows the same running clock, stamped by the server.
  await page.reload();
  await hydrated(page);
  await expect(clock).toHaveText(/^00:0[2-9]$/);
  await page.getByRole("button", { name: "Dừng" }).click();
  await expect(page.getByText(/^Đội Bấm Giờ: 00:0[2-9]\.$/)).toBeVisible();
  const row = page.getByTestId(`timer-team-${team.id}`);
  await expect(row).toContainText(/00:0[2-9] \(thiếu 00:2[1-8]\)/);
  await expect(row).toContainText("−1");
  await expect(projector.getByTestId("scoreboard-timer")).toHaveCount(0, { timeout: 4000 });

  // A correction without a reason is refused and keeps what was typed; with one it is saved and audited.
  await row.getByText("Sửa thời gian").click();
  const time = row.getByLabel("Đội Bấm Giờ: thời gian (phút:giây)");
  await time.fill("1:15");
  await row.getByRole("button", { name: "Lưu thời gian" }).click();
  await expect(page.getByRole("alert")).toContainText("Hãy ghi lý do sửa thời gian");
  await expect(time).toHaveValue("1:15");
  await row.getByLabel("Đội Bấm Giờ: lý do sửa").fill("Bấm dừng muộn, theo video");
  await row.getByRole("button", { name: "Lưu thời gian" }).click();
  await expect(page.getByText("Đã sửa thời gian của Đội Bấm Giờ: 01:15.")).toBeVisible();
  await expect(row).toContainText("01:15 (vượt 00:15)");
  await expect(row).toContainText("−0");
  const [result] = await db
    .select()
    .from(stagePartResults)
    .where(and(eq(stagePartResults.partId, part.id), eq(stagePartResults.teamId, team.id)));
  expect(result).toMatchObject({ durationSec: 75, overtimeSec: 15, undertimeSec: 0 });
  const audits = await db.select().from(auditLog).where(eq(auditLog.action, "stage.timer.edit"));
  expect(audits.some((a) => JSON.stringify(a.after).includes("Bấm dừng muộn, theo video"))).toBe(true);
});

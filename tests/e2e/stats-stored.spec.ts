/**
 * Issue 21 item 5: a contest's statistics are stored and shared by the
 * server's workers (decision 011). An entry submitted after the organiser
 * opened the page shows within a few seconds, and the page says when its
 * figures were current.
 */
import { createFinishedAttempts, createUser } from "../factories";
import { e2eDb, expect, makeContest, signIn, test, uniquePhone } from "./fixtures";

test("an entry submitted after the organiser opened the statistics is counted within a few seconds", async ({
  page,
}) => {
  const db = await e2eDb();
  const contest = await makeContest({ title: "Thống kê lưu sẵn" });
  const enter = async (score: number) => {
    const user = await createUser(db, { phone: uniquePhone() });
    await createFinishedAttempts(db, [{ contestId: contest.id, userId: user.id, score }]);
  };
  await enter(12);
  await enter(15);
  await signIn(page, "0900000002");
  await page.goto(`/staff/contests/${contest.id}/stats`);
  await expect(page.getByTestId("stats-summary")).toHaveText("2 người dự thi, 2 bài dự thi");
  await expect(page.getByTestId("stats-as-of")).toContainText("bài vừa nộp được tính sau vài giây");

  await enter(20);
  // The stored figures are rechecked 3 s after they were last known current: reloading counts it by then.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("stats-summary")).toHaveText("3 người dự thi, 3 bài dự thi", {
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });
  // Every worker reads the same stored figures: the public stats.json agrees.
  const json = await (await page.request.get(`/api/contests/${contest.slug}/stats.json`)).json();
  expect(json.totals).toMatchObject({ participants: 3, entries: 3 });
});

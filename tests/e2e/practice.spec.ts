/**
 * Thi thử (practice mode), driven through the pages: a resident whose one
 * real attempt is used up practises on a contest like the demo's open one,
 * sees a practice result marked "Thi thử" with no receipt code, and the
 * public statistics, the committee's ranking and, once announced,
 * results.json are exactly what they would have been without it.
 */
import { eq } from "drizzle-orm";
import { contests } from "#db/schema";
import { createFinishedAttempts, createPrizes, createUser } from "../factories";
import {
  answer,
  answerKey,
  e2eDb,
  expect,
  makeContest,
  register,
  signedInPage,
  startQuiz,
  submitQuiz,
  test,
} from "./fixtures";

/** Submits the open quiz page through "Nộp bài" and its confirmation. */
/** Makes the next statistics request compute afresh (the memo is kept per contest version). */
async function touch(contestId: number) {
  const db = await e2eDb();
  await db.update(contests).set({ updatedAt: Date.now() }).where(eq(contests.id, contestId));
}

test("the demo's open contest offers Thi thử beside the real start", async ({ page }) => {
  await register(page, "Lê Thị Thử");
  await page.goto("/contests/cchc-cds-2026");
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toBeVisible();
  const practice = page.getByRole("button", { name: "Thi thử" });
  await expect(practice).toHaveCount(1);
  await expect(practice).not.toHaveAccessibleName(/Bắt đầu làm bài|đội/);
});

test("the organiser turns practice on for a running contest on its form, and residents then see Thi thử", async ({
  page,
  browser,
}) => {
  const minute = 60_000;
  const now = Math.floor(Date.now() / minute) * minute;
  const contest = await makeContest({ opensAt: now - 60 * minute, closesAt: now + 24 * 60 * minute });
  const db = await e2eDb();
  // Someone has entered: practice still changes without an amendment (it ranks nobody).
  const entrant = await createUser(db, {});
  await createFinishedAttempts(db, [{ contestId: contest.id, userId: entrant.id, score: 1, maxScore: 5 }]);

  await register(page, "Phạm Thị Luyện");
  await page.goto(`/contests/${contest.slug}`);
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Thi thử" })).toHaveCount(0);

  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto(`/organiser/contests/${contest.id}`);
  const setting = organiser.getByLabel("Cho phép thi thử");
  await expect(setting).not.toBeChecked();
  await setting.check();
  await organiser.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(organiser.getByText("Đã lưu.")).toBeVisible();
  await organiser.reload();
  await expect(organiser.getByLabel("Cho phép thi thử")).toBeChecked();
  await organiser.context().close();

  await page.reload();
  await expect(page.getByRole("button", { name: "Thi thử" })).toBeVisible();
  await expect(page.getByText("Thi thử: trong thời gian cuộc thi", { exact: false })).toBeVisible();
});

test("a practice attempt is marked Thi thử, has no receipt and changes no statistic, ranking or results.json", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const db = await e2eDb();
  const tag = Date.now().toString(36);
  const ward = await db.query.wards.findFirst();
  const unit = await db.query.units.findFirst({ where: (u, { eq }) => eq(u.name, "Tổ dân phố 3") });
  const contest = await makeContest({
    title: `Thi thử ${tag}`,
    practiceEnabled: true,
    maxAttempts: 1,
    reviewPolicy: "after_submit",
    entryModes: "both",
  });
  await createPrizes(db, contest.id, [
    { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 500_000 },
    { category: "individual", rank: 2, label: "Nhì", count: 1, amount: 300_000 },
    { category: "collective", rank: 1, label: "Nhất", count: 1, amount: 500_000 },
  ]);
  const others = [];
  for (const [i, score] of [3, 2, 1].entries())
    others.push({
      user: await createUser(db, { unitId: unit?.id ?? null, fullName: `Người ${tag} số ${i + 1}` }),
      score,
    });
  await createFinishedAttempts(
    db,
    others.map((o, i) => ({
      contestId: contest.id,
      userId: o.user.id,
      score: o.score,
      maxScore: 5,
      submittedAt: Date.now() - 600_000 + i * 1000,
    })),
  );
  expect(ward).toBeTruthy();

  // The resident's one real attempt, all wrong, used up.
  const name = `Trần Văn Thử ${tag}`;
  await register(page, name);
  const realId = await startQuiz(page, contest.slug);
  const realKey = await answerKey(realId);
  for (let n = 1; n <= 5; n++) await answer(page, realKey, n, false);
  await submitQuiz(page);
  await expect(page.getByRole("heading", { name: "Kết quả bài dự thi" })).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

  await page.goto(`/contests/${contest.slug}`);
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toHaveCount(0);
  await expect(page.getByText("Bạn đã dự thi 1 lần (tối đa 1 lần)", { exact: false })).toBeVisible();

  // Before: the public statistics and the committee's ranking, computed afresh.
  await touch(contest.id);
  const statsBefore = await (await request.get(`/api/contests/${contest.slug}/stats.json`)).json();
  expect(statsBefore.totals.entries).toBe(4);
  const committee = await signedInPage(browser, "0900000003");
  await committee.goto(`/committee/contests/${contest.id}`);
  const ranking = committee.getByRole("region", { name: "Xếp hạng cá nhân" });
  await expect(ranking).toContainText(name);
  const rankingBefore = await ranking.innerText();
  const collectiveBefore = await committee.getByRole("region", { name: "Xếp hạng tập thể" }).innerText();

  // Thi thử: allowed though the real attempt is used up; a fresh paper by the same draw.
  await page.getByRole("button", { name: "Thi thử" }).click();
  await expect(page).toHaveURL(/\/attempts\//);
  const practiceId = page.url().split("/attempts/")[1].split(/[/?#]/)[0];
  expect(practiceId).not.toBe(realId);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Thi thử");
  await expect(page.getByRole("note")).toContainText("THI THỬ");
  const key = await answerKey(practiceId);
  expect(key.size).toBe(5);
  for (let n = 1; n <= 5; n++) await answer(page, key, n, true);
  await submitQuiz(page);
  await expect(page.getByRole("heading", { name: "Kết quả thi thử" })).toBeVisible();
  await expect(page.getByText("5/5").first()).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveCount(0);
  await expect(page.getByText("Mã xác nhận", { exact: true })).toHaveCount(0);
  await expect(page.getByText("không có mã xác nhận", { exact: false }).first()).toBeVisible();
  // The real attempt is used up, so this contest's rule (after submit) shows the answers.
  await expect(page.getByRole("heading", { name: "Đáp án và giải thích" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Thi thử lần nữa" })).toBeVisible();

  // My entries list the real entry only.
  await page.goto("/me/entries");
  await expect(page.locator(`a[href="/attempts/${practiceId}/result"]`)).toHaveCount(0);
  await expect(page.locator(`a[href="/attempts/${realId}/result"]`)).toHaveCount(1);

  // After: the same statistics and ranking.
  await touch(contest.id);
  const statsAfter = await (await request.get(`/api/contests/${contest.slug}/stats.json`)).json();
  expect(statsAfter).toEqual(statsBefore);
  await committee.reload();
  await expect(ranking).toContainText(name);
  expect(await ranking.innerText()).toBe(rankingBefore);
  expect(await committee.getByRole("region", { name: "Xếp hạng tập thể" }).innerText()).toBe(
    collectiveBefore,
  );

  // Close, lock and announce: results.json has the real ranking, the practice 5/5 nowhere.
  await db
    .update(contests)
    .set({ closesAt: Date.now() - 1000, updatedAt: Date.now() })
    .where(eq(contests.id, contest.id));
  await committee.reload();
  await committee.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(committee.getByText("Kết quả đã chốt.")).toBeVisible({ timeout: 20_000 });
  await committee.getByRole("button", { name: "Công bố kết quả" }).click();
  await expect(committee.getByText("Đã công bố kết quả")).toBeVisible({ timeout: 20_000 });
  const json = await (await request.get(`/api/contests/${contest.slug}/results.json`)).json();
  expect(json.individual.map((w: { name: string; score: number }) => [w.name, w.score])).toEqual([
    [`Người ${tag} số 1`, 3],
    [`Người ${tag} số 2`, 2],
  ]);
  expect(JSON.stringify(json)).not.toContain(name);
  await committee.context().close();
});

import { eq } from "drizzle-orm";
import { contests } from "#db/schema";
import { startAttempt } from "~/models/attempt.server";
import { createFinishedAttempts, createUser, TEST_PASSWORD } from "../factories";
import {
  DEMO_PASSWORD,
  e2eDb,
  expect,
  makeContest,
  register,
  signedInPage,
  signIn,
  startQuiz,
  test,
  uniquePhone,
} from "./fixtures";

const ORGANISER = "0900000002";
const ADMIN = "0900000001";

test("after the first entry, a rule change is an amendment with a reason, published on the contest page; after the close, none", async ({
  page,
}) => {
  const db = await e2eDb();
  // Minute-exact, as the organiser's form sets them.
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const contest = await makeContest({
    title: "Cuộc thi có sửa đổi thể lệ",
    reviewPolicy: "after_close",
    opensAt: minute - 3_600_000,
    closesAt: minute + 24 * 3_600_000,
  });
  const resident = await createUser(db, { phone: uniquePhone() });
  await startAttempt(db, { contest, userId: resident.id, now: Date.now(), ip: null });

  await signIn(page, ORGANISER, DEMO_PASSWORD);
  await page.goto(`/organiser/contests/${contest.id}`);
  await page.getByLabel("Công bố đáp án").selectOption({ label: "Không công bố" });
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("cần ghi lý do", { exact: false })).toBeVisible();
  // Nothing changed without the reason.
  expect((await db.select().from(contests).where(eq(contests.id, contest.id)))[0].reviewPolicy).toBe(
    "after_close",
  );
  await page.getByLabel("Công bố đáp án").selectOption({ label: "Không công bố" });
  await page.getByLabel("Lý do sửa đổi thể lệ").fill("Theo chỉ đạo của UBND phường ngày 20/4");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu").first()).toBeVisible();

  await page.goto(`/contests/${contest.slug}`);
  const amendments = page.getByRole("heading", { name: "Sửa đổi thể lệ", exact: true }).locator("..");
  await expect(amendments).toContainText("Theo chỉ đạo của UBND phường ngày 20/4");
  await expect(amendments).toContainText("Công bố đáp án: sau khi kết thúc → không công bố");
  await expect(page.getByText("Cuộc thi không công bố đáp án.")).toBeVisible();

  // Once the contest has closed, no amendment is possible, whatever the reason.
  await db
    .update(contests)
    .set({ closesAt: Date.now() - 1000 })
    .where(eq(contests.id, contest.id));
  await page.goto(`/organiser/contests/${contest.id}`);
  await page.getByLabel("Lý do sửa đổi thể lệ").fill("Thêm giải sau khi biết kết quả");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("thể lệ không còn được sửa đổi", { exact: false })).toBeVisible();
});

test("with two attempts and answers right after submitting, a blank first attempt shows no key", async ({
  page,
}) => {
  const contest = await makeContest({ reviewPolicy: "after_submit", maxAttempts: 2 });
  await register(page);
  await startQuiz(page, contest.slug);
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/);
  await expect(page.getByText("Đáp án sẽ hiện khi bạn đã dùng hết số lần dự thi")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Đáp án đúng" })).toHaveCount(0);
});

test("an approval is of the ranking it saw: a change lapses it, and the panel says what changed", async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000);
  const db = await e2eDb();
  const [a, b] = [
    await createUser(db, { role: "committee", phone: uniquePhone(), fullName: "Thành viên Giáp" }),
    await createUser(db, { role: "committee", phone: uniquePhone(), fullName: "Thành viên Ất" }),
  ];
  const now = Date.now();
  const contest = await makeContest({ opensAt: now - 7_200_000, closesAt: now + 3_600_000 });
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto(`/organiser/contests/${contest.id}/committee`);
  for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
  await page.getByRole("checkbox", { name: /Thành viên Giáp/ }).check();
  await page.getByRole("checkbox", { name: /Thành viên Ất/ }).check();
  await page.getByLabel("Số thành viên phải đồng ý để chốt hoặc mở lại kết quả").fill("2");
  await page.getByRole("button", { name: "Lưu hội đồng" }).click();
  await expect(page.getByText("Đã lưu hội đồng xét duyệt.")).toBeVisible();

  const [winner, runnerUp] = [
    await createUser(db, { phone: uniquePhone(), fullName: "Người Nhất Cũ" }),
    await createUser(db, { phone: uniquePhone(), fullName: "Người Kế Tiếp" }),
  ];
  const { createPrizes } = await import("../factories");
  await createPrizes(db, contest.id, [
    { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 500_000 },
  ]);
  await createFinishedAttempts(db, [
    { contestId: contest.id, userId: winner.id, score: 5 },
    { contestId: contest.id, userId: runnerUp.id, score: 4 },
  ]);
  await db
    .update(contests)
    .set({ closesAt: Date.now() - 1000 })
    .where(eq(contests.id, contest.id));

  const first = await signedInPage(browser, a.phone, TEST_PASSWORD);
  await first.goto(`/committee/contests/${contest.id}`);
  await first.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(first.getByText("Đã có 1/2 thành viên đồng ý chốt.")).toBeVisible();

  // The second member disqualifies the winner: the ranking changes, the first approval lapses.
  const second = await signedInPage(browser, b.phone, TEST_PASSWORD);
  await second.goto(`/committee/contests/${contest.id}`);
  const row = second.getByRole("row").filter({ hasText: "Người Nhất Cũ" });
  await row.locator("summary").click();
  await row.getByRole("textbox").first().fill("Hai tài khoản trên một máy");
  await row.getByRole("button", { name: "Loại" }).click();
  await expect(second.getByText("Đã có 0/2 thành viên đồng ý chốt.")).toBeVisible();
  const approvals = second.getByRole("list", { name: "Ý kiến đồng ý chốt" });
  await expect(approvals).toContainText("Thành viên Giáp đồng ý lúc");
  await expect(approvals).toContainText("hết hiệu lực");
  await expect(approvals).toContainText("− Cá nhân · Nhất: Người Nhất Cũ");
  await expect(approvals).toContainText("+ Cá nhân · Nhất: Người Kế Tiếp");

  await second.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(second.getByText("Đã có 1/2 thành viên đồng ý chốt.")).toBeVisible();
  expect((await db.select().from(contests).where(eq(contests.id, contest.id)))[0].state).not.toBe("locked");
  await first.reload();
  await first.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(first.getByText("Đã chốt kết quả").first()).toBeVisible();
});

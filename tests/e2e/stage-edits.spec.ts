/**
 * Issue 14, items 5, 6 and 8 through the pages: a part edited after judges
 * scored keeps their values; numbers typed the Vietnamese way ("7,5" phút,
 * "0,5" điểm) are read as such; teams refuse a person twice and names that
 * differ only in capitals, and are renamed before the contest starts.
 * Each test makes its own stage contest (the demo one belongs to stage.spec).
 */
import { devices, type Browser, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { attempts, stageJudges, stageParts, teams, users } from "#db/schema";
import { createContest, createUser } from "../factories";
import { e2eDb, expect, hydrated, makeContest, register, startQuiz, test, uniquePhone } from "./fixtures";

const DAY = 24 * 60 * 60 * 1000;

async function signIn(page: Page, phone: string) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

/** A published stage contest starting in ten days, with two teams and the two outside judges on its jury. */
async function stageContest(title: string) {
  const db = await e2eDb();
  const contest = await createContest(db, {
    kind: "stage",
    title,
    entryModes: "team",
    stageAggregation: "mean",
    opensAt: Date.now() + 10 * DAY,
    closesAt: Date.now() + 11 * DAY,
  });
  const outside = await Promise.all(
    ["0900000006", "0900000007"].map(async (phone) => {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
      return row.id;
    }),
  );
  await db.insert(stageJudges).values(outside.map((userId) => ({ contestId: contest.id, userId })));
  return contest;
}

async function judgePhone(browser: Browser, baseURL: string, phone: string) {
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL });
  const page = await context.newPage();
  await signIn(page, phone);
  return { page, context };
}

test("the organiser changes a part's time limit after judges scored: their score sheets keep every value; “7,5” minutes and a “0,5” penalty are saved as such", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const contest = await stageContest(`Hội diễn sửa phần thi ${Date.now()}`);
  await signIn(page, "0900000002");

  // The part, typed the Vietnamese way.
  await page.goto(`/organiser/stage/${contest.id}/parts`);
  await hydrated(page);
  const add = page.getByRole("region", { name: "Thêm phần thi" });
  await add.getByLabel("Tên phần thi").fill("Chào hỏi");
  await add.getByLabel("Điểm tối đa", { exact: true }).fill("20");
  await add.getByLabel("Thời gian tối đa (phút)").fill("7,5");
  await add.getByLabel("Điểm trừ mỗi phút vượt (tính cả phút chưa trọn)").fill("0,5");
  await add.getByLabel("Tên tiêu chí 1").fill("Nội dung");
  await add.getByLabel("Điểm tối đa tiêu chí 1").fill("10");
  await add.getByLabel("Tên tiêu chí 2").fill("Hình thức");
  await add.getByLabel("Điểm tối đa tiêu chí 2").fill("10");
  await add.getByRole("button", { name: "Thêm phần thi" }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  const part = page.getByRole("region", { name: "Chào hỏi" });
  await expect(part.getByLabel("Thời gian tối đa (phút)")).toHaveValue("7,5");
  await expect(part.getByLabel("Điểm trừ mỗi phút vượt (tính cả phút chưa trọn)")).toHaveValue("0,5");
  const db = await e2eDb();
  const [saved] = await db.select().from(stageParts).where(eq(stageParts.contestId, contest.id));
  expect([saved.timeLimitSec, saved.overtimePenaltyPerMin]).toEqual([450, 0.5]);

  // Two teams, through the teams page.
  await page.goto(`/organiser/contests/${contest.id}/teams`);
  await hydrated(page);
  for (let i = 0; i < 2; i++) {
    await page.getByRole("button", { name: "Thêm đội" }).click();
    await expect(page.getByRole("region", { name: `Đội số ${i + 1}` })).toBeVisible();
  }
  const [team1] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.contestId, contest.id), eq(teams.number, 1)));

  // A judge scores team 1 on the phone: 8,5 and 7.
  const judge = await judgePhone(browser, baseURL!, "0900000006");
  const sheet = `/judge/contests/${contest.id}/parts/${saved.id}/teams/${team1.id}`;
  await judge.page.goto(sheet);
  await hydrated(judge.page);
  const inputs = judge.page.getByRole("textbox").and(judge.page.locator('input[name^="score-"]'));
  await inputs.nth(0).fill("8.5");
  await inputs.nth(1).fill("7");
  await expect(judge.page.getByText("Tổng: 15,5")).toBeVisible();
  await judge.page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(judge.page.getByText("Đã lưu điểm.")).toBeVisible();

  // The organiser changes only the time limit.
  await page.goto(`/organiser/stage/${contest.id}/parts`);
  await hydrated(page);
  await part.getByLabel("Thời gian tối đa (phút)").fill("8");
  await part.getByRole("button", { name: "Lưu", exact: true }).click();
  // Judges have scored: the change is an amendment of the thể lệ and needs a reason.
  await expect(part.getByText("cần ghi lý do", { exact: false })).toBeVisible();
  await part.getByLabel("Thời gian tối đa (phút)").fill("8");
  await part.getByLabel("Lý do sửa đổi thể lệ").fill("Thống nhất với các đội trước giờ diễn");
  await part.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await expect(part.getByLabel("Thời gian tối đa (phút)")).toHaveValue("8");

  // The judge's sheet still shows the score: not 0/20.
  await judge.page.goto(sheet);
  await expect(inputs.nth(0)).toHaveValue("8,5");
  await expect(inputs.nth(1)).toHaveValue("7");
  await expect(judge.page.getByText("Tổng: 15,5")).toBeVisible();
  await judge.page.goto(`/judge/contests/${contest.id}`);
  await expect(judge.page.getByText("Đã chấm: 15,5 điểm")).toBeVisible();

  // A number that reads two ways is refused with a message, and nothing changes.
  await page.getByRole("region", { name: "Chào hỏi" }).getByLabel("Điểm tối đa", { exact: true }).fill("7.5");
  await part.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(part.getByText("“7.5” có phần thập phân, nhưng ô này chỉ nhận số nguyên.")).toBeVisible();
  await judge.context.close();
});

test("a judge types 8,55 or 12 on the phone: told why before anything is sent", async ({ page }) => {
  const contest = await stageContest(`Hội diễn nhập điểm ${Date.now()}`);
  const db = await e2eDb();
  const [part] = await db
    .insert(stageParts)
    .values({ contestId: contest.id, position: 1, name: "Tiểu phẩm", maxScore: 10 })
    .returning();
  const [team] = await db
    .insert(teams)
    .values({ contestId: contest.id, number: 1, name: "Đội số 1", nameKey: "đội số 1" })
    .returning();
  await signIn(page, "0900000007");
  await page.goto(`/judge/contests/${contest.id}/parts/${part.id}/teams/${team.id}`);
  await hydrated(page);
  const box = page.getByLabel("Điểm (tối đa 10)", { exact: true });
  await box.fill("8,55");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("“8,55”: chỉ được 1 chữ số sau dấu phẩy, ví dụ 7,5.")).toBeVisible();
  await box.fill("12");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Nhập số từ 0 đến 10.")).toBeVisible();
  await box.fill("9.5");
  await page.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(page.getByText("Đã lưu điểm.")).toBeVisible();
});

test("teams: one person cannot join two teams, names differing only in capitals are refused, a team is renamed and moved before the start, and a judge who performs is not counted as missing", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const contest = await stageContest(`Hội diễn đội thi ${Date.now()}`);
  const db = await e2eDb();
  const phone = uniquePhone();
  await createUser(db, { phone, fullName: "Đỗ Thị Hạnh" });
  await signIn(page, "0900000002");
  await page.goto(`/organiser/contests/${contest.id}/teams`);
  await hydrated(page);

  const create = page.getByRole("form", { name: "Thêm đội" });
  await create.getByLabel("Tên đội").fill("Đội Tổ 1");
  await create.getByRole("button", { name: "Thêm đội" }).click();
  await expect(page.getByRole("region", { name: "Đội Tổ 1" })).toBeVisible();
  await create.getByLabel("Tên đội").fill("đội tổ 1");
  await create.getByRole("button", { name: "Thêm đội" }).click();
  await expect(page.getByRole("alert")).toContainText("Đã có đội cùng tên trong cuộc thi này");
  await create.getByLabel("Tên đội").fill("Đội Hoa Sen");
  await create.getByRole("button", { name: "Thêm đội" }).click();
  await expect(page.getByRole("region", { name: "Đội Hoa Sen" })).toBeVisible();

  // The same person in two teams.
  const first = page.getByRole("region", { name: "Đội Tổ 1" });
  await first.getByLabel("Số điện thoại (nếu đã đăng ký)").fill(phone);
  await first.getByRole("button", { name: "Thêm thành viên" }).click();
  await expect(first.getByText(`Đỗ Thị Hạnh (${phone})`)).toBeVisible();
  const second = page.getByRole("region", { name: "Đội Hoa Sen" });
  await second.getByLabel("Số điện thoại (nếu đã đăng ký)").fill(phone);
  await second.getByRole("button", { name: "Thêm thành viên" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Đỗ Thị Hạnh đã là thành viên của Đội Tổ 1 trong cuộc thi này; mỗi người chỉ ở một đội.",
  );
  await expect(second.getByText("Đỗ Thị Hạnh")).toHaveCount(0);

  // A judge who performs in Đội Hoa Sen: not expected to score it.
  await second.getByLabel("Số điện thoại (nếu đã đăng ký)").fill("0900000007");
  await second.getByRole("button", { name: "Thêm thành viên" }).click();
  await expect(second.getByText("(0900000007)")).toBeVisible();

  // Renamed and moved to a unit before the contest starts.
  await second.getByText("Đổi tên, đơn vị").click();
  const rename = page.getByRole("form", { name: "Đổi tên, đơn vị: Đội Hoa Sen" });
  await rename.getByLabel("Tên đội").fill("ĐỘI TỔ 1");
  await rename.getByRole("button", { name: "Lưu tên và đơn vị" }).click();
  await expect(page.getByRole("alert")).toContainText("Đã có đội cùng tên trong cuộc thi này");
  await rename.getByLabel("Đơn vị").selectOption({ label: "Tổ dân phố 2" });
  await rename.getByLabel("Tên đội").fill("Đội Măng Non");
  await rename.getByRole("button", { name: "Lưu tên và đơn vị" }).click();
  await expect(page.getByText("Đã lưu tên và đơn vị của đội.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Đội Măng Non — Tổ dân phố 2" })).toBeVisible();

  // The live page counts only the judges who may score each team.
  await db.insert(stageParts).values({ contestId: contest.id, position: 1, name: "Chào hỏi", maxScore: 20 });
  await page.goto(`/organiser/stage/${contest.id}/live`);
  await expect(page.getByText("Đội Tổ 1: 0/2 giám khảo đã chấm")).toBeVisible();
  await expect(
    page.getByText(
      "Đội Măng Non: 0/1 giám khảo đã chấm — 1 giám khảo không chấm đội này (cùng đơn vị hoặc là thành viên của đội)",
    ),
  ).toBeVisible();
});

test("once a contest has started, a team keeps its name", async ({ page }) => {
  const db = await e2eDb();
  const contest = await createContest(db, {
    kind: "stage",
    title: `Hội diễn đã mở ${Date.now()}`,
    entryModes: "team",
  });
  await db
    .insert(teams)
    .values({ contestId: contest.id, number: 1, name: "Đội Sao Mai", nameKey: "đội sao mai" });
  await signIn(page, "0900000002");
  await page.goto(`/organiser/contests/${contest.id}/teams`);
  await hydrated(page);
  await page.getByText("Đổi tên, đơn vị").click();
  const rename = page.getByRole("form", { name: "Đổi tên, đơn vị: Đội Sao Mai" });
  await rename.getByLabel("Tên đội").fill("Đội Sao Hôm");
  await rename.getByRole("button", { name: "Lưu tên và đơn vị" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Hội thi đã bắt đầu: không thể đổi tên hay đơn vị của đội.",
  );
  await expect(page.getByRole("region", { name: "Đội Sao Mai" })).toBeVisible();
});

test("a resident's prediction: “1.500” is fifteen hundred, “7,5” is refused with a message and never saved as 75", async ({
  page,
}) => {
  const contest = await makeContest({
    title: `Cuộc thi dự đoán ${Date.now()}`,
    predictionTarget: "entries",
    predictionPrompt: "Theo bạn, cuộc thi có bao nhiêu bài dự thi?",
  });
  await register(page);
  const attemptId = await startQuiz(page, contest.slug);
  await hydrated(page);
  const prediction = page.getByLabel("Dự đoán");
  await prediction.fill("1.500");
  await expect(page.getByText("Đã lưu")).toBeVisible();
  const db = await e2eDb();
  const saved = () =>
    db
      .select({ prediction: attempts.prediction })
      .from(attempts)
      .where(eq(attempts.id, attemptId))
      .then(([a]) => a.prediction);
  await expect.poll(saved).toBe(1500);
  await prediction.fill("7,5");
  await expect(page.getByText("“7,5” có phần thập phân, nhưng ô này chỉ nhận số nguyên.")).toBeVisible();
  await expect(prediction).toHaveAttribute("aria-invalid", "true");
  await page.waitForTimeout(500); // a save, if one were sent, has had time to land
  expect(await saved()).toBe(1500);
});

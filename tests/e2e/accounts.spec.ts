import { eq } from "drizzle-orm";
import { answers, attempts, users } from "#db/schema";
import { e2eDb, expect, makeContest, pressStart, register, test, uniquePhone } from "./fixtures";

test("a wrong password and an unknown phone get the same single message", async ({ page }) => {
  const phone = await register(page);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();

  const messages: string[] = [];
  for (const [p, password] of [
    [phone, "sai-mat-khau"],
    [uniquePhone(), "matkhau-an-toan"],
  ]) {
    await page.goto("/login");
    await page.getByLabel("Số điện thoại").fill(p);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    messages.push(await page.getByRole("alert").innerText());
  }
  expect(messages[0]).toBe("Số điện thoại hoặc mật khẩu không đúng.");
  expect(messages[1]).toBe(messages[0]);

  // The right password signs in, and the phone may be typed with spaces.
  await page.getByLabel("Số điện thoại").fill(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
  await page.getByLabel("Mật khẩu").fill("matkhau-an-toan");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
});

test("registering a phone twice is refused with a clear message and keeps what was typed", async ({
  page,
}) => {
  const phone = await register(page, "Trần Thị Một");
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
  await page.goto("/register");
  await page.getByLabel("Họ và tên").fill("Trần Thị Hai");
  await page.getByLabel("Năm sinh").fill("1960");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("matkhau-khac-1");
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Tổ dân phố 3" });
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Đăng ký" }).click();
  await expect(page.getByRole("alert")).toContainText("Số điện thoại này đã được đăng ký");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Trần Thị Hai");
  const db = await e2eDb();
  expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(1);
});

test("registration explains each invalid field in Vietnamese", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Họ và tên").fill("A");
  await page.getByLabel("Năm sinh").fill("19");
  await page.getByLabel("Số điện thoại").fill("12345");
  await page.getByLabel("Mật khẩu").fill("ngan");
  await page.getByRole("button", { name: "Đăng ký" }).click();
  await expect(page.getByText("Vui lòng nhập họ và tên (2–100 ký tự).")).toBeVisible();
  await expect(page.getByText("Năm sinh phải là 4 chữ số, từ 1900 đến năm nay.")).toBeVisible();
  await expect(page.getByText("Số điện thoại phải có 10 chữ số và bắt đầu bằng số 0.")).toBeVisible();
  await expect(page.getByText("Mật khẩu phải có ít nhất 8 ký tự.")).toBeVisible();
  await expect(page.getByText("Vui lòng chọn đơn vị", { exact: false })).toBeVisible();
  await expect(page.getByText("Bạn cần đồng ý để tham gia cuộc thi.")).toBeVisible();
  await expect(page.getByLabel("Họ và tên")).toHaveAttribute("aria-invalid", "true");
});

test("starting outside the window or beyond the attempts allowed gets a clear message", async ({ page }) => {
  const now = Date.now();
  const later = await makeContest({ opensAt: now + 3_600_000, closesAt: now + 7_200_000 });
  const once = await makeContest({ maxAttempts: 1 });
  await register(page);

  await page.goto(`/contests/${later.slug}`);
  await expect(page.getByText("Cuộc thi chưa mở.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toHaveCount(0);
  // A forged POST to start before the window is refused too.
  const early = await page.request.post(`/contests/${later.slug}`, {
    form: {},
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(early.status()).toBe(200);
  expect(await early.text()).toContain("Cuộc thi chưa mở. Bạn chưa thể bắt đầu làm bài.");

  await page.goto(`/contests/${once.slug}`);
  await pressStart(page);
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/);
  await page.goto(`/contests/${once.slug}`);
  await expect(page.getByText("Bạn đã dùng hết số lần dự thi của cuộc thi này.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toHaveCount(0);
  const again = await page.request.post(`/contests/${once.slug}`, {
    form: {},
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(await again.text()).toContain("Bạn đã dùng hết số lần dự thi của cuộc thi này.");
});

test("tampered answers are rejected with 4xx and nothing is stored", async ({ page }) => {
  const contest = await makeContest();
  await register(page);
  await page.goto(`/contests/${contest.slug}`);
  await pressStart(page);
  await expect(page).toHaveURL(/\/attempts\//);
  const attemptId = page.url().split("/attempts/")[1];
  const db = await e2eDb();
  const origin = new URL(page.url()).origin;
  const post = (data: unknown) =>
    page.request.post(`/api/attempts/${attemptId}/answers`, {
      data: data as Record<string, unknown>,
      headers: { Origin: origin },
    });
  const questionsOf = await db.query.attemptQuestions.findMany({
    where: (t, { eq }) => eq(t.attemptId, attemptId),
  });
  const [q1, q2] = questionsOf;
  expect((await post({ questionId: q1.questionId, optionIds: [q2.options[0].id], base: 0 })).status()).toBe(
    422,
  );
  expect((await post({ questionId: 987654, optionIds: [q1.options[0].id], base: 0 })).status()).toBe(422);
  expect((await post({ questionId: q1.questionId, optionIds: "all", base: 0 })).status()).toBe(422);
  expect(
    (
      await post({
        questionId: q1.questionId,
        optionIds: [q1.options[0].id],
        base: 0,
        clientTime: 0,
        timeUp: false,
      })
    ).status(),
  ).toBe(200);
  const malformed = await page.request.post(`/api/attempts/${attemptId}/answers`, {
    data: "{not json",
    headers: { Origin: origin, "Content-Type": "application/json" },
  });
  expect(malformed.status()).toBe(422);
  const crossSite = await page.request.post(`/api/attempts/${attemptId}/answers`, {
    data: { questionId: q1.questionId, optionIds: [q1.options[1].id], base: 0 },
    headers: { Origin: "https://ke-gian-lan.example" },
  });
  expect(crossSite.status()).toBe(403);
  const saved = await db.select().from(answers).where(eq(answers.attemptId, attemptId));
  expect(saved.map((a) => a.selected)).toEqual([[q1.options[0].id]]);
  const [row] = await db.select().from(attempts).where(eq(attempts.id, attemptId));
  expect(row.status).toBe("open");
});

test("the interface switches to English and back", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Chuyển sang tiếng Anh" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Switch to Vietnamese" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
});

test("the home page lists open and upcoming contests with countdowns, and the API lists them", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const open = page.getByRole("region", { name: "Đang diễn ra" });
  await expect(
    open.getByRole("link", { name: "Cuộc thi tìm hiểu cải cách hành chính và chuyển đổi số năm 2026" }),
  ).toBeVisible();
  await expect(open.getByText(/Còn lại \d+ ngày/).first()).toBeVisible();
  const upcoming = page.getByRole("region", { name: "Sắp diễn ra" });
  await expect(upcoming.getByText("Mở sau", { exact: false }).first()).toBeVisible();

  await page.getByRole("link", { name: "Cuộc thi trực tuyến tìm hiểu cải cách hành chính năm 2022" }).click();
  await expect(page.getByText("08:00 05/04/2022", { exact: true })).toBeVisible();
  await expect(page.getByText("08:00 25/04/2022", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Thể lệ" })).toBeVisible();
  await expect(page.getByText("Tổng giá trị giải thưởng: 4.000.000 đ")).toBeVisible();

  const json = await (await request.get("/api/contests.json")).json();
  const c2022 = json.contests.find((c: { slug: string }) => c.slug === "cchc-2022");
  expect(c2022).toEqual({
    slug: "cchc-2022",
    title: "Cuộc thi trực tuyến tìm hiểu cải cách hành chính năm 2022",
    kind: "quiz",
    status: "announced",
    opensAt: "2022-04-05T01:00:00.000Z",
    closesAt: "2022-04-25T01:00:00.000Z",
  });
  expect(json.contests.map((c: { status: string }) => c.status)).toEqual(
    expect.arrayContaining(["open", "published"]),
  );
});

test("after ten wrong passwords for an account from one address, that address waits: 429 and Retry-After", async ({
  page,
  allowConsole,
}) => {
  allowConsole(/429/);
  const phone = await register(page, "Người bị dò mật khẩu");
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
  const origin = new URL(page.url()).origin;
  const attempt = (password: string) =>
    page.request.post("/login", {
      form: { phone, password, redirectTo: "/" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
  for (let i = 0; i < 10; i++) expect((await attempt(`sai-${i}-matkhau`)).status()).toBe(200);
  const locked = await attempt("matkhau-an-toan");
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("matkhau-an-toan");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("alert")).toContainText(/Vui lòng thử lại sau (1 phút|\d\d? giây)\./);
});

import { and, eq } from "drizzle-orm";
import { auditLog, contests, loginThrottle, users } from "#db/schema";
import { pairKey } from "~/models/login-throttle.server";
import { createUser, TEST_PASSWORD } from "../factories";
import {
  DEMO_PASSWORD,
  e2eDb,
  expect,
  makeContest,
  signedInPage,
  signIn,
  test,
  uniquePhone,
} from "./fixtures";

const ADMIN = "0900000001";
const ORGANISER = "0900000002";

test("an organiser cannot reset, disable or create admin and committee accounts, from the page or by a forged request", async ({
  page,
  baseURL,
  allowConsole,
}) => {
  allowConsole(/status of 403/);
  const db = await e2eDb();
  const [admin] = await db.select().from(users).where(eq(users.phone, ADMIN));
  await signIn(page, ORGANISER, DEMO_PASSWORD);
  await page.goto("/organiser/accounts");
  await expect(page.getByText("Chỉ quản trị viên mới tạo, đặt lại mật khẩu")).toBeVisible();
  // No control for the admin's or the committee's accounts…
  for (const name of ["Đỗ Quản Trị", "Phạm Thị Hòa"]) {
    await expect(page.getByRole("button", { name: `Đặt lại mật khẩu: ${name}` })).toHaveCount(0);
    await expect(page.getByRole("button", { name: `Khóa tài khoản: ${name}` })).toHaveCount(0);
  }
  // …while a judge's are there, and new accounts can only be residents' helpers: judges.
  await expect(page.getByRole("button", { name: "Đặt lại mật khẩu: Võ Văn Khải" })).toBeVisible();
  const roles = await page
    .getByRole("region", { name: "Tạo tài khoản cán bộ" })
    .locator("select[name=role] option")
    .allTextContents();
  expect(roles).toEqual(["Giám khảo"]);

  // The model refuses a request forged past the page.
  const forge = (form: Record<string, string>) =>
    page.request.post("/organiser/accounts", { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect((await forge({ intent: "reset", userId: String(admin.id) })).status()).toBe(403);
  expect((await forge({ intent: "disable", userId: String(admin.id) })).status()).toBe(403);
  const phone = uniquePhone();
  const created = await forge({
    intent: "create",
    fullName: "Hội đồng giả",
    phone,
    password: "mat-khau-gia-mao",
    role: "committee",
  });
  expect(created.status()).toBe(403);
  const [after] = await db.select().from(users).where(eq(users.id, admin.id));
  expect(after.passwordHash).toBe(admin.passwordHash);
  expect(after.disabledAt).toBeNull();
  expect(await db.select().from(users).where(eq(users.phone, phone))).toHaveLength(0);
});

test("an admin names a contest's committee before close; locking and reopening each need its quorum", async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000);
  const db = await e2eDb();
  const [a, b] = [
    await createUser(db, { role: "committee", phone: uniquePhone(), fullName: "Hội đồng Một" }),
    await createUser(db, { role: "committee", phone: uniquePhone(), fullName: "Hội đồng Hai" }),
  ];
  const now = Date.now();
  const contest = await makeContest({
    title: "Cuộc thi có hội đồng",
    opensAt: now - 3_600_000,
    closesAt: now + 3_600_000,
  });

  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto(`/organiser/contests/${contest.id}`);
  await page.getByRole("link", { name: "Hội đồng xét duyệt" }).click();
  await expect(page.getByRole("heading", { name: "Hội đồng xét duyệt" })).toBeVisible();
  for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
  await page.getByRole("checkbox", { name: /Hội đồng Một/ }).check();
  await page.getByRole("checkbox", { name: /Hội đồng Hai/ }).check();
  await page.getByLabel("Số thành viên phải đồng ý để chốt hoặc mở lại kết quả").fill("2");
  await page.getByRole("button", { name: "Lưu hội đồng" }).click();
  await expect(page.getByText("Đã lưu hội đồng xét duyệt.")).toBeVisible();

  // The contest closes (the clock moves on): the roster is frozen.
  await db
    .update(contests)
    .set({ closesAt: Date.now() - 1000 })
    .where(eq(contests.id, contest.id));
  await page.reload();
  await expect(page.getByText("hội đồng xét duyệt đã được cố định")).toBeVisible();
  await expect(page.getByRole("button", { name: "Lưu hội đồng" })).toHaveCount(0);

  const [first, second] = [
    await signedInPage(browser, a.phone, TEST_PASSWORD),
    await signedInPage(browser, b.phone, TEST_PASSWORD),
  ];
  for (const p of [first, second]) await p.goto(`/committee/contests/${contest.id}`);
  await expect(first.getByText("Hội đồng: Hội đồng Hai, Hội đồng Một. Cần 2 người đồng ý.")).toBeVisible();
  await first.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(first.getByText("Đã có 1/2 thành viên đồng ý chốt.")).toBeVisible();
  await second.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(second.getByText("Đã chốt kết quả").first()).toBeVisible();

  // One member alone only asks to reopen; the results stay locked until the second agrees.
  await first.reload();
  await first.getByLabel("Lý do mở lại").fill("Tổ 3 khiếu nại về câu 7");
  await first.getByRole("button", { name: "Mở lại kết quả" }).click();
  await expect(first.getByText("Đã ghi nhận đề nghị mở lại (1/2)")).toBeVisible();
  expect((await db.select().from(contests).where(eq(contests.id, contest.id)))[0].state).toBe("locked");
  await second.reload();
  await expect(second.getByText("Đề nghị mở lại: 1/2")).toBeVisible();
  await second.getByLabel("Lý do mở lại").fill("Đồng ý xem lại câu 7");
  await second.getByRole("button", { name: "Mở lại kết quả" }).click();
  await expect(second.getByText("Đang xét kết quả").first()).toBeVisible();

  // The trail is readable by the committee, from the review page.
  await first.goto(`/committee/contests/${contest.id}`);
  await first.getByRole("link", { name: "Nhật ký thao tác" }).click();
  await expect(first.getByRole("heading", { name: "Nhật ký thao tác của cuộc thi" })).toBeVisible();
  for (const action of ["contest.roster", "review.lock", "review.requestReopen", "review.reopen"])
    await expect(first.getByText(action, { exact: true }).first()).toBeVisible();
});

test("a staff member whose password an admin reset is told who did it and when, and can sign out everywhere", async ({
  browser,
  page,
}) => {
  const db = await e2eDb();
  const judge = await createUser(db, { role: "judge", phone: uniquePhone(), fullName: "Giám khảo Đặt Lại" });
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto(`/organiser/accounts?q=${judge.phone}`);
  await page.getByRole("button", { name: "Đặt lại mật khẩu: Giám khảo Đặt Lại" }).click();
  const shown = await page.getByRole("status").filter({ hasText: "Mật khẩu mới" }).innerText();
  const password = /([a-z2-9]{10})/.exec(shown)![1];

  const phone = await signedInPage(browser, judge.phone, password);
  const other = await signedInPage(browser, judge.phone, password);
  const notice = phone
    .getByRole("alert")
    .filter({ hasText: "Mật khẩu của bạn đã được Đỗ Quản Trị đặt lại lúc" });
  await expect(notice).toBeVisible();
  await phone.getByRole("button", { name: "Tôi đã biết" }).click();
  await expect(notice).toHaveCount(0);

  await phone.getByRole("link", { name: "Phiên đăng nhập" }).click();
  const devices = phone.getByRole("list", { name: "Phiên đăng nhập" }).getByRole("listitem");
  await expect(devices).toHaveCount(2);
  await expect(devices.filter({ hasText: "Thiết bị này" })).toHaveCount(1);
  await phone.getByRole("button", { name: "Đăng xuất khỏi mọi thiết bị" }).click();
  await expect(phone).toHaveURL(/\/login/);
  await other.reload();
  await expect(other.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
});

test("an organiser lifts a resident's sign-in block from the accounts page, and it is audited", async ({
  page,
}) => {
  const db = await e2eDb();
  const resident = await createUser(db, { phone: uniquePhone(), fullName: "Người Bị Chặn" });
  const now = Date.now();
  await db.insert(loginThrottle).values({
    key: pairKey(resident.phone, "203.0.113.7"),
    phone: resident.phone,
    address: "203.0.113.7",
    failures: 14,
    windowStart: now,
    lockedUntil: now + 10 * 60_000,
  });
  await signIn(page, ORGANISER, DEMO_PASSWORD);
  await page.goto(`/organiser/accounts?q=${resident.phone}`);
  await expect(page.getByText("Tạm chặn đăng nhập đến")).toBeVisible();
  await page.getByRole("button", { name: "Gỡ chặn đăng nhập: Người Bị Chặn" }).click();
  await expect(page.getByText("Đã gỡ chặn đăng nhập cho Người Bị Chặn.")).toBeVisible();
  await expect(page.getByText("Tạm chặn đăng nhập đến")).toHaveCount(0);
  const trail = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "account.unlock"), eq(auditLog.entityId, String(resident.id))));
  expect(trail).toHaveLength(1);
});

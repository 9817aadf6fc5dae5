import AxeBuilder from "@axe-core/playwright";
import { and, eq } from "drizzle-orm";
import { attempts, auditLog, users } from "#db/schema";
import {
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
const REGISTERED_PASSWORD = "matkhau-an-toan"; // what fixtures' register() types

async function signOut(page: import("@playwright/test").Page) {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
}

async function tryLogin(page: import("@playwright/test").Page, phone: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("a resident corrects their name and changes their password on the profile page, then signs in with the new one", async ({
  page,
  browser,
}) => {
  const phone = await register(page, "Nguyễn Văn Sai Tên");
  // The same account on another phone, signed in before the change.
  const otherPhone = await signedInPage(browser, phone, REGISTERED_PASSWORD);

  await page.getByRole("link", { name: "Tài khoản của tôi" }).click();
  await expect(page.getByRole("heading", { name: "Tài khoản của tôi", level: 1 })).toBeVisible();
  await page.getByLabel("Họ và tên").fill("Nguyễn Văn Đúng Tên");
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Tổ dân phố 4" });
  await page.getByRole("button", { name: "Lưu họ tên và đơn vị" }).click();
  await expect(page.getByText("Đã lưu họ tên và đơn vị.")).toBeVisible();
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Văn Đúng Tên");

  // A wrong current password is refused with a message, and nothing changes.
  await page.getByLabel("Mật khẩu hiện tại").fill("khong-dung-mat-khau");
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-moi-2026");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-moi-2026");
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByText("Mật khẩu hiện tại không đúng.")).toBeVisible();
  await expect(page.getByLabel("Mật khẩu hiện tại")).toHaveAttribute("aria-invalid", "true");

  // Two different new passwords are refused too.
  await page.getByLabel("Mật khẩu hiện tại").fill(REGISTERED_PASSWORD);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-moi-2026");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-moi-2027");
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByText("Hai lần nhập mật khẩu mới không giống nhau.")).toBeVisible();

  await page.getByLabel("Mật khẩu hiện tại").fill(REGISTERED_PASSWORD);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-moi-2026");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-moi-2026");
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByText("Đã đổi mật khẩu.", { exact: false })).toBeVisible();
  // This device stays signed in; the other phone is signed out.
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  await otherPhone.reload();
  await expect(otherPhone.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();

  await signOut(page);
  await tryLogin(page, phone, REGISTERED_PASSWORD);
  await expect(page.getByRole("alert")).toHaveText("Số điện thoại hoặc mật khẩu không đúng.");
  await signIn(page, phone, "mat-khau-moi-2026");
  await expect(page.getByText("Nguyễn Văn Đúng Tên")).toBeVisible();

  const db = await e2eDb();
  const [user] = await db.select().from(users).where(eq(users.phone, phone));
  const trail = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(user.id)));
  expect(trail.map((r) => r.action)).toEqual(
    expect.arrayContaining(["account.profile", "account.passwordChangeFailed", "account.passwordChanged"]),
  );
});

test("after the first entry, name and unit are shown read-only with the reason", async ({ page }) => {
  const contest = await makeContest();
  await register(page, "Lê Thị Đã Thi");
  await startQuiz(page, contest.slug);
  await page.goto("/me/profile");
  await expect(page.getByText("Bạn đã dự thi (lần đầu lúc", { exact: false })).toBeVisible();
  await expect(page.getByText("Lê Thị Đã Thi")).toHaveCount(2); // header and the read-only details
  await expect(page.getByLabel("Họ và tên")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lưu họ tên và đơn vị" })).toHaveCount(0);
  // The password can still be changed.
  await expect(page.getByLabel("Mật khẩu hiện tại")).toBeVisible();
});

test("a forgotten password is recovered with a one-time code from the ward", async ({ page, browser }) => {
  const phone = await register(page, "Trần Văn Quên");
  await signOut(page);

  // The resident reads where to go and what to bring.
  await page.goto("/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page.getByRole("heading", { name: "Quên mật khẩu", level: 1 })).toBeVisible();
  await expect(page.getByText("Bộ phận một cửa", { exact: false })).toBeVisible();
  await expect(page.getByText("Căn cước công dân (CCCD)", { exact: false })).toBeVisible();

  // At the one-stop office, the organiser finds the account and issues a code after checking the CCCD.
  const staff = await signedInPage(browser, ORGANISER);
  await staff.goto("/organiser/accounts");
  await staff.getByLabel("Tìm theo tên hoặc số điện thoại").fill(phone);
  await staff.getByRole("button", { name: "Tìm kiếm" }).click();
  const issue = staff.getByRole("button", { name: "Cấp mã quên mật khẩu: Trần Văn Quên" });
  await issue.click();
  await expect(staff.getByRole("alert")).toContainText("Hãy kiểm tra căn cước công dân");
  await staff.getByRole("checkbox", { name: "Đã kiểm tra giấy tờ tùy thân: Trần Văn Quên" }).check();
  await issue.click();
  const notice = staff.getByText(`Mã đặt lại mật khẩu của Trần Văn Quên (${phone})`, { exact: false });
  await expect(notice).toBeVisible();
  const code = /: (\d{4} \d{4})\./.exec(await notice.innerText())?.[1];
  expect(code).toBeTruthy();

  // The resident enters it on the reset page; a wrong code first keeps what was typed.
  await page.getByRole("link", { name: "Tôi đã có mã: đặt lại mật khẩu" }).click();
  await expect(page.getByRole("heading", { name: "Đặt lại mật khẩu", level: 1 })).toBeVisible();
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mã đặt lại mật khẩu").fill(code === "0000 0000" ? "1111 1111" : "0000 0000");
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-lay-lai");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-lay-lai");
  await page.getByRole("button", { name: "Đặt mật khẩu mới" }).click();
  await expect(page.getByRole("alert")).toContainText("mã không đúng, đã hết hạn");
  await expect(page.getByLabel("Số điện thoại")).toHaveValue(phone);

  await page.getByLabel("Mã đặt lại mật khẩu").fill(code!);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-lay-lai");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-lay-lai");
  await page.getByRole("button", { name: "Đặt mật khẩu mới" }).click();
  await expect(page.getByText("Đã đặt mật khẩu mới. Mời bạn đăng nhập bằng mật khẩu mới.")).toBeVisible();
  await signIn(page, phone, "mat-khau-lay-lai");
  await signOut(page);

  // The code worked once.
  await page.goto("/reset-password");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mã đặt lại mật khẩu").fill(code!);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-lan-hai");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mat-khau-lan-hai");
  await page.getByRole("button", { name: "Đặt mật khẩu mới" }).click();
  await expect(page.getByRole("alert")).toContainText("mã không đúng, đã hết hạn");

  const db = await e2eDb();
  const [user] = await db.select().from(users).where(eq(users.phone, phone));
  const trail = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(user.id)));
  expect(trail.map((r) => r.action)).toEqual(
    expect.arrayContaining(["account.resetCodeIssued", "account.resetCodeFailed", "account.resetCodeUsed"]),
  );
});

test("staff help a resident who already has an account, after checking their papers; the entry is marked assisted", async ({
  page,
  browser,
}) => {
  const contest = await makeContest({ title: "Tìm hiểu dịch vụ công trực tuyến" });
  const resident = await (await browser.newContext()).newPage();
  const phone = await register(resident, "Phạm Thị Cần Giúp");

  // The ward's device, signed in as the organiser.
  await signIn(page, ORGANISER);
  await page.goto("/organiser/assist");
  await page.getByLabel("Số điện thoại của người dân").fill(phone);
  await page.getByRole("button", { name: "Mở phiên hỗ trợ" }).click();
  await expect(page.getByText("Hãy kiểm tra căn cước công dân", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Số điện thoại của người dân")).toHaveValue(phone);
  await page.getByRole("checkbox", { name: "Đã kiểm tra giấy tờ tùy thân" }).check();
  await page.getByRole("button", { name: "Mở phiên hỗ trợ" }).click();

  await expect(page).toHaveURL(/\/me\/handover$/);
  await expect(page.getByText("Đã mở phiên hỗ trợ cho Phạm Thị Cần Giúp.")).toBeVisible();
  await expect(page.getByText(`Số điện thoại đăng nhập: ${phone}`)).toBeVisible();
  await expect(page.getByText(`/contests/${contest.slug}`, { exact: false })).toBeVisible();
  await page.getByRole("link", { name: "Dự thi: Tìm hiểu dịch vụ công trực tuyến" }).click();
  await expect(page).toHaveURL(new RegExp(`/contests/${contest.slug}$`));
  const attemptId = await startQuiz(page, contest.slug);

  const db = await e2eDb();
  const [organiser] = await db.select().from(users).where(eq(users.phone, ORGANISER));
  const [user] = await db.select().from(users).where(eq(users.phone, phone));
  const [entry] = await db.select().from(attempts).where(eq(attempts.id, attemptId));
  expect(entry).toMatchObject({ userId: user.id, assistedByUserId: organiser.id });
  const [audited] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "account.assistedSignIn"), eq(auditLog.entityId, String(user.id))));
  expect(audited).toMatchObject({ actorUserId: organiser.id, after: { identityChecked: true } });
});

test("after assisted registration the hand-over page shows the resident's phone and the contest link", async ({
  page,
}) => {
  const contest = await makeContest({ title: "Chuyển đổi số cho người cao tuổi" });
  await signIn(page, ORGANISER);
  await page.goto("/organiser/assist");
  const phone = uniquePhone();
  await page.getByLabel("Họ và tên").fill("Đỗ Văn Mới");
  await page.getByLabel("Năm sinh").fill("1950");
  await page.getByLabel("Số điện thoại", { exact: true }).fill(phone);
  await page.getByLabel("Mật khẩu").fill("matkhau-ho-tro");
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Tổ dân phố 2" });
  await page.getByRole("checkbox", { name: "Tôi đồng ý", exact: false }).check();
  await page.getByRole("button", { name: "Đăng ký và mời người dân làm bài" }).click();

  await expect(page).toHaveURL(/\/me\/handover\?new=1$/);
  await expect(page.getByText("Đã đăng ký tài khoản cho Đỗ Văn Mới.")).toBeVisible();
  await expect(page.getByText(`Số điện thoại đăng nhập: ${phone}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Dự thi: Chuyển đổi số cho người cao tuổi" })).toHaveAttribute(
    "href",
    `/contests/${contest.slug}`,
  );
});

test("the own-account pages have no axe-core WCAG 2.1 A/AA violations and 44 px fields and buttons", async ({
  page,
}) => {
  const check = async (name: string) => {
    await expect(page.locator("html[data-hydrated]")).toBeAttached();
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      name,
    ).toEqual([]);
    const small = await page
      .locator(
        "main button, main select, main input:not([type=hidden]):not([type=checkbox]):not([tabindex='-1'])",
      )
      .evaluateAll((els) =>
        els
          .filter((el) => (el as HTMLElement).offsetWidth > 1)
          .map((el) => el.getBoundingClientRect())
          .filter((box) => box.height < 43.5 || box.width < 43.5),
      );
    expect(small, `controls under 44 px on ${name}`).toEqual([]);
  };
  await page.goto("/forgot-password");
  await check("forgot password");
  await page.goto("/reset-password");
  await check("reset password");
  await register(page, "Võ Thị Trợ Năng");
  await page.goto("/me/profile");
  await check("profile");
  await page.getByLabel("Mật khẩu hiện tại").fill("sai-mat-khau-roi");
  await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByText("Mật khẩu phải có ít nhất 8 ký tự.")).toBeVisible();
  // The page's revalidation after the answer has ended (buttons are disabled meanwhile).
  await expect(page.getByRole("button", { name: "Đổi mật khẩu" })).toBeEnabled();
  await check("profile with errors");
});

import { DEMO_PASSWORD, expect, signIn, test, uniquePhone } from "./fixtures";

/**
 * Decision 008: every form checks its input with one zod schema, in the
 * browser before anything is sent and in the action, which answers with the
 * same words when the page runs without JavaScript.
 */
const PHONE_INVALID = "Số điện thoại phải có 10 chữ số và bắt đầu bằng số 0.";
const ORGANISER = "0900000002";
const ADMIN = "0900000001";

test("with JavaScript, leaving the phone field with a bad number shows its error before anything is sent", async ({
  page,
}) => {
  await page.goto("/register");
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  const phone = page.getByLabel("Số điện thoại");
  await phone.fill("12345");
  await phone.blur();
  await expect(page.getByText(PHONE_INVALID)).toBeVisible();
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  // Corrected, the error goes as it is typed.
  await phone.fill(uniquePhone());
  await expect(page.getByText(PHONE_INVALID)).toHaveCount(0);
  await phone.fill("12345");
  await page.getByRole("button", { name: "Đăng ký" }).click();
  await expect(page.getByText(PHONE_INVALID)).toBeVisible();
  await expect(page.getByRole("alert").first()).toHaveText("Vui lòng sửa các mục được đánh dấu bên dưới.");
  expect(posts).toEqual([]);
});

test("without JavaScript the same bad number is posted and the server answers with the same words, keeping what was typed but the password", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("Họ và tên").fill("Nguyễn Thị Không Script");
  await page.getByLabel("Năm sinh").fill("1961");
  await page.getByLabel("Số điện thoại").fill("12345");
  await page.getByLabel("Mật khẩu").fill("matkhau-an-toan");
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Tổ dân phố 3" });
  await page.getByRole("checkbox").check();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Đăng ký" }).click(),
  ]);
  expect(response.status()).toBe(200);
  await expect(page.getByText(PHONE_INVALID)).toBeVisible();
  await expect(page.getByLabel("Số điện thoại")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Thị Không Script");
  await expect(page.getByLabel("Năm sinh")).toHaveValue("1961");
  await expect(page.getByLabel("Số điện thoại")).toHaveValue("12345");
  await expect(page.getByLabel("Đơn vị", { exact: true })).toHaveValue(/^\d+$/);
  await expect(page.getByRole("checkbox")).toBeChecked();
  await expect(page.getByLabel("Mật khẩu")).toHaveValue("");
  expect(await response.text()).not.toContain("matkhau-an-toan");
  await context.close();
});

test("a staff form shows the server's refusal as the form's error and keeps what was typed", async ({
  page,
  allowConsole,
}) => {
  allowConsole(/409 \(Conflict\)/);
  await signIn(page, ORGANISER, DEMO_PASSWORD);
  await page.goto("/organiser/accounts");
  const create = page.getByRole("region", { name: "Tạo tài khoản cán bộ" });
  await create.getByLabel("Họ và tên").fill("Giám khảo Trùng Số");
  // The administrator's phone: already registered, which only the database can tell.
  await create.getByLabel("Số điện thoại").fill(ADMIN);
  await create.getByLabel("Mật khẩu ban đầu").fill("mat-khau-giam-khao");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    create.getByRole("button", { name: "Thêm" }).click(),
  ]);
  expect(response.status()).toBe(409);
  // The answer never carries the password back.
  expect(await response.text()).not.toContain("mat-khau-giam-khao");
  await expect(create.getByRole("alert")).toHaveText(
    "Số điện thoại này đã được đăng ký. Vui lòng đăng nhập.",
  );
  await expect(create.getByLabel("Họ và tên")).toHaveValue("Giám khảo Trùng Số");
  await expect(create.getByLabel("Số điện thoại")).toHaveValue(ADMIN);
});

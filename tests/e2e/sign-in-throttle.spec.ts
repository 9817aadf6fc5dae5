import type { Page } from "@playwright/test";
import { createUser, TEST_PASSWORD } from "../factories";
import { e2eDb, expect, test, uniquePhone } from "./fixtures";

// Every request of these tests comes from 127.0.0.1 (the test server does not trust a proxy), so a
// different address is the unit tests' part (app/models/login-throttle.server.test.ts); here: the
// message, the status, and that one throttled account does not hold up another at the same address.

async function signInWithForm(page: Page, phone: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

test("after ten wrong passwords the login page says how long to wait and whom to ask; another account still signs in from the same address", async ({
  page,
  allowConsole,
}) => {
  allowConsole(/429/);
  const db = await e2eDb();
  const guessed = await createUser(db, { phone: uniquePhone() });
  const other = await createUser(db, { phone: uniquePhone() });

  for (let i = 0; i < 10; i++) {
    await signInWithForm(page, guessed.phone, `sai-mat-khau-${i}`);
    await expect(page.getByRole("alert")).toHaveText("Số điện thoại hoặc mật khẩu không đúng.");
  }
  // Now even the right password waits: the tenth failure set a one-minute wait for this address.
  await signInWithForm(page, guessed.phone, TEST_PASSWORD);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Bạn đã nhập sai mật khẩu nhiều lần");
  // One minute, or a few seconds less by the time the page asks.
  await expect(alert).toContainText(/Vui lòng thử lại sau (1 phút|\d\d? giây)\./);
  await expect(alert).toContainText("hãy nhờ ban tổ chức (hoặc quản trị viên, với tài khoản cán bộ) mở khóa");
  await expect(page.getByLabel("Số điện thoại")).toHaveValue(guessed.phone);

  const origin = new URL(page.url()).origin;
  const refused = await page.request.post("/login", {
    form: { phone: guessed.phone, password: TEST_PASSWORD, redirectTo: "/" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(50);
  expect(Number(refused.headers()["retry-after"])).toBeLessThanOrEqual(60);

  // A neighbour at the same address (a school lab, the ward's device) is not held up.
  await signInWithForm(page, other.phone, TEST_PASSWORD);
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
});

test("in English the wait and whom to ask are in English", async ({ page, allowConsole }) => {
  allowConsole(/429/);
  const db = await e2eDb();
  const guessed = await createUser(db, { phone: uniquePhone() });
  const origin = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
  for (let i = 0; i < 10; i++) {
    const response = await page.request.post("/login", {
      form: { phone: guessed.phone, password: `wrong-${i}`, redirectTo: "/" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(200);
  }
  await page.goto("/login");
  await page.getByRole("button", { name: "Chuyển sang tiếng Anh" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel("Phone number").fill(guessed.phone);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText(/Please try again in (1 minute|\d\d? seconds)\./);
  await expect(page.getByRole("alert")).toContainText(
    "ask the organisers (or an administrator, for staff accounts)",
  );
});

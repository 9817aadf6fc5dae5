/**
 * The settings and question forms (decision 008): the schema checks in the
 * browser, the server answers without JavaScript with the same words, and
 * what was typed comes back.
 */
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill("0900000002");
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

test("a question the model refuses comes back with its reason and everything typed; once fixed it saves, and an edit saves too", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/organiser/questions/new");
  await page.getByLabel("Câu hỏi", { exact: true }).fill("Câu hỏi thử của ban tổ chức?");
  await page.getByLabel("Phương án A", { exact: true }).fill("Một");
  await page.getByLabel("Phương án B", { exact: true }).fill("Hai");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Chưa chọn đáp án đúng.")).toBeVisible();
  await expect(page.getByLabel("Câu hỏi", { exact: true })).toHaveValue("Câu hỏi thử của ban tổ chức?");
  await page.getByLabel("Đúng: Phương án A").check();
  await page.getByLabel("Độ khó").selectOption({ label: "Khó" });
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await expect(page.getByLabel("Phương án B", { exact: true })).toHaveValue("Hai");
  await expect(page.getByLabel("Đúng: Phương án A")).toBeChecked();
  await expect(page.getByLabel("Độ khó")).toHaveValue("hard");
  await page.getByLabel("Phương án B", { exact: true }).fill("Ba");
  // "Đã lưu." is already on the page from the first save: wait for this save's own answer.
  const saved = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().includes("/organiser/questions/"),
  );
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  expect((await saved).ok()).toBe(true);
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Phương án B", { exact: true })).toHaveValue("Ba");
});

test("the stage settings form refuses a decimal spread on leaving the field, before anything is sent, and shows the default team prizes", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/organiser/stage/new");
  await page.getByLabel("Cảnh báo khi giám khảo chênh lệch quá (%)").fill("2,5");
  await page.getByLabel("Tên cuộc thi").click();
  await expect(page.getByText("“2,5” có phần thập phân, nhưng ô này chỉ nhận số nguyên.")).toBeVisible();
  await expect(page.getByLabel("Tên giải 1", { exact: true })).toHaveValue("Nhất");
  await expect(page.getByLabel("Số tiền mỗi giải 1 (đồng)")).toHaveValue("3000000");
});

test("without JavaScript the quiz settings form refuses “7,5” minutes and a “1,5” prize count with the same words, keeps what was typed, and saves once fixed", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);
  await page.goto("/organiser/contests/new");
  await page.getByLabel("Tên cuộc thi").fill("Cuộc thi không có JavaScript");
  await page.getByLabel("Đường dẫn").fill(`no-js-${Date.now().toString(36)}`);
  await page.getByLabel("Thời gian làm bài (phút)").fill("7,5");
  await page.getByLabel("Tên giải 5").fill("Phong trào");
  await page.getByLabel("Số lượng 5").fill("1,5");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("“7,5” có phần thập phân, nhưng ô này chỉ nhận số nguyên.")).toBeVisible();
  await expect(page.getByText("“1,5” có phần thập phân, nhưng ô này chỉ nhận số nguyên.")).toBeVisible();
  await expect(page.getByLabel("Tên cuộc thi")).toHaveValue("Cuộc thi không có JavaScript");
  await expect(page.getByLabel("Tên giải 5")).toHaveValue("Phong trào");
  await page.getByLabel("Thời gian làm bài (phút)").fill("15");
  await page.getByLabel("Số lượng 5").fill("3");
  await page.getByLabel("Số tiền (đồng) 5").fill("50.000");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await expect(page.getByLabel("Thời gian làm bài (phút)")).toHaveValue("15");
  await expect(page.getByLabel("Số tiền (đồng) 5")).toHaveValue("50000");
  await context.close();
});

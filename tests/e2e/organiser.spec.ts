import { expect, pressStart, register, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function signIn(page: Page, phone: string, password = "hoithi2026") {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

/** Hà Nội wall-clock time for a datetime-local input. */
function vnInput(ms: number) {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
}

const ORGANISER_PAGES = [
  "/organiser",
  "/organiser/units",
  "/organiser/questions",
  "/organiser/questions/new",
  "/organiser/questions/1",
  "/organiser/questions/export/xlsx",
  "/organiser/templates/questions.xlsx",
  "/organiser/contests",
  "/organiser/contests/new",
  "/organiser/contests/1",
  "/organiser/contests/1/teams",
  "/organiser/accounts",
  "/organiser/assist",
  "/organiser/audit",
];

test("an organiser imports units and questions, builds a 10 CCHC + 10 CĐS contest, publishes it, and a resident takes it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "0900000002");
  await page.getByRole("link", { name: "Ban tổ chức" }).click();

  await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await page
    .getByRole("region", { name: "Nhập đơn vị từ tệp" })
    .getByLabel("Tệp CSV hoặc XLSX")
    .setInputFiles("tests/fixtures/units.csv");
  await page.getByRole("button", { name: "Nhập từ tệp" }).click();
  await expect(page.getByText("Đã nhập 3 dòng.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Khu phố Đông", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "1.250 (Dân số)" })).toBeVisible();

  await page.getByRole("link", { name: "Ngân hàng câu hỏi" }).click();
  const before = await page.getByText(/^\d+ câu hỏi$/).innerText();
  const importForm = page.getByRole("region", { name: "Nhập câu hỏi từ tệp" });
  await importForm.getByLabel("Tệp CSV hoặc XLSX").setInputFiles("tests/fixtures/questions-bad.csv");
  await page.getByRole("button", { name: "Nhập từ tệp" }).click();
  await expect(importForm.getByText("Chưa nhập dòng nào.", { exact: false })).toBeVisible();
  await expect(
    importForm.getByText("Dòng 3: Câu một đáp án (hoặc Đúng/Sai) chỉ được có một đáp án đúng."),
  ).toBeVisible();
  await expect(importForm.getByText("Dòng 5: Mã “T-03” trùng với dòng 4.")).toBeVisible();
  await expect(page.getByText(/^\d+ câu hỏi$/)).toHaveText(before);

  await importForm.getByLabel("Tệp CSV hoặc XLSX").setInputFiles("tests/fixtures/questions.xlsx");
  await page.getByRole("button", { name: "Nhập từ tệp" }).click();
  await expect(page.getByText("Đã nhập 24 dòng.")).toBeVisible();
  await expect(page.getByText(/^\d+ câu hỏi$/)).toHaveText(`${Number(before.split(" ")[0]) + 24} câu hỏi`);

  await page.getByRole("link", { name: "Cuộc thi", exact: true }).click();
  await page.getByRole("link", { name: "Tạo cuộc thi trắc nghiệm" }).click();
  const slug = `e2e-cchc-cds-${Date.now().toString(36)}`;
  await page.getByLabel("Tên cuộc thi").fill("Cuộc thi thử của ban tổ chức");
  await page.getByLabel("Đường dẫn").fill(slug);
  await page.getByLabel("Bắt đầu (giờ Việt Nam)").fill(vnInput(Date.now() + 3_600_000));
  await page.getByLabel("Kết thúc (giờ Việt Nam)").fill(vnInput(Date.now() - 3_600_000));
  await page.getByLabel(/^Cải cách hành chính/).fill("10");
  await page.getByLabel(/^Chuyển đổi số/).fill("10");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Thời điểm kết thúc phải sau thời điểm bắt đầu.")).toBeVisible();
  await expect(page.getByLabel("Tên cuộc thi")).toHaveValue("Cuộc thi thử của ban tổ chức");

  await page.getByLabel("Bắt đầu (giờ Việt Nam)").fill(vnInput(Date.now() - 60_000));
  await page.getByLabel("Kết thúc (giờ Việt Nam)").fill(vnInput(Date.now() + 24 * 3_600_000));
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await expect(page.getByText("Bản nháp")).toBeVisible();
  // Its page, as the organiser previews the draft: not said to have ended.
  const editor = page.url();
  await page.goto(`/contests/${slug}`);
  await expect(page.getByRole("heading", { name: "Cuộc thi thử của ban tổ chức" })).toBeVisible();
  await expect(page.getByText("Cuộc thi đã kết thúc.")).toHaveCount(0);
  await page.goto(editor);
  await page.getByRole("button", { name: "Công bố" }).click();
  await expect(page.getByText("Đã công bố cuộc thi.")).toBeVisible();
  await expect(page.getByText("Đang diễn ra").first()).toBeVisible();

  const resident = await (await browser.newContext()).newPage();
  await register(resident, "Người dự thi mới");
  await resident.goto(`/contests/${slug}`);
  await expect(resident.getByText("Số câu hỏi")).toBeVisible();
  await pressStart(resident);
  await expect(resident.getByRole("timer")).toBeVisible();
  await expect(resident.getByRole("group", { name: /^Câu \d+/ })).toHaveCount(20);
  await resident.close();

  // Now that someone has started, shortening the time limit is refused with a reason.
  await page.reload();
  await page.getByLabel("Thời gian làm bài (phút)").fill("5");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Không thể thay đổi vì đã có người bắt đầu làm bài.").first()).toBeVisible();
});

/** The pages with an action (the others answer POST with 405). */
const ACTION_PAGES = ORGANISER_PAGES.filter((p) =>
  /units$|questions$|questions\/(new|1)$|contests\/(new|1)$|teams$|accounts$|assist$/.test(p),
);

for (const who of ["committee", "resident"] as const) {
  test(`a ${who} gets 403 on every organiser page and action`, async ({ page, allowConsole }) => {
    allowConsole(/403/);
    if (who === "committee") await signIn(page, "0900000003");
    else await register(page);
    const origin = new URL(page.url()).origin;
    for (const path of ORGANISER_PAGES) {
      const get = await page.request.get(path);
      expect(get.status(), `GET ${path}`).toBe(403);
    }
    for (const path of ACTION_PAGES) {
      const post = await page.request.post(path, {
        form: { intent: "create", name: "x" },
        headers: { Origin: origin },
      });
      expect(post.status(), `POST ${path}`).toBe(403);
    }
    await page.goto("/organiser/units");
    await expect(page.getByText("Bạn không có quyền truy cập trang này.")).toBeVisible();
  });
}

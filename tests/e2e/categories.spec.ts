import { toVnInput } from "~/utils/vietnam-time";
import { expect, pressStart, register, signedInPage, test } from "./fixtures";

test("an organiser adds the ward's own category, puts a question in it, draws a contest from it, and retires it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const name = `An toàn giao thông ${tag}`;
  const page = await signedInPage(browser, "0900000002");

  // The categories page: add one; the same name again (without marks) is refused, keeping what was typed.
  await page.goto("/organiser");
  await page.getByRole("link", { name: "Lĩnh vực câu hỏi" }).click();
  await page.getByLabel("Tên lĩnh vực").fill(name);
  await page.getByRole("button", { name: "Thêm lĩnh vực" }).click();
  await expect(page.getByText(`Đã thêm lĩnh vực “${name}”.`)).toBeVisible();
  await page.getByLabel("Tên lĩnh vực").fill(`an toan giao thong ${tag}`);
  await page.getByRole("button", { name: "Thêm lĩnh vực" }).click();
  await expect(page.getByText(`Đã có lĩnh vực “an toan giao thong ${tag}”.`)).toBeVisible();
  await expect(page.getByLabel("Tên lĩnh vực")).toHaveValue(`an toan giao thong ${tag}`);
  const row = page.getByRole("listitem", { name });
  await expect(row).toContainText("0 câu hỏi");

  // A question in it, from the question form.
  await page.goto("/organiser/questions/new");
  await page.getByLabel("Mã", { exact: true }).fill(`ATGT-${tag}`);
  await page.getByLabel("Lĩnh vực").selectOption({ label: name });
  await page.getByLabel("Câu hỏi", { exact: true }).fill(`Người đi xe máy phải đội mũ bảo hiểm? (${tag})`);
  await page.getByLabel("Phương án A", { exact: true }).fill("Đúng");
  await page.getByLabel("Phương án B", { exact: true }).fill("Sai");
  await page.getByLabel("Đúng: Phương án A").check();
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await expect(page.getByLabel("Lĩnh vực")).toHaveValue(
    new RegExp(`^AN_TOAN_GIAO_THONG_${tag.toUpperCase()}$`),
  );

  // A contest drawing its one question from the new category only.
  await page.goto("/organiser/contests/new");
  const slug = `atgt-${tag}`;
  await page.getByLabel("Tên cuộc thi").fill(`Tìm hiểu an toàn giao thông ${tag}`);
  await page.getByLabel("Đường dẫn").fill(slug);
  await page.getByLabel("Bắt đầu (giờ Việt Nam)").fill(toVnInput(Date.now() - 60_000));
  await page.getByLabel("Kết thúc (giờ Việt Nam)").fill(toVnInput(Date.now() + 24 * 3_600_000));
  await page.getByLabel(/^Cải cách hành chính/).fill("0");
  await page.getByLabel(/^Chuyển đổi số/).fill("0");
  await page.getByLabel(`${name} (1 câu đang dùng)`).fill("2");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  // The category named as the organiser named it, not by its code.
  await expect(
    page.getByText(`Lĩnh vực ${name} chỉ có 1 câu đang dùng, không đủ 2 câu.`).first(),
  ).toBeVisible();
  await page.getByLabel(`${name} (1 câu đang dùng)`).fill("1");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await page.getByRole("button", { name: "Công bố" }).click();
  await expect(page.getByText("Đã công bố cuộc thi.")).toBeVisible();

  const resident = await (await browser.newContext()).newPage();
  await register(resident, "Người đi xe máy");
  await resident.goto(`/contests/${slug}`);
  await pressStart(resident);
  await expect(resident.getByRole("group", { name: /^Câu \d+/ })).toHaveCount(1);
  await expect(resident.getByText(`Người đi xe máy phải đội mũ bảo hiểm? (${tag})`)).toBeVisible();
  await resident.context().close();

  // Retired: no new question may go in it; the contest that draws from it keeps it.
  await page.goto("/organiser/categories");
  await page
    .getByRole("listitem", { name })
    .getByRole("button", { name: `Ngừng dùng ${name}` })
    .click();
  // Its button turns into "Dùng lại" once the retirement is saved (the old button already said "Ngừng dùng").
  await expect(
    page.getByRole("listitem", { name }).getByRole("button", { name: `Dùng lại ${name}` }),
  ).toBeVisible();
  await page.goto("/organiser/questions/new");
  await expect(page.getByLabel("Lĩnh vực").locator("option", { hasText: name })).toHaveCount(0);
  await page.context().close();
});

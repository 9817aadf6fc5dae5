/**
 * Issue 19, items 3 and 4, through the pages: an organiser imports a Word
 * file written by another tool (the `docx` package; the app reads with
 * mammoth) with pictures, and adds a picture on the question form; a
 * resident's quiz shows each picture with its description.
 */
import { inArray } from "drizzle-orm";
import type { Locator, Page } from "@playwright/test";
import { questions } from "#db/schema";
import { pngPicture, wordFile } from "../fixtures/word";
import { e2eDb, expect, makeContest, register, signedInPage, startQuiz, test } from "./fixtures";

/** The picture is on the page, downloaded and drawn (not a broken image), and read aloud by its description. */
async function expectPicture(page: Page | Locator, alt: string) {
  const img = page.getByRole("img", { name: alt, exact: true });
  await img.scrollIntoViewIfNeeded();
  await expect(img).toBeVisible();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBeGreaterThan(0);
  return img;
}

test("a Word file from another tool with pictures is imported from the questions page; the resident's quiz shows them with their descriptions", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36).toUpperCase();
  const file = await wordFile(
    [
      {
        code: `W${stamp}-1`,
        prompt: "Hình dưới đây là biểu tượng của ứng dụng nào?",
        picture: { png: await pngPicture("#c81e1e", "VNeID"), alt: "Biểu tượng ứng dụng VNeID màu đỏ" },
        options: [
          { text: "Ứng dụng định danh điện tử VNeID", correct: true },
          "Ứng dụng VssID",
          "Ứng dụng Zalo",
        ],
        answerStyle: "bold",
      },
      {
        code: `W${stamp}-2`,
        prompt: "Mã QR nào dẫn tới Cổng Dịch vụ công quốc gia?",
        options: [
          {
            text: "Mã thứ nhất",
            correct: true,
            picture: { png: await pngPicture("#111", "QR 1", 120, 120), alt: "Mã QR thứ nhất" },
          },
          "Mã thứ hai",
        ],
        answerStyle: "line",
      },
      {
        code: `W${stamp}-3`,
        prompt: "Thủ tục hành chính có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia.",
        options: [{ text: "Đúng", correct: true }, "Sai"],
        answerStyle: "star",
      },
    ],
    { before: ["ĐỀ THI TÌM HIỂU CHUYỂN ĐỔI SỐ", "Phường Hòa Thuận"] },
  );

  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto("/organiser/questions");
  const importForm = organiser.getByRole("region", { name: "Nhập câu hỏi từ tệp" });
  await expect(importForm.getByText(/mỗi câu bắt đầu bằng “Câu 1:”/)).toBeVisible();
  const sample = await organiser.request.get("/organiser/templates/questions.docx");
  expect(sample.headers()["content-type"]).toContain("wordprocessingml");

  // A picture without its description: nothing is imported, and the problem is named by its question.
  const missingAlt = await wordFile([
    {
      prompt: "Câu hỏi có hình chưa mô tả?",
      picture: { png: await pngPicture() },
      options: [{ text: "Có", correct: true }, "Không"],
      answerStyle: "bold",
    },
  ]);
  await importForm.getByLabel("Tệp CSV hoặc XLSX, hoặc tệp Word (.docx)").setInputFiles({
    name: "thieu-mo-ta.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: missingAlt,
  });
  await importForm.getByRole("button", { name: "Nhập từ tệp" }).click();
  await expect(organiser.getByText(/^Câu 1: .*mô tả/)).toBeVisible();

  await importForm.getByLabel("Tệp CSV hoặc XLSX, hoặc tệp Word (.docx)").setInputFiles({
    name: "de-thi-cds.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: file,
  });
  await importForm.getByLabel(/Lĩnh vực của câu hỏi trong tệp Word/).selectOption({ label: "Chuyển đổi số" });
  await importForm.getByRole("button", { name: "Nhập từ tệp" }).click();
  await expect(organiser.getByText("Đã nhập 3 câu hỏi.")).toBeVisible();

  const db = await e2eDb();
  const imported = await db
    .select({ id: questions.id, code: questions.code, category: questions.category })
    .from(questions)
    .where(
      inArray(
        questions.code,
        [1, 2, 3].map((n) => `W${stamp}-${n}`),
      ),
    );
  expect(imported.map((q) => q.category)).toEqual(["CDS", "CDS", "CDS"]);

  // The organiser's preview of the first question shows its picture.
  await organiser.goto(`/organiser/questions/${imported.find((q) => q.code === `W${stamp}-1`)!.id}`);
  await expectPicture(
    organiser.getByRole("region", { name: "Xem như người dự thi" }),
    "Biểu tượng ứng dụng VNeID màu đỏ",
  );

  // A resident on a phone takes a quiz of these questions.
  const contest = await makeContest({
    title: `Cuộc thi có hình ${stamp}`,
    draw: { mode: "fixed", questionIds: imported.map((q) => q.id) },
    shuffleQuestions: false,
  });
  await register(page, "Người xem hình");
  await startQuiz(page, contest.slug);
  const picture = await expectPicture(page, "Biểu tượng ứng dụng VNeID màu đỏ");
  // The picture fits the phone's screen and was served small and for ever cacheable.
  const box = await picture.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  const src = await picture.getAttribute("src");
  const served = await page.request.get(src!);
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(served.headers()["cache-control"]).toContain("immutable");
  expect((await served.body()).length).toBeLessThan(60_000);
  await expectPicture(page, "Mã QR thứ nhất");
});

test("the question form takes a picture with its description; a refused form keeps the picture and the text typed", async ({
  browser,
}) => {
  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto("/organiser/questions/new");
  const code = `HINH-${Date.now().toString(36).toUpperCase()}`;
  await organiser.getByLabel("Mã", { exact: true }).fill(code);
  await organiser.getByLabel("Câu hỏi", { exact: true }).fill("Màn hình trong hình là trang nào?");
  await organiser.getByLabel("Phương án A", { exact: true }).fill("Cổng Dịch vụ công quốc gia");
  await organiser.getByLabel("Phương án B", { exact: true }).fill("Trang tin của phường");
  await organiser.getByLabel("Đúng: Phương án A").check();
  await organiser
    .locator("details", { has: organiser.getByText("Hình câu hỏi", { exact: true }) })
    .getByLabel(/Chọn hình/)
    .setInputFiles({
      name: "cong-dvc.png",
      mimeType: "image/png",
      buffer: await pngPicture("#0b5cad", "DVC", 640, 400),
    });
  await organiser.getByRole("button", { name: "Lưu" }).click();

  // No description yet: refused, with the picture and everything typed kept.
  await expect(organiser.getByText(/Hình nào cũng cần mô tả/)).toBeVisible();
  await expect(organiser.getByLabel("Câu hỏi", { exact: true })).toHaveValue(
    "Màn hình trong hình là trang nào?",
  );
  await expect(organiser.getByRole("checkbox", { name: "Bỏ hình này" })).toHaveCount(1);

  // A GIF for option B is refused by name, beside that option.
  await organiser.getByText("Hình phương án B", { exact: true }).click();
  await organiser
    .locator("details", { has: organiser.getByText("Hình phương án B") })
    .getByLabel(/Chọn hình/)
    .setInputFiles({ name: "dong.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a not really") });
  await organiser
    .getByLabel("Mô tả hình cho người khiếm thị (Hình câu hỏi)")
    .fill("Trang chủ Cổng Dịch vụ công quốc gia");
  await organiser.getByRole("button", { name: "Lưu" }).click();
  await expect(
    organiser.getByText("Không đọc được hình. Hãy chọn tệp JPEG, PNG hoặc WebP khác."),
  ).toBeVisible();

  // Without the bad file, it saves; the preview shows the picture with its description.
  await organiser.getByRole("button", { name: "Lưu" }).click();
  await expect(organiser.getByText("Đã lưu.")).toBeVisible();
  await expectPicture(
    organiser.getByRole("region", { name: "Xem như người dự thi" }),
    "Trang chủ Cổng Dịch vụ công quốc gia",
  );
});

import ExcelJS from "exceljs";
import { eq, inArray } from "drizzle-orm";
import { writeFileSync } from "node:fs";
import { attemptQuestions, questions } from "#db/schema";
import {
  answer,
  answerKey,
  e2eDb,
  expect,
  makeContest,
  register,
  signedInPage,
  startQuiz,
  submitQuiz,
  test,
} from "./fixtures";

test("an organiser updates 50 questions by re-importing an edited export, after a preview; a submitted score stays", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const db = await e2eDb();

  // A resident answers five questions right and submits: 5/5.
  const contest = await makeContest({
    title: `Trước khi sửa ngân hàng ${Date.now()}`,
    reviewPolicy: "never",
  });
  await register(page, "Người làm bài trước");
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);
  for (let n = 1; n <= key.size; n++) await answer(page, key, n, true);
  await submitQuiz(page);
  await expect(page.getByText("5/5").first()).toBeVisible();
  const taken = await db
    .select({ code: questions.code })
    .from(attemptQuestions)
    .innerJoin(questions, eq(questions.id, attemptQuestions.questionId))
    .where(eq(attemptQuestions.attemptId, attemptId));
  const takenCodes = new Set(taken.map((q) => q.code));

  // The organiser exports the bank and edits 50 rows in a spreadsheet: the right answer of the five
  // questions the resident had, and the wording of 45 others.
  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto("/organiser/questions");
  const exported = await organiser.request.get("/organiser/questions/export/xlsx");
  expect(exported.status()).toBe(200);
  const download = testInfo.outputPath("ngan-hang.xlsx");
  writeFileSync(download, await exported.body());
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(download);
  const sheet = book.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const col = (name: string) => header.indexOf(name);
  const edited: string[] = [];
  const reworded: string[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const code = String(row.getCell(col("Mã")).value);
    const status = String(row.getCell(col("Trạng thái")).value);
    const kind = String(row.getCell(col("Loại")).value);
    if (takenCodes.has(code)) {
      // Another option becomes the right one (a single-choice or true/false question has A and B).
      const right = String(row.getCell(col("Đáp án đúng")).value);
      const other = kind === "Nhiều đáp án" ? (right === "A,B" ? "A" : "A,B") : right === "A" ? "B" : "A";
      row.getCell(col("Đáp án đúng")).value = other;
      edited.push(code);
    } else if (reworded.length < 45 && status === "Đang dùng") {
      row.getCell(col("Câu hỏi")).value = `${String(row.getCell(col("Câu hỏi")).value)} (đã sửa)`;
      reworded.push(code);
      edited.push(code);
    }
  });
  expect(edited).toHaveLength(50);
  const file = testInfo.outputPath("ngan-hang-da-sua.xlsx");
  await book.xlsx.writeFile(file);

  // Importing it shows what would change, and saves nothing yet.
  const importForm = organiser.getByRole("region", { name: "Nhập câu hỏi từ tệp" });
  await importForm.getByLabel("Tệp CSV hoặc XLSX").setInputFiles(file);
  await organiser.getByRole("button", { name: "Nhập từ tệp" }).click();
  const preview = organiser.getByRole("region", { name: "Xem trước thay đổi" });
  await expect(preview).toContainText(/0 câu mới · 50 câu sửa · 0 câu ngừng dùng · [\d.]+ câu không đổi/);
  const first = [...takenCodes][0]!;
  await expect(preview.getByRole("listitem", { name: first })).toContainText("Đáp án đúng:");
  const [before] = await db.select().from(questions).where(eq(questions.code, reworded[0]));
  expect(before.prompt.endsWith("(đã sửa)")).toBe(false);

  await preview.getByRole("button", { name: "Áp dụng thay đổi" }).click();
  await expect(
    organiser.getByText("Đã cập nhật ngân hàng câu hỏi: 0 câu mới, 50 câu sửa, 0 câu ngừng dùng."),
  ).toBeVisible();
  const after = await db.select().from(questions).where(inArray(questions.code, reworded));
  expect(after.filter((q) => q.prompt.endsWith("(đã sửa)"))).toHaveLength(45);

  // The resident's submitted entry keeps the questions and score it was given.
  await page.reload();
  await expect(page.getByText("5/5").first()).toBeVisible();
  await organiser.context().close();
});

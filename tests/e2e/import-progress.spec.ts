/**
 * Issue 19, item 5: a long import shows how far it has got. Over a slow
 * upload the organiser sees the file going out with the time left; the
 * server then reports the rows read, the problems so far and the saving,
 * and the list shows the new questions without a reload.
 */
import { count, like } from "drizzle-orm";
import { questions } from "#db/schema";
import { QUESTION_HEADERS, QUESTION_TEMPLATE_ROWS } from "~/models/question-import.server";
import { writeXlsx } from "~/models/spreadsheet.server";
import { createCategory } from "~/models/question-categories.server";
import { COMMAND_LINE } from "~/utils/permissions.server";
import { e2eDb, expect, signedInPage, test } from "./fixtures";

/** Rows of new questions; `category` keeps them out of the other tests' draws (their contests draw CCHC and CĐS). */
const rows = (n: number, prefix: string, category = "CCHC") =>
  Array.from({ length: n }, (_, i) => {
    const row = [...QUESTION_TEMPLATE_ROWS[0]];
    row[0] = `${prefix}-${i + 1}`;
    row[1] = category;
    row[3] = `Câu hỏi nhập số ${i + 1} về cải cách hành chính?`;
    return row;
  });

test("a 3,000-question import over a slow connection shows its progress and time left, then the questions", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const prefix = `TD${Date.now().toString(36).toUpperCase()}`;
  const category = await createCategory(await e2eDb(), `Nhập thử ${prefix}`, COMMAND_LINE);
  const file = Buffer.from(await writeXlsx("Câu hỏi", QUESTION_HEADERS, rows(3000, prefix, category)));
  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto("/organiser/questions");
  const before = Number((await organiser.getByText(/^\d+ câu hỏi$/).innerText()).split(" ")[0]);
  // A slow mobile upload: about 100 KB/s, so the file takes a few seconds to go.
  const cdp = await organiser.context().newCDPSession(organiser);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: 400 * 1024,
    uploadThroughput: Math.max(50 * 1024, Math.ceil(file.length / 4)),
  });

  const importForm = organiser.getByRole("region", { name: "Nhập câu hỏi từ tệp" });
  await importForm.getByLabel("Tệp CSV hoặc XLSX, hoặc tệp Word (.docx)").setInputFiles({
    name: "3000-cau.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file,
  });
  const streamed = organiser.waitForResponse((r) => r.url().endsWith("/organiser/questions/import"));
  await importForm.getByRole("button", { name: "Nhập từ tệp" }).click();

  // While the file goes out: a bar, the share sent and the time left; the button cannot be pressed twice.
  await expect(importForm.getByRole("progressbar", { name: "Tiến độ nhập tệp" })).toBeVisible();
  await expect(importForm.getByText(/^Đang gửi tệp: \d+% \([\d,]+\/[\d,]+ MB\)$/)).toBeVisible();
  await expect(importForm.getByText(/còn khoảng \d+ giây/)).toBeVisible();
  await expect(importForm.getByRole("button", { name: "Nhập từ tệp" })).toBeDisabled();
  // The connection is fast again for the rest (the list of 3,000 more questions is a large page).
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  // The server's steps, line by line: the rows read with the problems so far, the saving, the result.
  const events = (await (await streamed).text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(events).toContainEqual({ progress: { phase: "check", rows: 3000, problems: 0 } });
  expect(events).toContainEqual({ progress: { phase: "save", rows: 3000 } });
  expect(events.at(-1)).toEqual({ result: { imported: 3000, lineKind: "row" } });

  await expect(organiser.getByText("Đã nhập 3.000 dòng.")).toBeVisible({ timeout: 30_000 });
  await expect(importForm.getByRole("progressbar")).toHaveCount(0);
  // The list is read again without a reload: the count, and the list a page of 200 at a time.
  await expect(organiser.getByText(/^\d+ câu hỏi$/)).toHaveText(`${before + 3000} câu hỏi`);
  await organiser.getByRole("link", { name: "Trang sau ›" }).click();
  await expect(organiser.getByText("Đang xem câu 201–400")).toBeVisible();

  // Exporting the bank, now thousands of questions, says the file is being made until it arrives.
  const download = organiser.waitForEvent("download");
  await organiser.getByRole("link", { name: "Xuất XLSX" }).click();
  await expect(
    organiser.getByRole("status").filter({ hasText: /^Đang tạo tệp \(Xuất XLSX\)/ }),
  ).toBeVisible();
  expect((await download).suggestedFilename()).toBe("Ngân hàng câu hỏi.xlsx");
  await expect(organiser.getByText(/^Đang tạo tệp/)).toHaveCount(0);
  const db = await e2eDb();
  const [{ n }] = await db
    .select({ n: count() })
    .from(questions)
    .where(like(questions.code, `${prefix}-%`));
  expect(n).toBe(3000);
});

test("a file with problems reports them by row after its progress, and imports nothing", async ({
  browser,
}) => {
  const prefix = `TL${Date.now().toString(36).toUpperCase()}`;
  const bad = rows(40, prefix);
  bad[9][10] = "G"; // row 11: an answer letter with no option
  bad[19][0] = bad[18][0]; // row 21: the code of row 20 again
  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto("/organiser/questions");
  const importForm = organiser.getByRole("region", { name: "Nhập câu hỏi từ tệp" });
  await importForm.getByLabel("Tệp CSV hoặc XLSX, hoặc tệp Word (.docx)").setInputFiles({
    name: "co-loi.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(await writeXlsx("Câu hỏi", QUESTION_HEADERS, bad)),
  });
  await importForm.getByRole("button", { name: "Nhập từ tệp" }).click();
  await expect(importForm.getByText("Dòng 11: Đáp án “G” không ứng với phương án nào.")).toBeVisible();
  await expect(importForm.getByText(/^Dòng 21: Mã “.*” trùng với dòng 20\.$/)).toBeVisible();
  const db = await e2eDb();
  const [{ n }] = await db
    .select({ n: count() })
    .from(questions)
    .where(like(questions.code, `${prefix}-%`));
  expect(n).toBe(0);
});

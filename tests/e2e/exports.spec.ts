import type { Download, Page } from "@playwright/test";
import { and, eq, isNotNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { attempts } from "#db/schema";
import { parseCsv } from "~/models/spreadsheet.server";
import { zeros, zip } from "../zip-bomb";
import { contestBySlug, e2eDb, expect, makeContest, pressStart, register, test } from "./fixtures";

const FORMULA_NAME = '=HYPERLINK("http://x")';

async function signIn(page: Page, phone: string) {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
}

async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return file;
}

/** The file's bytes, its text without the BOM and its cells, checking it is CSV for Vietnamese Excel. */
async function readCsv(file: Download) {
  const bytes = readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)], "UTF-8 BOM").toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").slice(1);
  const [header] = text.split("\r\n");
  expect(header.split(";").length).toBeGreaterThan(1);
  expect(header).not.toContain(",");
  const rows = parseCsv(text).filter((r) => r.some((c) => c !== ""));
  for (const row of rows) {
    expect(row, "every row has the header's cells").toHaveLength(rows[0].length);
    for (const cell of row) expect(cell, "no live formula").not.toMatch(/^[=+@\t\r]/);
  }
  return { text, rows };
}

/** "05/04/2022 08:00" in Hà Nội, computed here independently of the app. */
const hanoi = (ms: number) => {
  const [date, time] = new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).split("T");
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y} ${time}`;
};

test("the committee downloads the 2022 ranking as a CSV Vietnamese Excel opens: ';', BOM, labels, Hà Nội times", async ({
  page,
}) => {
  const contest = await contestBySlug("cchc-2022");
  await signIn(page, "0900000003");
  await page.goto(`/committee/contests/${contest!.id}`);
  const file = await download(page, () =>
    page.getByRole("link", { name: "Tải bảng xếp hạng (CSV)" }).click(),
  );
  expect(file.suggestedFilename()).toBe("Xếp hạng cchc-2022.csv");
  const { text, rows } = await readCsv(file);
  const [header, ...body] = rows;
  expect(header).toEqual([
    "Bảng",
    "Hạng",
    "Tên",
    "Đơn vị",
    "Điểm",
    "Dự đoán",
    "Thời gian làm bài (giây)",
    "Nộp bài lúc",
    "Tỷ lệ tham gia (%)",
    "Số bài",
    "Trạng thái",
    "Giải",
    "Số tiền (đồng)",
  ]);
  const column = (name: string) => header.indexOf(name);
  const individual = body.filter((r) => r[0] === "Cá nhân");
  const collective = body.filter((r) => r[0] === "Tập thể");
  expect(individual.length).toBeGreaterThan(200);
  expect(collective).toHaveLength(25);
  // Labels, never the codes stored in the database.
  expect(text).not.toMatch(/to_dan_pho|ineligible|disqualified|no_participants|\branked\b/);
  for (const r of body)
    expect(["Xếp hạng", "Không xét giải", "Đã loại", "Chưa có người dự thi"]).toContain(
      r[column("Trạng thái")],
    );
  expect(individual.filter((r) => r[column("Giải")] !== "")).toHaveLength(5);
  expect(collective.filter((r) => r[column("Giải")] !== "")).toHaveLength(5);
  // Numbers as Vietnamese Excel reads them: a decimal comma, no thousands separator.
  for (const r of body) expect(r[column("Điểm")]).toMatch(/^(\d+(,\d+)?)?$/);
  for (const r of body) expect(r[column("Số tiền (đồng)")]).toMatch(/^\d*$/);
  // Times in Hà Nội, exactly those of the entries.
  const db = await e2eDb();
  const submitted = await db
    .select({ at: attempts.submittedAt })
    .from(attempts)
    .where(and(eq(attempts.contestId, contest!.id), isNotNull(attempts.submittedAt)));
  const expected = new Set(submitted.map((a) => hanoi(a.at!)));
  for (const r of individual) {
    expect(r[column("Nộp bài lúc")]).toMatch(/^\d{2}\/\d{2}\/2022 \d{2}:\d{2}$/);
    expect(expected.has(r[column("Nộp bài lúc")]), r[column("Nộp bài lúc")]).toBe(true);
  }

  // The statistics' unit table: kinds as the pages name them, rates in %.
  await page.goto(`/staff/contests/${contest!.id}/stats`);
  const units = await download(page, () =>
    page.getByRole("region", { name: "Theo đơn vị" }).getByRole("link", { name: "Tải về CSV" }).click(),
  );
  expect(units.suggestedFilename()).toBe("Thống kê cchc-2022 - Đơn vị.csv");
  const unitRows = (await readCsv(units)).rows;
  expect(unitRows[0].slice(0, 2)).toEqual(["Đơn vị", "Loại"]);
  expect(new Set(unitRows.slice(1).map((r) => r[1]))).toEqual(
    new Set(["Tổ dân phố", "Trường học", "Cơ quan"]),
  );
});

test("a resident named like a formula stays text in the organiser's participant and ranking downloads", async ({
  page,
  browser,
}) => {
  const contest = await makeContest();
  await register(page, FORMULA_NAME);
  await page.goto(`/contests/${contest.slug}`);
  await pressStart(page);
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/);

  const organiser = await browser.newPage();
  await signIn(organiser, "0900000002");
  await organiser.goto(`/staff/contests/${contest.id}/stats`);
  const participants = organiser.getByRole("region", { name: "Danh sách người dự thi" });
  const csvFile = await download(organiser, () =>
    participants.getByRole("link", { name: "Tải về CSV" }).click(),
  );
  expect(csvFile.suggestedFilename()).toBe(`Thống kê ${contest.slug} - Người dự thi.csv`);
  const { text, rows } = await readCsv(csvFile);
  expect(rows[0]).toEqual(["Họ tên", "Số điện thoại", "Đơn vị", "Điểm", "Nộp bài lúc", "Hỗ trợ"]);
  expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  const db = await e2eDb();
  const [entry] = await db.select().from(attempts).where(eq(attempts.contestId, contest.id));
  expect(rows[1]).toEqual([
    `'${FORMULA_NAME}`,
    expect.stringMatching(/^08\d{8}$/),
    "Tổ dân phố 3",
    "0",
    hanoi(entry.submittedAt!),
    "Không",
  ]);

  const xlsxFile = await download(organiser, () =>
    participants.getByRole("link", { name: "Tải về XLSX" }).click(),
  );
  expect(xlsxFile.suggestedFilename()).toBe(`Thống kê ${contest.slug} - Người dự thi.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsxFile.path());
  const name = workbook.worksheets[0].getCell("A2");
  expect(name.type).toBe(ExcelJS.ValueType.String);
  expect(name.value).toBe(`'${FORMULA_NAME}`);

  const ranking = await organiser.request.get(`/committee/contests/${contest.id}/export/csv`);
  expect(ranking.headers()["content-disposition"]).toBe(
    `attachment; filename="xep-hang-${contest.slug}.csv"; filename*=UTF-8''X%E1%BA%BFp%20h%E1%BA%A1ng%20${contest.slug}.csv`,
  );
  const rankingText = (await ranking.text()).replace(/^\uFEFF/, "");
  expect(parseCsv(rankingText).find((r) => r[2].includes("HYPERLINK"))?.[2]).toBe(`'${FORMULA_NAME}`);
  await organiser.close();
});

test("an organiser's over-limit files are refused with the limit in Vietnamese and nothing is imported", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "0900000002");
  await page.goto("/organiser/questions");
  const form = page.getByRole("region", { name: "Nhập câu hỏi từ tệp" });
  await expect(
    form.getByText(
      "Giới hạn: tệp tối đa 5 MB (tệp XLSX khi giải nén tối đa 50 MB), tối đa 10.000 dòng dữ liệu và 50 cột, mỗi ô tối đa 2.000 ký tự.",
      { exact: false },
    ),
  ).toBeVisible();
  const count = page.getByText(/^\d+ câu hỏi$/);
  const before = await count.innerText();
  const header = "Mã;Lĩnh vực;Loại;Câu hỏi;Phương án A;Phương án B;Đáp án đúng";
  const csv = (n: number, answer: string) =>
    Buffer.from(
      [
        header,
        ...Array.from({ length: n }, (_, i) => `E2E-LIM-${i};CCHC;Một đáp án;Câu ${i}?;Có;Không;${answer}`),
      ].join("\n"),
    );
  const upload = async (name: string, buffer: Buffer) => {
    await form
      .getByLabel("Tệp CSV hoặc XLSX")
      .setInputFiles({ name, mimeType: "application/octet-stream", buffer });
    await form.getByRole("button", { name: "Nhập từ tệp" }).click();
  };

  await upload("qua-nhieu-dong.csv", csv(10_001, "A"));
  await expect(
    form.getByText("Tệp có hơn 10.000 dòng dữ liệu nên chưa nhập dòng nào.", { exact: false }),
  ).toBeVisible();
  await expect(count).toHaveText(before);

  await upload("bom-nen.xlsx", Buffer.from(zip("xl/worksheets/sheet1.xml", zeros(1400), 1400 * 1024 * 1024)));
  await expect(
    form.getByText("Tệp XLSX khi giải nén lớn hơn 50 MB nên không được đọc, chưa nhập dòng nào.", {
      exact: false,
    }),
  ).toBeVisible();
  await expect(count).toHaveText(before);

  // 300 bad rows: the first 200 problems are listed, the rest counted.
  await upload("sai-dap-an.csv", csv(300, "Z"));
  await expect(form.getByText("Chưa nhập dòng nào. Vui lòng sửa 300 lỗi sau rồi nhập lại:")).toBeVisible();
  await expect(form.getByRole("listitem")).toHaveCount(200);
  await expect(form.getByText("… và 100 lỗi khác (chỉ hiện 200 lỗi đầu tiên).")).toBeVisible();
  await expect(count).toHaveText(before);

  // A 1 MB cell (it once grew the public registration page to 2 MB).
  await page.goto("/organiser/units");
  const units = page.getByRole("region", { name: "Nhập đơn vị từ tệp" });
  await units.getByLabel("Tệp CSV hoặc XLSX").setInputFiles({
    name: "don-vi.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`Tên đơn vị;Loại\n${"A".repeat(1_050_000)};Tổ dân phố\n`),
  });
  await units.getByRole("button", { name: "Nhập từ tệp" }).click();
  await expect(
    units.getByText("Dòng 2: Ô ở cột “Tên đơn vị” dài 1.050.000 ký tự, tối đa 2.000 ký tự."),
  ).toBeVisible();
  const registration = await page.request.get("/register");
  expect((await registration.text()).length).toBeLessThan(200_000);
});

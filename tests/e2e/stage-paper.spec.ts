/**
 * Issue 20, item 2: the secretary (thư ký) types a judge's signed paper sheet
 * in, sees it marked as entered from paper, and prints the blank sheet and
 * the judge's biên bản chấm điểm, one A4 page each.
 */
import { eq } from "drizzle-orm";
import { stageCriteria, teams, users } from "#db/schema";
import { contestBySlug, e2eDb, expect, oneSheetStage, signIn, test } from "./fixtures";

const pdfPages = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

test("the organiser enters a judge's paper sheet, sees it marked, and prints the blank sheet and the judge's summary on one A4 page each", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { db, contest, part, team } = await oneSheetStage({
    title: "Hội thi phiếu giấy",
    judgePhone: "0900000006",
    part: { name: "Chào hỏi", maxScore: 20 },
    team: "Đội số 1 — Phiếu giấy",
  });
  await db.insert(stageCriteria).values([
    { partId: part.id, name: "Nội dung", maxScore: 10 },
    { partId: part.id, name: "Hình thức", maxScore: 10 },
  ]);
  await db.insert(teams).values({
    contestId: contest.id,
    number: 2,
    name: "Đội số 2 — Phiếu giấy",
    nameKey: `doi-2-${contest.id}`,
  });
  const [judge] = await db.select().from(users).where(eq(users.phone, "0900000006"));

  await signIn(page, "0900000002");
  await page.goto(`/organiser/stage/${contest.id}`);
  await page.getByRole("link", { name: "Nhập phiếu chấm giấy" }).click();
  await expect(page.getByRole("heading", { name: /^Nhập phiếu chấm giấy/, level: 1 })).toBeVisible();
  const sheet = page.getByRole("form", { name: `Phiếu chấm của ${judge.fullName} — Chào hỏi` });
  await expect(sheet).toBeVisible();

  // Over a criterion's maximum: refused with the team and criterion named, what was typed kept.
  const content = sheet.getByLabel(`${team.name}: Nội dung (tối đa 10)`);
  await content.fill("10,5");
  await sheet.getByLabel(`${team.name}: Hình thức (tối đa 10)`).fill("8");
  await sheet.getByRole("button", { name: "Lưu phiếu chấm" }).click();
  await expect(page.getByRole("alert")).toContainText(
    `${team.name}: điểm “Nội dung” vượt quá điểm tối đa 10.`,
  );
  await expect(content).toHaveValue("10,5");

  await content.fill("7,5");
  await sheet.getByRole("button", { name: "Lưu phiếu chấm" }).click();
  await expect(page.getByText("Đã lưu 1 dòng của phiếu chấm.")).toBeVisible();
  await expect(sheet.getByRole("rowheader", { name: new RegExp(team.name) })).toContainText(
    /nhập hộ từ phiếu giấy \(bởi .+\)/,
  );
  await expect(sheet.getByRole("row", { name: new RegExp(team.name) })).toContainText("15,5");

  // The organiser's Điều hành page lists it too.
  await page.goto(`/organiser/stage/${contest.id}/live`);
  await expect(
    page.getByText(new RegExp(`${team.name} — ${judge.fullName}: nhập hộ từ phiếu giấy \\(bởi .+\\)`)),
  ).toBeVisible();

  // The blank sheet for this judge and part: one A4 page.
  await page.goto(`/organiser/stage/${contest.id}/sheets?judge=${judge.id}&part=${part.id}`);
  await expect(page.getByRole("heading", { name: "Phiếu chấm điểm" })).toBeVisible();
  await expect(page.getByText("Giám khảo ký tên")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Nội dung\s*\(tối đa 10\)/ })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(3);
  await page.emulateMedia({ media: "print" });
  let pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  expect(pdfPages(pdf)).toBe(1);
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf.toString("latin1"))!;
  expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);

  // The judge's biên bản chấm điểm, with the score as entered: one A4 page.
  await page.emulateMedia({ media: "screen" });
  await page.goto(`/organiser/stage/${contest.id}/judges/${judge.id}/summary`);
  await expect(page.getByRole("heading", { name: "Biên bản chấm điểm" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(team.name) })).toContainText("7,5");
  await expect(page.getByRole("row", { name: new RegExp(team.name) })).toContainText("15,5");
  await expect(page.getByText(/, ngày \d+ tháng \d+ năm \d{4}$/)).toBeVisible();
  await page.emulateMedia({ media: "print" });
  pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  expect(pdfPages(pdf)).toBe(1);
});

test("the demo stage contest's blank sheets print a page per judged part, and a judge's biên bản of every part fits one A4 page", async ({
  page,
}) => {
  const db = await e2eDb();
  const contest = (await contestBySlug("hoi-thi-tuyen-truyen-2026"))!;
  const [judge] = await db.select().from(users).where(eq(users.phone, "0900000007"));
  await signIn(page, "0900000002");
  // Chào hỏi and Tiểu phẩm are scored by the judges; Kiến thức is not, so it has no sheet.
  await page.goto(`/organiser/stage/${contest.id}/sheets?judge=${judge.id}`);
  await expect(page.getByRole("heading", { name: "Phiếu chấm điểm" })).toHaveCount(2);
  await page.emulateMedia({ media: "print" });
  expect(pdfPages(await page.pdf({ format: "A4", preferCSSPageSize: true }))).toBe(2);
  await page.emulateMedia({ media: "screen" });
  await page.goto(`/organiser/stage/${contest.id}/judges/${judge.id}/summary`);
  await expect(page.getByRole("table")).toHaveCount(2);
  await page.emulateMedia({ media: "print" });
  expect(pdfPages(await page.pdf({ format: "A4", preferCSSPageSize: true }))).toBe(1);
});

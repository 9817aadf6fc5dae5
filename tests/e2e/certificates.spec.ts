import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { attempts, stageJudges, stageParts, teams, users } from "#db/schema";
import { saveJudgeScore } from "~/models/stage-judging.server";
import { createContest, createFinishedAttempts, createPrizes, createUnit, createUser } from "../factories";
import { contestBySlug, e2eDb, expect, signIn, test } from "./fixtures";

/** Pages of a PDF: its `/Type /Page` objects (not the `/Type /Pages` tree nodes). */
function pdfPages(pdf: Buffer) {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/** The size of the PDF's pages in points, from their MediaBoxes (all equal). */
function pdfPageSizes(pdf: Buffer) {
  const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  return [...new Set(boxes.map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`))];
}

async function printToPdf(page: Page, options: Parameters<Page["pdf"]>[0] = { preferCSSPageSize: true }) {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf(options);
  await page.emulateMedia({ media: "screen" });
  return pdf;
}

test("the committee prints the demo 2022 contest's certificates: one A4 landscape page per prize, participation on request", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const contest = await contestBySlug("cchc-2022");
  await signIn(page, "0900000003");
  await page.goto(`/committee/contests/${contest!.id}`);
  await page.getByRole("link", { name: "In giấy chứng nhận" }).click();
  await expect(page).toHaveURL(new RegExp(`/committee/contests/${contest!.id}/certificates$`));
  await expect(page.getByRole("heading", { name: /^In giấy chứng nhận — / })).toBeVisible();

  // 1/1/1/2 individual and 1/1/1/2 collective prizes: ten certificates.
  const certificates = page.getByRole("article");
  await expect(certificates).toHaveCount(10);
  await expect(certificates.first()).toContainText("GIẤY CHỨNG NHẬN");
  await expect(certificates.first()).toContainText("Đã đạt giải Nhất — giải tập thể");
  await expect(certificates.first()).toContainText("Phường Hòa Thuận");
  await expect(certificates.first()).toContainText("(Ký, ghi rõ họ tên, đóng dấu)");
  await expect(certificates.nth(5)).toContainText("Đã đạt giải Nhất — giải cá nhân");
  // Collective prizes point at the winners page; individual ones at the winner's own receipt.
  await expect(certificates.first().getByRole("img")).toHaveAttribute(
    "aria-label",
    /\/contests\/cchc-2022\/results$/,
  );
  const receiptUrl = await certificates.nth(5).getByRole("img").getAttribute("aria-label");
  expect(receiptUrl).toMatch(/\/receipts\/[A-Z2-9]{5}-[A-Z2-9]{5}$/);

  const pdf = await printToPdf(page);
  expect(pdfPages(pdf)).toBe(10);
  // A4 landscape: 297 × 210 mm = 842 × 595 pt.
  expect(pdfPageSizes(pdf)).toEqual(["842x595"]);

  // Printed on the default paper instead (Letter), still one page per certificate.
  expect(pdfPages(await printToPdf(page, {}))).toBe(10);

  // With participation certificates: every counted entrant without a prize gets one too.
  await page.getByRole("checkbox", { name: /Kèm giấy chứng nhận tham gia/ }).check();
  await page.getByRole("button", { name: "Hiển thị" }).click();
  await expect(page).toHaveURL(/participants=1/);
  // The summary counts participation certificates once the page shows them.
  await expect(page.getByRole("status")).toContainText(/, [1-9]\d* giấy chứng nhận tham gia/);
  const summary = await page.getByRole("status").innerText();
  const participants = Number(/(\d+) giấy chứng nhận tham gia/.exec(summary)![1]);
  expect(participants).toBeGreaterThan(200);
  await expect(certificates).toHaveCount(10 + participants);
  await expect(certificates.nth(10)).toContainText("Đã tham gia");
  expect(pdfPages(await printToPdf(page))).toBe(10 + participants);

  // The QR code of a winner's certificate opens the receipt check, which confirms the entry.
  await page.goto(new URL(receiptUrl!).pathname);
  await expect(page.getByRole("heading", { name: "Mã xác nhận hợp lệ" })).toBeVisible();
});

test("a contest locked through the review page gets exactly one certificate per prize, reached from the lock panel", async ({
  page,
  allowConsole,
}) => {
  // Before the lock the page answers 409, which Chromium logs.
  allowConsole(/status of 409/);
  test.setTimeout(90_000);
  const db = await e2eDb();
  const tag = Date.now().toString(36);
  const now = Date.now();
  const ward = await db.query.wards.findFirst();
  const units = [
    await createUnit(db, {
      wardId: ward!.id,
      name: `GCN ${tag} tổ 1`,
      denominator: 50,
      createdAt: now - 86_400_000 * 30,
    }),
    await createUnit(db, {
      wardId: ward!.id,
      name: `GCN ${tag} tổ 2`,
      denominator: 500,
      createdAt: now - 86_400_000 * 30,
    }),
  ];
  const contest = await createContest(db, {
    title: `Cuộc thi giấy chứng nhận ${tag}`,
    opensAt: now - 10 * 86_400_000,
    closesAt: now - 3_600_000,
    eligibleUnitIds: units.map((u) => u.id),
  });
  await createPrizes(db, contest.id, [
    { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 500_000 },
    { category: "individual", rank: 2, label: "Nhì", count: 1, amount: 300_000 },
    { category: "individual", rank: 3, label: "Ba", count: 1, amount: 200_000 },
    { category: "collective", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
  ]);
  const people = [];
  for (let i = 0; i < 5; i++)
    people.push(await createUser(db, { fullName: `Lê Thị GCN ${tag} ${i + 1}`, unitId: units[i % 2].id }));
  const ids = await createFinishedAttempts(
    db,
    people.map((p, i) => ({
      contestId: contest.id,
      userId: p.id,
      score: 20 - i,
      submittedAt: now - 7_200_000,
    })),
  );
  // Receipt codes of their own (the factory gives every entry the same placeholder).
  const letter = () => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[Math.floor(Math.random() * 32)];
  const codes = ids.map(() => {
    const code = Array.from({ length: 10 }, letter).join("");
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
  for (const [i, id] of ids.entries())
    await db.update(attempts).set({ receipt: codes[i] }).where(eq(attempts.id, id));

  await signIn(page, "0900000003");
  await page.goto(`/committee/contests/${contest.id}`);
  await expect(page.getByRole("link", { name: "In giấy chứng nhận" })).toHaveCount(0);
  await page.goto(`/committee/contests/${contest.id}/certificates`);
  await expect(page.getByText("Giấy chứng nhận chỉ in được sau khi Hội đồng đã khóa kết quả.")).toBeVisible();

  await page.goto(`/committee/contests/${contest.id}`);
  await page.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(page.getByText("Kết quả đã chốt.")).toBeVisible({ timeout: 20_000 });
  await page.getByRole("link", { name: "In giấy chứng nhận" }).click();
  const certificates = page.getByRole("article");
  await expect(certificates).toHaveCount(4);
  await expect(certificates.nth(0)).toContainText(`GCN ${tag} tổ 1`);
  await expect(certificates.nth(1)).toContainText(`Lê Thị GCN ${tag} 1`);
  await expect(certificates.nth(1)).toContainText("Đã đạt giải Nhất — giải cá nhân");
  await expect(certificates.nth(1)).toContainText(`Đơn vị: GCN ${tag} tổ 1`);
  await expect(certificates.nth(3)).toContainText("Đã đạt giải Ba — giải cá nhân");
  await expect(certificates.nth(1).getByRole("img")).toHaveAttribute(
    "aria-label",
    new RegExp(`/receipts/${codes[0]}$`),
  );
  expect(pdfPages(await printToPdf(page))).toBe(4);
});

test("a stage contest's committee page leads to its certificates: one per team prize, each pointing at the winners page", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const db = await e2eDb();
  const tag = Date.now().toString(36);
  const contest = await createContest(db, {
    kind: "stage",
    entryModes: "team",
    stageAggregation: "mean",
    title: `Hội thi sân khấu ${tag}`,
  });
  const [part] = await db
    .insert(stageParts)
    .values({ contestId: contest.id, position: 1, name: `Chào hỏi ${tag}`, maxScore: 20 })
    .returning();
  const teamRows = await db
    .insert(teams)
    .values(
      [1, 2, 3, 4].map((n) => ({
        contestId: contest.id,
        number: n,
        name: `Đội ${tag} số ${n}`,
        nameKey: `đội ${tag} số ${n}`,
      })),
    )
    .returning();
  await createPrizes(db, contest.id, [
    { category: "team", rank: 1, label: "Nhất", count: 1, amount: 3_000_000 },
    { category: "team", rank: 2, label: "Nhì", count: 1, amount: 2_000_000 },
    { category: "team", rank: 3, label: "Ba", count: 1, amount: 1_000_000 },
  ]);
  // One judge from outside the ward's units (a demo account) scores every team.
  const judge = (await db.select().from(users).where(eq(users.phone, "0900000006")))[0];
  await db.insert(stageJudges).values({ contestId: contest.id, userId: judge.id });
  for (const [i, team] of teamRows.entries())
    await saveJudgeScore(db, {
      contestId: contest.id,
      partId: part.id,
      teamId: team.id,
      judge: { id: judge.id, role: "judge" },
      values: { total: 18 - 2 * i },
      comment: "",
    });

  await signIn(page, "0900000003");
  await page.goto(`/committee/stage/${contest.id}`);
  await page.getByRole("button", { name: `Khoá phần thi: Chào hỏi ${tag}` }).click();
  await expect(page.getByRole("button", { name: `Mở lại phần thi: Chào hỏi ${tag}` })).toBeVisible();
  await page.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await page.getByRole("link", { name: "In giấy chứng nhận" }).click();
  await expect(page).toHaveURL(new RegExp(`/committee/contests/${contest.id}/certificates$`));

  const certificates = page.getByRole("article");
  await expect(certificates).toHaveCount(3);
  for (const [i, prize] of ["Nhất", "Nhì", "Ba"].entries()) {
    await expect(certificates.nth(i)).toContainText(`Đội ${tag} số ${i + 1}`);
    await expect(certificates.nth(i)).toContainText(`Đã đạt giải ${prize} — giải đội`);
    await expect(certificates.nth(i).getByRole("img")).toHaveAttribute(
      "aria-label",
      new RegExp(`/contests/${contest.slug}/results$`),
    );
  }
  expect(pdfPages(await printToPdf(page))).toBe(3);

  // The fourth team took part: its certificate comes with the participation ones.
  await page.getByRole("checkbox", { name: /Kèm giấy chứng nhận tham gia/ }).check();
  await page.getByRole("button", { name: "Hiển thị" }).click();
  await expect(certificates).toHaveCount(4);
  await expect(certificates.nth(3)).toContainText(`Đội ${tag} số 4`);
  await expect(certificates.nth(3)).toContainText("Đã tham gia");
  expect(pdfPages(await printToPdf(page))).toBe(4);
  await page.getByRole("link", { name: "Quay lại trang xét duyệt" }).click();
  await expect(page).toHaveURL(new RegExp(`/committee/stage/${contest.id}$`));
});

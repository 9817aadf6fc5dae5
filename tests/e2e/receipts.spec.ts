import AxeBuilder from "@axe-core/playwright";
import http from "node:http";
import { teamMembers, teams } from "#db/schema";
import { memberKey, teamNameKey } from "~/models/teams.server";
import { createUser, TEST_PASSWORD } from "../factories";
import {
  answer,
  answerKey,
  e2eDb,
  expect,
  makeContest,
  register,
  signIn,
  startQuiz,
  test,
  uniquePhone,
} from "./fixtures";

/** A resident registers, takes a quiz and submits it; returns the receipt code shown on the result page. */
async function submittedReceipt(page: import("@playwright/test").Page, name: string) {
  const contest = await makeContest({ title: `Kiểm tra biên nhận ${Date.now().toString(36)}` });
  await register(page, name);
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);
  await answer(page, key, 1);
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/);
  const receipt = (await page.getByTestId("receipt").innerText()).trim();
  expect(receipt).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  // The result page says where anyone can check it.
  await expect(page.getByRole("link", { name: "Kiểm tra mã này" })).toHaveAttribute(
    "href",
    `/receipts/${receipt}`,
  );
  return { receipt, contest };
}

test("an anonymous visitor checks a real receipt through the page, in lower case, and sees the entry with the name masked", async ({
  page,
  browser,
}) => {
  const { receipt, contest } = await submittedReceipt(page, "Nguyễn Thị Kim");

  // Someone else, on another phone, not signed in: from the footer of the home page.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/");
  await visitor.getByRole("link", { name: "Kiểm tra mã xác nhận" }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: "Kiểm tra mã xác nhận" })).toBeVisible();
  await visitor.getByLabel("Mã xác nhận").fill(receipt.toLowerCase().replace("-", " "));
  await visitor.getByRole("button", { name: "Kiểm tra" }).click();

  const result = visitor.getByRole("status").filter({ hasText: "Mã xác nhận hợp lệ" });
  await expect(result).toBeVisible();
  await expect(result).toContainText(receipt);
  await expect(result.getByRole("link", { name: contest.title })).toHaveAttribute(
    "href",
    `/contests/${contest.slug}`,
  );
  await expect(result).toContainText("Nguyễn T. K.");
  await expect(result).not.toContainText("Nguyễn Thị Kim");
  // WCAG 2.1 A and AA (axe-core) on the page with its answer.
  const { violations } = await new AxeBuilder({ page: visitor })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await visitor.context().close();
});

test("an unknown code gets the message, a malformed one says what a code looks like, and a QR link opens the result", async ({
  page,
}) => {
  await page.goto("/receipts");
  await page.getByLabel("Mã xác nhận").fill("ABCDE-FGH23");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByRole("heading", { name: "Không tìm thấy mã xác nhận ABCDE-FGH23" })).toBeVisible();
  await expect(page.getByText("Mã xác nhận hợp lệ")).toHaveCount(0);

  await page.getByLabel("Mã xác nhận").fill("12345");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByText("“12345” không phải là mã xác nhận.")).toBeVisible();
  // What was typed stays in the field.
  await expect(page.getByLabel("Mã xác nhận")).toHaveValue("12345");

  // The address a certificate's QR code carries.
  await page.goto("/receipts/abcde-fgh23");
  await expect(page.getByRole("heading", { name: "Không tìm thấy mã xác nhận ABCDE-FGH23" })).toBeVisible();
});

test("without JavaScript the form still checks a code", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto("/receipts");
  await page.getByLabel("Mã xác nhận").fill("zzzzz-zzzzz");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page).toHaveURL(/\/receipts\?code=zzzzz-zzzzz$/);
  await expect(page.getByRole("heading", { name: "Không tìm thấy mã xác nhận ZZZZZ-ZZZZZ" })).toBeVisible();
  await page.context().close();
});

test("GET /api/receipts/:code.json gives the entry with the name masked, and 404 { valid: false } for an unknown code", async ({
  page,
  request,
}) => {
  const { receipt, contest } = await submittedReceipt(page, "Trần Văn Bình");
  const before = Date.now();

  const found = await request.get(`/api/receipts/${receipt.toLowerCase()}.json`);
  expect(found.status()).toBe(200);
  const body = await found.json();
  expect(body).toEqual({
    valid: true,
    contest: { slug: contest.slug, title: contest.title },
    submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    team: null,
    name: "Trần V. B.",
  });
  expect(Date.parse(body.submittedAt)).toBeLessThanOrEqual(before);
  expect(Date.parse(body.submittedAt)).toBeGreaterThan(before - 5 * 60_000);

  const unknown = await request.get("/api/receipts/ABCDE-FGH23.json");
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ valid: false });
  const garbage = await request.get("/api/receipts/not-a-code.json");
  expect(garbage.status()).toBe(404);
  expect(await garbage.json()).toEqual({ valid: false });
});

test("a captain's entry for the team: the receipt names the team, on the page and in the JSON", async ({
  page,
  browser,
  request,
}) => {
  const db = await e2eDb();
  const tag = Date.now().toString(36);
  const teamName = `Đội Biên nhận ${tag}`;
  const contest = await makeContest({ title: `Cuộc thi theo đội ${tag}`, entryModes: "both" });
  const captain = await createUser(db, { phone: uniquePhone(), fullName: "Hoàng Văn Đội" });
  const [team] = await db
    .insert(teams)
    .values({
      contestId: contest.id,
      number: 1,
      name: teamName,
      nameKey: teamNameKey(teamName),
      captainUserId: captain.id,
    })
    .returning();
  await db.insert(teamMembers).values({
    teamId: team.id,
    userId: captain.id,
    displayName: captain.fullName,
    nameKey: memberKey(captain.id, captain.fullName),
  });

  await signIn(page, captain.phone, TEST_PASSWORD);
  await page.goto(`/contests/${contest.slug}`);
  await page.getByRole("button", { name: `Dự thi cho ${teamName}` }).click();
  await page
    .getByRole("region", { name: "Xác nhận bắt đầu" })
    .getByRole("button", { name: `Bắt đầu làm bài cho ${teamName}` })
    .click();
  await expect(page).toHaveURL(/\/attempts\//);
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/);
  const receipt = (await page.getByTestId("receipt").innerText()).trim();

  const body = await (await request.get(`/api/receipts/${receipt}.json`)).json();
  expect(body).toMatchObject({ valid: true, team: { name: teamName }, name: "Hoàng V. Đ." });

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/receipts/${receipt}`);
  const result = visitor.getByRole("status").filter({ hasText: "Mã xác nhận hợp lệ" });
  await expect(result.getByRole("term")).toContainText(["Cuộc thi", "Người dự thi", "Dự thi cho đội"]);
  await expect(result.getByRole("definition").nth(2)).toHaveText(teamName);
  await expect(result).toContainText("Hoàng V. Đ.");
  await visitor.context().close();
});

/** A GET from another loopback source address, as a different client (the server sees its own socket's peer). */
function getFrom(from: string, url: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    http
      .get(url, { localAddress: from }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on("error", reject);
  });
}

test("checks are limited per address: past the limit, 429 with Retry-After, in JSON and on the page; other addresses go on", async ({
  request,
}) => {
  // From a loopback address of its own, so the other tests' checks never meet the limit.
  const base = test.info().project.use.baseURL!.replace("localhost", "127.0.0.1");
  const from = `127.${20 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
  let refused: { at: number; headers: Record<string, unknown>; body: string } | null = null;
  for (let i = 0; i < 40 && !refused; i++) {
    const response = await getFrom(
      from,
      `${base}/api/receipts/ABCDE-FGH${String(22 + i).replace(/[01]/g, "2")}.json`,
    );
    if (response.status === 429) refused = { at: i, ...response };
    else expect(response.status).toBe(404);
  }
  expect(refused, "a 429 within 40 checks").not.toBeNull();
  expect(refused!.at).toBe(30);
  const wait = Number(refused!.headers["retry-after"]);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(60);
  expect(JSON.parse(refused!.body).message).toMatch(/Vui lòng thử lại sau \d+ giây/);

  const page = await getFrom(from, `${base}/receipts/ABCDE-FGH23`);
  expect(page.status).toBe(429);
  expect(page.headers["retry-after"]).toMatch(/^\d+$/);
  expect(page.body).toContain("Bạn đã kiểm tra quá nhiều mã trong thời gian ngắn.");

  // Everyone else is not held up.
  expect((await request.get("/api/receipts/ABCDE-FGH23.json")).status()).toBe(404);
});

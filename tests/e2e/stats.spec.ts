import { expect, register, test } from "./fixtures";

test("the public statistics of the 2022 contest show 20/25 units, 241 entries and the charts", async ({
  page,
}) => {
  await page.goto("/contests/cchc-2022");
  await page.getByRole("link", { name: "Xem thống kê" }).click();
  await expect(page.getByTestId("units-with-participants")).toHaveText("20/25 đơn vị có người dự thi");
  await expect(page.getByTestId("stats-summary")).toHaveText("241 người dự thi, 241 bài dự thi");
  await expect(page.getByTestId("participation-chart").locator("svg.recharts-surface")).toBeVisible();
  await expect(
    page.getByTestId("participation-chart").locator(".recharts-bar-rectangle").first(),
  ).toBeVisible();
  // Units nobody entered from are marked; no phone number appears on the public page.
  await expect(page.getByText("chưa có người dự thi")).toHaveCount(5);
  expect(await page.locator("main").innerText()).not.toMatch(/\b0\d{9}\b/);

  // Sorting by a column works without reloading.
  await page.getByRole("button", { name: /^Người dự thi/ }).click();
  const firstUnit = page.getByRole("region", { name: "Theo đơn vị" }).getByRole("row").nth(1);
  await expect(firstUnit).toContainText("Tổ dân phố 1");
});

test("stats.json has the DESIGN.md shape with cache headers, and unknown contests answer 404", async ({
  request,
  page,
  allowConsole,
}) => {
  allowConsole(/404/);
  const response = await request.get("/api/contests/cchc-2022/stats.json");
  expect(response.headers()["cache-control"]).toContain("max-age");
  const json = await response.json();
  expect(json.totals).toEqual({ units: 25, unitsWithParticipants: 20, participants: 241, entries: 241 });
  expect(Object.keys(json.units[0])).toEqual([
    "id",
    "name",
    "kind",
    "denominator",
    "participants",
    "entries",
    "participationRate",
    "averageScore",
  ]);
  expect((await request.get("/api/contests/khong-ton-tai/stats.json")).status()).toBe(404);
  const missing = await page.goto("/contests/khong-ton-tai/stats");
  expect(missing?.status()).toBe(404);
});

test("private statistics with names and phones are only for organisers and the committee", async ({
  page,
  allowConsole,
}) => {
  allowConsole(/403|404/);
  await register(page);
  expect((await page.request.get("/staff/contests/1/stats")).status()).toBe(403);
  expect((await page.request.get("/staff/contests/1/stats/export/participants/csv")).status()).toBe(403);

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  // Signed out for sure (the sign-out's cookie applied) before signing in as the committee.
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Đăng nhập", exact: true })).toBeVisible();
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill("0900000003");
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  await page.goto("/staff/contests/1/stats");
  await expect(page.getByRole("heading", { name: "Danh sách người dự thi" })).toBeVisible();
  const csv = await page.request.get("/staff/contests/1/stats/export/participants/csv");
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(242);
});

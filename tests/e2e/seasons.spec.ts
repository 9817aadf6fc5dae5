import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { contests } from "#db/schema";
import { createPrizes } from "../factories";
import { toVnInput } from "~/utils/vietnam-time";
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

const HOUR = 3_600_000;

/** Takes a round's quiz of five questions with the first `right` answered right, the rest wrong. */
async function enter(page: Page, slug: string, right: number) {
  const attemptId = await startQuiz(page, slug);
  const key = await answerKey(attemptId);
  for (let n = 1; n <= key.size; n++) await answer(page, key, n, n <= right);
  await submitQuiz(page);
}

/** The committee locks and announces one contest (a round or the season) from its review page. */
async function lockAndAnnounce(committee: Page, contestId: number) {
  await committee.goto(`/committee/contests/${contestId}`);
  await committee.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(committee.getByText("Kết quả đã chốt.")).toBeVisible({ timeout: 20_000 });
  await committee.getByRole("button", { name: "Công bố kết quả" }).click();
  await expect(committee.getByText("Đã công bố kết quả").first()).toBeVisible({ timeout: 20_000 });
}

test("an organiser builds a 2-round season, residents enter both rounds, and the committee announces round and season prizes with one prize per person", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const tag = Date.now().toString(36);
  const db = await e2eDb();
  const now = Date.now();
  // Round 1: an ordinary quiz, open now, its prizes Nhất and Nhì.
  const round1 = await makeContest({
    title: `Tuần thi chuyển đổi số ${tag} – Đợt 1`,
    opensAt: now - HOUR,
    closesAt: now + 2 * HOUR,
  });
  await createPrizes(db, round1.id, [
    { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 300_000 },
    { category: "individual", rank: 2, label: "Nhì", count: 1, amount: 200_000 },
  ]);

  // The organiser makes it round 1 of a season, from the contests page.
  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto("/organiser/contests");
  await organiser.getByRole("link", { name: "Tạo mùa thi" }).click();
  await organiser.getByLabel("Tên mùa thi").fill(`Tuần thi chuyển đổi số ${tag}`);
  await organiser.getByLabel("Đường dẫn").fill(`tuan-thi-${tag}`);
  await organiser.getByLabel("Cuộc thi làm đợt 1").selectOption({ label: round1.title });
  await organiser
    .getByLabel("Một người đạt giải ở nhiều đợt")
    .selectOption({ label: "Chỉ nhận giải cao nhất" });
  await organiser.getByRole("button", { name: "Tạo mùa thi" }).click();
  await expect(
    organiser.getByRole("heading", { name: `Mùa thi: Tuần thi chuyển đổi số ${tag}` }),
  ).toBeVisible();
  const seasonId = Number(organiser.url().split("/organiser/seasons/")[1]);

  // The next round: its window typed in (overlapping round 1, so residents can enter both today).
  const next = organiser.getByRole("region", { name: "Tạo đợt tiếp theo" });
  await next.getByLabel("Đợt mới bắt đầu").fill(toVnInput(now - HOUR));
  await next.getByLabel("Đợt mới kết thúc").fill(toVnInput(now + 3 * HOUR));
  await next.getByRole("button", { name: "Tạo đợt tiếp theo" }).click();
  await expect(organiser.getByText("Đã tạo đợt 2 (bản nháp).")).toBeVisible();
  await organiser.getByRole("link", { name: "Quản lý Đợt 2" }).click();
  await expect(organiser.getByText("Đợt 2 · Xem mùa thi")).toBeVisible();
  await organiser.getByRole("button", { name: "Công bố", exact: true }).click();
  await expect(organiser.getByRole("button", { name: "Công bố", exact: true })).toHaveCount(0);
  const round2 = (await db.select().from(contests).where(eq(contests.seasonId, seasonId))).find(
    (c) => c.roundNo === 2,
  )!;
  expect(round2.title).toBe(`Tuần thi chuyển đổi số ${tag} – Đợt 2`);

  // The season's public page shows both rounds open; residents enter each from there.
  const residents: [string, number][] = [
    [`An ${tag}`, 5],
    [`Bình ${tag}`, 4],
    [`Chi ${tag}`, 3],
  ];
  for (const [name, right] of residents) {
    const phone = await (await browser.newContext()).newPage();
    await register(phone, name);
    await phone.goto(`/seasons/tuan-thi-${tag}`);
    await expect(phone.getByRole("heading", { name: `Mùa thi Tuần thi chuyển đổi số ${tag}` })).toBeVisible();
    await phone.getByRole("link", { name: "Đợt 1", exact: true }).click();
    await expect(
      phone.getByRole("link", { name: `Đợt 1/2 của Tuần thi chuyển đổi số ${tag}` }),
    ).toBeVisible();
    await enter(phone, round1.slug, right);
    await enter(phone, round2.slug, right);
    await phone.context().close();
  }

  // Both rounds close.
  await db
    .update(contests)
    .set({ closesAt: Date.now() - 2000, updatedAt: Date.now() })
    .where(eq(contests.id, round1.id));
  await db
    .update(contests)
    .set({ closesAt: Date.now() - 1000, updatedAt: Date.now() })
    .where(eq(contests.id, round2.id));

  // The committee cannot lock round 2 before round 1: round 2 is ranked against round 1's prizes.
  const committee = await signedInPage(browser, "0900000003");
  await committee.goto(`/committee/contests/${round2.id}`);
  await committee.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(committee.getByText("Hãy chốt kết quả các đợt trước")).toBeVisible();

  await lockAndAnnounce(committee, round1.id);
  // Round 2: An already holds Nhất, so she is passed over for it; Bình (who held Nhì) takes Nhất, Chi Nhì.
  await committee.goto(`/committee/contests/${round2.id}`);
  const ranking = committee.getByRole("region", { name: "Xếp hạng cá nhân" });
  await expect(ranking.getByRole("row").filter({ hasText: `An ${tag}` })).toContainText(
    "Đã đoạt giải đợt trước",
  );
  await lockAndAnnounce(committee, round2.id);

  const round2Json = await (await request.get(`/api/contests/${round2.slug}/results.json`)).json();
  expect(round2Json.individual.map((w: { name: string; prize: string }) => [w.name, w.prize])).toEqual([
    [`Bình ${tag}`, "Nhất"],
    [`Chi ${tag}`, "Nhì"],
  ]);

  // The season: its review shows the round prizes settled, then it is locked and announced.
  await committee.goto(`/committee/contests/${seasonId}`);
  await expect(committee.getByText("Không nhận – nhận giải cao hơn ở đợt 2")).toBeVisible();
  await lockAndAnnounce(committee, seasonId);

  // Round 2's winners page leads to the season's; it lists each person's rounds and who receives what.
  await page.goto(`/contests/${round2.slug}/results`);
  await page.getByRole("link", { name: `Kết quả cả mùa thi: Tuần thi chuyển đổi số ${tag}` }).click();
  await expect(page.getByRole("heading", { name: "Kết quả mùa thi" })).toBeVisible();
  const seasonRanking = page.getByRole("region", { name: "Xếp hạng cá nhân mùa thi" });
  await expect(seasonRanking.getByRole("listitem").first()).toContainText(`An ${tag}`);
  await expect(seasonRanking.getByRole("listitem").first()).toContainText("Đợt 1: 5 · Đợt 2: 5");

  const json = await (await request.get(`/api/seasons/tuan-thi-${tag}/results.json`)).json();
  expect(
    json.individual.map((w: { name: string; score: number; prize: string }) => [w.name, w.score, w.prize]),
  ).toEqual([
    [`An ${tag}`, 10, "Nhất"],
    [`Bình ${tag}`, 8, "Nhì"],
    [`Chi ${tag}`, 6, "Ba"],
  ]);
  expect(
    json.roundPrizes.map((p: { roundNo: number; name: string; prize: string; received: boolean }) => [
      p.roundNo,
      p.name,
      p.prize,
      p.received,
    ]),
  ).toEqual([
    [1, `An ${tag}`, "Nhất", true],
    [1, `Bình ${tag}`, "Nhì", false],
    [2, `Bình ${tag}`, "Nhất", true],
    [2, `Chi ${tag}`, "Nhì", true],
  ]);
  // One round prize received per person: An 300,000, Bình 300,000, Chi 200,000.
  expect(json.roundPrizesAmount).toBe(800_000);

  // The season's award decision, ceremony and certificates, as for a contest.
  await page.goto(`/seasons/tuan-thi-${tag}/decision`);
  await expect(page.getByText(`An ${tag}`).first()).toBeVisible();
  await expect(page.getByText("QUYẾT ĐỊNH").first()).toBeVisible();
  await page.goto(`/seasons/tuan-thi-${tag}/ceremony`);
  await expect(page.getByText(`Tuần thi chuyển đổi số ${tag}`).first()).toBeVisible();
  await committee.goto(`/committee/contests/${seasonId}/certificates`);
  // Season prizes: Nhất, Nhì, Ba to three people and Nhất to their unit.
  await expect(committee.getByRole("article")).toHaveCount(4);
  await expect(committee.getByRole("article").filter({ hasText: `An ${tag}` })).toContainText("giải Nhất");

  const stats = await (await request.get(`/api/seasons/tuan-thi-${tag}/stats.json`)).json();
  expect(stats.totals).toMatchObject({ participants: 3, entries: 6, rounds: 2 });
  const unit = stats.units.find((u: { name: string }) => u.name === "Tổ dân phố 3");
  expect(unit.rounds.map((r: { participants: number }) => r.participants)).toEqual([3, 3]);
  await organiser.context().close();
  await committee.context().close();
});

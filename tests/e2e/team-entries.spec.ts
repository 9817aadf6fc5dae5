import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { attempts, contests, teamMembers, teams } from "#db/schema";
import { memberKey, teamNameKey } from "~/models/teams.server";
import { createFinishedAttempts, createPrizes, createUnit, createUser, TEST_PASSWORD } from "../factories";
import {
  answer,
  answerKey,
  e2eDb,
  expect,
  makeContest,
  signedInPage,
  signIn,
  test,
  uniquePhone,
} from "./fixtures";

const COMMITTEE = "0900000003";

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now: no violations. */
async function expectAccessible(page: Page) {
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A unit, a captain and a member with accounts, and their team in `contestId`. */
async function teamWithCaptain(contestId: number, tag: string, teamName: string, number = 1) {
  const db = await e2eDb();
  const ward = await db.query.wards.findFirst();
  const unit = await createUnit(db, { wardId: ward!.id, name: `Tổ dân phố KT ${tag}` });
  const captain = await createUser(db, {
    phone: uniquePhone(),
    fullName: `Đội trưởng ${tag}`,
    unitId: unit.id,
  });
  const member = await createUser(db, {
    phone: uniquePhone(),
    fullName: `Thành viên ${tag}`,
    unitId: unit.id,
  });
  const [team] = await db
    .insert(teams)
    .values({
      contestId,
      unitId: unit.id,
      number,
      name: teamName,
      nameKey: teamNameKey(teamName),
      captainUserId: captain.id,
    })
    .returning();
  await db.insert(teamMembers).values(
    [captain, member].map((u) => ({
      teamId: team.id,
      userId: u.id,
      displayName: u.fullName,
      nameKey: memberKey(u.id, u.fullName),
    })),
  );
  return { unit, captain, member, team };
}

test("a captain enters for the team, a member sees the entry, and the committee awards the team prize on the winners page, the decision and results.json", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const db = await e2eDb();
  const tag = Date.now().toString(36);
  const teamName = `Đội Tổ dân phố KT ${tag}`;
  const contest = await makeContest({
    title: `Cuộc thi theo đội ${tag}`,
    entryModes: "both",
    maxAttempts: 1,
    reviewPolicy: "after_close",
  });
  await createPrizes(db, contest.id, [
    { category: "team", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
    { category: "team", rank: 2, label: "Nhì", count: 1, amount: 500_000 },
    { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 300_000 },
  ]);
  const { captain, member, team, unit } = await teamWithCaptain(contest.id, tag, teamName);
  // A second team whose captain got 2 of 5: ranked below.
  const other = await teamWithCaptain(contest.id, `${tag}b`, `Đội Hai KT ${tag}`, 2);
  await createFinishedAttempts(db, [
    { contestId: contest.id, userId: other.captain.id, teamId: other.team.id, score: 2, maxScore: 5 },
  ]);

  // The captain chooses between an individual entry and one for the team.
  await signIn(page, captain.phone, TEST_PASSWORD);
  await page.goto(`/contests/${contest.slug}`);
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toBeVisible();
  await page.getByRole("button", { name: `Dự thi cho ${teamName}` }).click();
  const confirm = page.getByRole("region", { name: "Xác nhận bắt đầu" });
  await expect(confirm).toContainText(`Bạn làm bài cho ${teamName}`);
  await confirm.getByRole("button", { name: `Bắt đầu làm bài cho ${teamName}` }).click();
  await expect(page).toHaveURL(/\/attempts\//);
  const attemptId = page.url().split("/attempts/")[1].split(/[/?#]/)[0];
  const key = await answerKey(attemptId);
  for (let n = 1; n <= 5; n++) await answer(page, key, n);
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result$/);
  await expect(page.getByText(`Bài của ${teamName}`)).toBeVisible();

  // Recorded as the team's entry, not the captain's own.
  const [row] = await db.select().from(attempts).where(eq(attempts.id, attemptId));
  expect(row).toMatchObject({ teamId: team.id, userId: captain.id, score: 5 });
  // The team's one attempt is used; the captain's own is still there.
  await page.goto(`/contests/${contest.slug}`);
  await expect(page.getByRole("button", { name: /Dự thi cho/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toBeVisible();

  // A member (not the captain) sees the team's entry, and cannot enter for the team.
  const memberPage = await signedInPage(browser, member.phone, TEST_PASSWORD);
  await memberPage.goto(`/contests/${contest.slug}`);
  const yourTeam = memberPage.getByRole("region", { name: `Đội của bạn: ${teamName}` });
  await expect(yourTeam).toContainText(`Đội trưởng: ${captain.fullName}`);
  await expect(yourTeam.getByRole("listitem")).toHaveCount(1);
  await expect(yourTeam.getByRole("listitem")).toContainText("5/5");
  await expect(yourTeam.getByRole("listitem")).toContainText("Lần được tính");
  await expect(memberPage.getByRole("button", { name: /Dự thi cho/ })).toHaveCount(0);
  await memberPage.goto("/me/entries");
  await expect(memberPage.getByRole("listitem").filter({ hasText: `Bài của ${teamName}` })).toContainText(
    "5/5",
  );
  await memberPage.context().close();

  // After the close the committee ranks the teams, locks and announces.
  await db
    .update(contests)
    .set({ closesAt: Date.now() - 1000 })
    .where(eq(contests.id, contest.id));
  const committee = await signedInPage(browser, COMMITTEE);
  await committee.goto(`/committee/contests/${contest.id}`);
  const teamTable = committee.getByRole("region", { name: "Xếp hạng đội" });
  await expect(teamTable.getByRole("row")).toHaveCount(3);
  await expect(teamTable.getByRole("row").nth(1)).toContainText(teamName);
  await expect(teamTable.getByRole("row").nth(1)).toContainText("Nhất");
  await expect(teamTable.getByRole("row").nth(2)).toContainText(`Đội Hai KT ${tag}`);
  await expect(teamTable.getByRole("row").nth(2)).toContainText("điểm thấp hơn");
  await committee.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await expect(committee.getByText("Kết quả đã chốt.")).toBeVisible({ timeout: 20_000 });
  await committee.getByRole("button", { name: "Công bố kết quả" }).click();
  await expect(committee.getByText("Đã công bố kết quả")).toBeVisible({ timeout: 20_000 });

  const json = await (await request.get(`/api/contests/${contest.slug}/results.json`)).json();
  expect(json.teams).toEqual([
    expect.objectContaining({ rank: 1, prize: "Nhất", name: teamName, unit: unit.name, score: 5 }),
    expect.objectContaining({ rank: 2, prize: "Nhì", name: `Đội Hai KT ${tag}`, score: 2 }),
  ]);
  expect(typeof json.teams[0].durationMs).toBe("number");
  expect(json.teams[0].durationMs).toBeGreaterThan(0);
  // The captain entered for the team only: no individual prize for them.
  expect(json.individual.map((w: { name: string }) => w.name)).not.toContain(captain.fullName);

  await page.goto(`/contests/${contest.slug}/results`);
  const teamPrizes = page.getByRole("region", { name: "Giải đội" }).getByRole("listitem");
  await expect(teamPrizes).toHaveCount(2);
  await expect(teamPrizes.nth(0)).toContainText(`Giải Nhất: ${teamName}`);
  await expect(teamPrizes.nth(1)).toContainText(`Giải Nhì: Đội Hai KT ${tag}`);
  await page.goto(`/contests/${contest.slug}/decision`);
  await expect(page.getByRole("row").filter({ hasText: teamName })).toContainText("Nhất");
  await expect(page.getByRole("row").filter({ hasText: teamName })).toContainText("1.000.000 đ");
});

test("the demo's open contest takes team entries: 0900000008 captains Đội Tổ dân phố 1 and the thể lệ says how", async ({
  page,
}) => {
  await signIn(page, "0900000008");
  await page.goto("/contests/cchc-cds-2026");
  await expect(page.getByText("Dự thi theo đội")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Giải đội" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Dự thi cho Đội Tổ dân phố 1" }).click();
  // Only the confirmation: nothing starts until its button is pressed.
  const confirm = page.getByRole("region", { name: "Xác nhận bắt đầu" });
  await expect(confirm).toContainText("Bạn làm bài cho Đội Tổ dân phố 1");
  await expect(confirm.getByRole("button", { name: "Bắt đầu làm bài cho Đội Tổ dân phố 1" })).toBeVisible();
  await expectAccessible(page);
  await confirm.getByRole("link", { name: "Để sau" }).click();
  await expect(page.getByRole("region", { name: "Đội của bạn: Đội Tổ dân phố 1" })).toContainText(
    "Bạn là đội trưởng.",
  );
});

test("a team-only contest: a member who is not the captain cannot start, and a forged team entry is refused with the captain's name", async ({
  page,
  browser,
}) => {
  const tag = Date.now().toString(36);
  const contest = await makeContest({ title: `Chỉ theo đội ${tag}`, entryModes: "team" });
  const { captain, member } = await teamWithCaptain(contest.id, tag, `Đội Riêng ${tag}`);
  await signIn(page, member.phone, TEST_PASSWORD);
  await page.goto(`/contests/${contest.slug}`);
  await expect(page.getByText("Cuộc thi này chỉ nhận bài dự thi theo đội")).toBeVisible();
  await expect(page.getByRole("button", { name: /Bắt đầu làm bài|Dự thi cho/ })).toHaveCount(0);
  const forged = await page.request.post(`/contests/${contest.slug}`, {
    form: { cho: "doi" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(await forged.text()).toContain(`Đội trưởng của đội là ${captain.fullName}`);
  const db = await e2eDb();
  expect(await db.select().from(attempts).where(eq(attempts.contestId, contest.id))).toHaveLength(0);

  // The organiser's team page says how teams enter, and when the contest does not take them yet.
  const organiser = await signedInPage(browser, "0900000002");
  await organiser.goto(`/organiser/contests/${contest.id}/teams`);
  await expect(organiser.getByText("Đội trưởng (thành viên có tài khoản) làm bài cho cả đội")).toBeVisible();
  const individual = await makeContest({ title: `Chỉ cá nhân ${tag}` });
  await organiser.goto(`/organiser/contests/${individual.id}/teams`);
  await expect(organiser.getByText("Cuộc thi đang chỉ nhận bài dự thi cá nhân")).toBeVisible();
});

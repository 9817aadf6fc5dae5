import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { contests, stageParts, teams, users } from "#db/schema";
import { castAudienceVote, closeAudienceVote, openAudienceVote } from "~/models/audience-vote.server";
import { announce, approveLock } from "~/models/results.server";
import { saveKnowledgeMarks, setPartClosed } from "~/models/stage-judging.server";
import { createContest, createUser, TEST_PASSWORD } from "../factories";
import { e2eDb, expect, signIn, signedInPage, test } from "./fixtures";

/** Key presses and clicks before React has hydrated the page would be lost. */
const hydrated = (page: Page) => page.locator("html[data-hydrated]").waitFor({ state: "attached" });

const ORGANISER = "0900000002";
const COMMITTEE = "0900000003";
const PROJECTOR = { width: 1280, height: 720 };

/**
 * A published stage contest on stage in ten days, with `names` as its teams
 * (Đội số 1…n) and one knowledge part (so the committee can lock it).
 */
async function stageContest(
  title: string,
  names: string[],
  values: Partial<typeof contests.$inferInsert> = {},
) {
  const db = await e2eDb();
  const day = 24 * 60 * 60 * 1000;
  const contest = await createContest(db, {
    kind: "stage",
    title: `${title} ${Date.now()}`,
    entryModes: "team",
    stageAggregation: "mean",
    opensAt: Date.now() + 10 * day,
    closesAt: Date.now() + 11 * day,
    ...values,
  });
  const teamRows = await db
    .insert(teams)
    .values(
      names.map((name, i) => ({ contestId: contest.id, number: i + 1, name, nameKey: name.toLowerCase() })),
    )
    .returning();
  const [part] = await db
    .insert(stageParts)
    .values({
      contestId: contest.id,
      position: 1,
      name: "Kiến thức",
      maxScore: 10,
      scoring: "knowledge",
      knowledgeQuestions: 2,
      knowledgePoints: 5,
    })
    .returning();
  return { db, contest, teams: teamRows, part };
}

const staffActor = async (phone: string) => {
  const db = await e2eDb();
  const [user] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.phone, phone));
  return user;
};

/** The projector: a 1280×720 screen in a browser of its own. */
async function projectorPage(browser: Browser, baseURL: string, slug: string) {
  const page = await (await browser.newContext({ baseURL, viewport: PROJECTOR })).newPage();
  await page.goto(`/contests/${slug}/scoreboard`);
  return page;
}

const fitsScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

test("an organiser opens the audience vote, residents vote on their phones from the projector's QR code, and the closed vote gives its prize", async ({
  page,
  browser,
  baseURL,
  allowConsole,
}) => {
  test.setTimeout(150_000);
  // The late vote is answered 409 (Conflict) with its message.
  allowConsole(/status of 409/);
  const names = [
    "Đội số 1 — Phường An Hải",
    "Đội số 2 — Trường THCS Lê Lợi",
    "Đội số 3 — Hội Phụ nữ",
    "Đội số 4 — Đoàn Thanh niên",
  ];
  const { db, contest, teams: teamRows, part } = await stageContest("Hội thi có bình chọn", names);
  const voteUrl = `${baseURL}/contests/${contest.slug}/vote`;

  // The organiser turns the vote on in the contest's settings, then opens it on Điều hành.
  await signIn(page, ORGANISER);
  await page.goto(`/organiser/stage/${contest.id}`);
  await hydrated(page);
  await page.getByRole("checkbox", { name: "Có giải khán giả bình chọn" }).check();
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  expect((await db.select().from(contests).where(eq(contests.id, contest.id)))[0].audienceVote).toBe(true);

  await page.goto(`/organiser/stage/${contest.id}/live`);
  const panel = page.getByRole("region", { name: "Bình chọn của khán giả" });
  await expect(panel.getByText("Bình chọn chưa mở.")).toBeVisible();

  // Before the vote opens the projector shows its board, and a resident's page says it is not open yet.
  const projector = await projectorPage(browser, baseURL!, contest.slug);
  await expect(projector.getByRole("table", { name: "Bảng điểm trực tiếp" })).toBeVisible();
  await expect(projector.getByTestId("projector-vote-qr")).toHaveCount(0);

  // A resident scans the code before signing in: the sign-in page brings them back to the vote.
  const phone = (width = 390) => browser.newContext({ baseURL, viewport: { width, height: 800 } });
  const [an, binh, cuc] = await Promise.all([createUser(db), createUser(db), createUser(db)]);
  const anPage = await (await phone()).newPage();
  await anPage.goto(`/contests/${contest.slug}/vote`);
  await expect(anPage).toHaveURL(/\/login\?redirectTo=/);
  await anPage.getByLabel("Số điện thoại").fill(an.phone);
  await anPage.getByLabel("Mật khẩu").fill(TEST_PASSWORD);
  await anPage.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(anPage).toHaveURL(new RegExp(`/contests/${contest.slug}/vote$`));
  await expect(anPage.getByText("Bình chọn chưa mở.")).toBeVisible();
  await expect(anPage).toHaveTitle(`Bình chọn: ${contest.title} — Hội Thi`);
  await expect(anPage.getByRole("button", { name: "Bình chọn" })).toHaveCount(0);

  await panel.getByRole("button", { name: "Mở bình chọn" }).click();
  await expect(panel.getByText("Đã mở bình chọn. Màn chiếu đang hiện mã QR.")).toBeVisible();
  await expect(panel.getByText("Bình chọn đang mở.")).toBeVisible();

  // The projector picks the vote up within its refresh: the QR code of the voting page, its address, the bars.
  const qr = projector.getByRole("img", { name: voteUrl });
  await expect(qr).toBeVisible({ timeout: 5000 });
  expect(await qr.locator("svg").count()).toBe(1);
  await expect(projector.getByTestId("projector-vote-url")).toHaveText(voteUrl);
  const bar = (team: number) => projector.getByTestId(`projector-vote-team-${teamRows[team - 1].id}`);
  await expect(bar(4)).toContainText("Đội số 4 — Đoàn Thanh niên");
  await expect(bar(2).getByTestId("projector-vote-count")).toHaveText("0");
  const qrBox = await qr.boundingBox();
  expect(qrBox!.width).toBeGreaterThanOrEqual(380);
  expect(await fitsScreen(projector)).toBeLessThanOrEqual(PROJECTOR.height);

  // The first resident's page shows the teams as it refreshes itself; they vote, then change their mind.
  const choices = anPage.getByRole("group", { name: "Chọn đội bạn bình chọn" });
  await expect(choices).toBeVisible({ timeout: 10_000 });
  await choices.getByRole("radio", { name: names[1] }).check();
  await anPage.getByRole("button", { name: "Bình chọn" }).click();
  await expect(anPage.getByText(`Bạn đã bình chọn cho ${names[1]}.`)).toBeVisible();
  await expect(anPage.getByText(/Bạn có thể đổi sang đội khác khi bình chọn còn mở/)).toBeVisible();
  // The choice is a big target on a phone, and the page passes axe-core's WCAG 2.1 AA rules.
  const row = await choices.locator("label").first().boundingBox();
  expect(row!.height).toBeGreaterThanOrEqual(56);
  const axe = await new AxeBuilder({ page: anPage })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await expect(bar(2).getByTestId("projector-vote-count")).toHaveText("1", { timeout: 5000 });
  await choices.getByRole("radio", { name: names[2] }).check();
  await anPage.getByRole("button", { name: "Bình chọn" }).click();
  await expect(anPage.getByText(`Bạn đã bình chọn cho ${names[2]}.`)).toBeVisible();

  // A second resident votes on a phone; a third on a phone without JavaScript (a plain form post).
  const binhPage = await signedInPage(browser, binh.phone, TEST_PASSWORD);
  await binhPage.goto(`/contests/${contest.slug}/vote`);
  await binhPage.getByRole("radio", { name: names[2] }).check();
  await binhPage.getByRole("button", { name: "Bình chọn" }).click();
  await expect(binhPage.getByText(`Bạn đã bình chọn cho ${names[2]}.`)).toBeVisible();

  const noScript = await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
  await noScript.goto("/login");
  await noScript.getByLabel("Số điện thoại").fill(cuc.phone);
  await noScript.getByLabel("Mật khẩu").fill(TEST_PASSWORD);
  await noScript.getByRole("button", { name: "Đăng nhập" }).click();
  await noScript.goto(`/contests/${contest.slug}/vote`);
  await noScript.getByRole("radio", { name: names[0] }).check();
  await noScript.getByRole("button", { name: "Bình chọn" }).click();
  await expect(noScript.getByText(`Bạn đã bình chọn cho ${names[0]}.`)).toBeVisible();

  // The projector's counts follow within a few seconds: the first resident counted once, for team 3.
  await expect(bar(3).getByTestId("projector-vote-count")).toHaveText("2", { timeout: 5000 });
  await expect(bar(2).getByTestId("projector-vote-count")).toHaveText("0");
  await expect(bar(1).getByTestId("projector-vote-count")).toHaveText("1");
  await expect(projector.getByText("Tổng số phiếu: 3")).toBeVisible();
  // So does Điều hành.
  await expect(panel.getByTestId(`audience-votes-${teamRows[2].id}`)).toHaveText("2", { timeout: 5000 });

  // The organiser closes the vote; the second resident, whose page still shows the form, votes too late.
  await binhPage.getByRole("radio", { name: names[3] }).check();
  await panel.getByRole("button", { name: "Đóng bình chọn" }).click();
  await expect(panel.getByText("Đã đóng bình chọn.")).toBeVisible();
  await expect(panel.getByText(`Giải khán giả bình chọn: ${names[2]} — 2 phiếu`)).toBeVisible();
  await binhPage.getByRole("button", { name: "Bình chọn" }).click();
  await expect(binhPage.getByRole("alert")).toHaveText(
    "Bình chọn đã đóng, phiếu của bạn không được ghi nhận.",
  );
  await expect(binhPage.getByText(`Bạn đã bình chọn cho ${names[2]}.`)).toBeVisible();
  await expect(binhPage.getByText("Bình chọn đã đóng, không nhận thêm phiếu.")).toBeVisible();

  // The projector gives the board back, with the prize above it.
  await expect(projector.getByTestId("projector-vote-prize")).toHaveText(
    `Giải khán giả bình chọn: ${names[2]} — 2 phiếu`,
    { timeout: 5000 },
  );
  await expect(qr).toHaveCount(0);
  await expect(projector.getByRole("table", { name: "Bảng điểm trực tiếp" })).toBeVisible();
  expect(await fitsScreen(projector)).toBeLessThanOrEqual(PROJECTOR.height);

  // The committee sees the prize with the results.
  const committee = await signedInPage(browser, COMMITTEE);
  await committee.goto(`/committee/stage/${contest.id}`);
  await expect(
    committee.getByRole("region", { name: "Giải khán giả bình chọn" }).getByTestId("audience-vote-result"),
  ).toHaveText(`Giải khán giả bình chọn: ${names[2]} — 2 phiếu`);

  // Once the committee has locked and announced, the vote cannot change, and the winners page and
  // results.json carry the prize.
  const chair = await staffActor(COMMITTEE);
  await saveKnowledgeMarks(db, {
    contestId: contest.id,
    partId: part.id,
    right: { 1: [teamRows[0].id], 2: [teamRows[1].id] },
    actor: await staffActor(ORGANISER),
  });
  await setPartClosed(db, { contestId: contest.id, partId: part.id, closed: true, actor: chair });
  expect(await approveLock(db, contest.id, chair)).toMatchObject({ locked: true });
  await announce(db, contest.id, chair);
  await page.reload();
  await expect(panel.getByText("Kết quả đã chốt: bình chọn không thay đổi được nữa.")).toBeVisible();
  await expect(panel.getByRole("button")).toHaveCount(0);
  await anPage.goto(`/contests/${contest.slug}/vote`);
  await expect(anPage.getByRole("button", { name: "Bình chọn" })).toHaveCount(0);

  await page.goto(`/contests/${contest.slug}/results`);
  await expect(
    page.getByRole("region", { name: "Giải khán giả bình chọn" }).getByTestId("audience-vote-result"),
  ).toHaveText(`Giải khán giả bình chọn: ${names[2]} — 2 phiếu`);
  const json = await (await page.request.get(`/api/contests/${contest.slug}/results.json`)).json();
  expect(json.audienceVote).toEqual({
    votes: [
      { team: names[0], votes: 1 },
      { team: names[1], votes: 0 },
      { team: names[2], votes: 2 },
      { team: names[3], votes: 0 },
    ],
    total: 3,
    winners: [names[2]],
  });
  expect(Object.keys(json)).toEqual(["contest", "individual", "teams", "collective", "audienceVote"]);
});

test("the projector's vote screen fits 1280×720 with eight teams, and the board with the prize after", async ({
  browser,
  baseURL,
}) => {
  const names = Array.from(
    { length: 8 },
    (_, i) => `Đội số ${i + 1} — Tổ dân phố số ${i + 10} phường Hòa Thuận`,
  );
  const {
    db,
    contest,
    teams: teamRows,
  } = await stageContest("Hội thi tám đội", names, { audienceVote: true });
  const organiser = await staffActor(ORGANISER);
  await openAudienceVote(db, { contestId: contest.id, actor: organiser });
  for (const team of [0, 1, 1, 7, 7, 7])
    await castAudienceVote(db, {
      contestId: contest.id,
      teamId: teamRows[team].id,
      user: await createUser(db),
    });
  const projector = await projectorPage(browser, baseURL!, contest.slug);
  await expect(
    projector.getByRole("img", { name: `${baseURL}/contests/${contest.slug}/vote` }),
  ).toBeVisible();
  await expect(
    projector.getByRole("region", { name: "Số phiếu của từng đội" }).getByRole("listitem"),
  ).toHaveCount(8);
  await expect(projector.getByTestId(`projector-vote-team-${teamRows[7].id}`)).toContainText("3");
  expect(await fitsScreen(projector)).toBeLessThanOrEqual(PROJECTOR.height);
  // Every bar, the QR code and the address are on the screen, none cut off at the bottom.
  for (const box of [
    await projector.getByTestId(`projector-vote-team-${teamRows[7].id}`).boundingBox(),
    await projector.getByTestId("projector-vote-url").boundingBox(),
  ])
    expect(box!.y + box!.height).toBeLessThanOrEqual(PROJECTOR.height);

  // Closed: the eight teams' board comes back with the prize line, still on one screen.
  await closeAudienceVote(db, { contestId: contest.id, actor: organiser });
  await expect(projector.getByTestId("projector-vote-prize")).toHaveText(
    `Giải khán giả bình chọn: ${names[7]} — 3 phiếu`,
    { timeout: 5000 },
  );
  await expect(projector.getByRole("table", { name: "Bảng điểm trực tiếp" }).getByRole("row")).toHaveCount(9);
  expect(await fitsScreen(projector)).toBeLessThanOrEqual(PROJECTOR.height);
});

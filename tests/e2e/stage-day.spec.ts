/**
 * Issue 20, "done means": a whole 4-team stage contest day in Chromium. The
 * timekeeper times the performances, three judges score on their phones, the
 * secretary types in one judge's paper sheet, the MC runs the knowledge round
 * on the projector, 20 residents vote for the audience prize on their phones,
 * and the committee announces; the projector (1280×720) is checked at each
 * step. With PROJECTOR_SHOTS=dir each projector state is saved as a picture
 * (docs/projector/).
 */
import { devices, type Browser, type Page } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { questions, stageCriteria, stageJudges, stageParts, teams, users } from "#db/schema";
import { createContest, createPrizes, createUser, TEST_PASSWORD } from "../factories";
import { e2eDb, expect, hydrated, signIn, test } from "./fixtures";

const JUDGES = { phone: ["0900000004", "0900000006"], paper: "0900000007" };

/** The contest as the organiser prepared it the week before: teams, parts, judges, prizes, three bank questions. */
async function preparedContest() {
  const db = await e2eDb();
  const contest = await createContest(db, {
    kind: "stage",
    title: `Ngày thi bốn đội ${Date.now()}`,
    entryModes: "team",
    stageAggregation: "mean",
    audienceVote: true,
  });
  const judges = await db
    .select()
    .from(users)
    .where(inArray(users.phone, [...JUDGES.phone, JUDGES.paper]));
  await db.insert(stageJudges).values(judges.map((j) => ({ contestId: contest.id, userId: j.id })));
  const bank = await db
    .select({ id: questions.id })
    .from(questions)
    .where(eq(questions.status, "active"))
    .limit(3);
  const [greeting, knowledge, skit] = await db
    .insert(stageParts)
    .values([
      {
        contestId: contest.id,
        position: 1,
        name: "Chào hỏi",
        maxScore: 20,
        timeLimitSec: 420,
        overtimePenaltyPerMin: 1,
      },
      {
        contestId: contest.id,
        position: 2,
        name: "Kiến thức",
        maxScore: 30,
        scoring: "knowledge",
        knowledgeQuestions: 3,
        knowledgePoints: 10,
        knowledgeQuestionIds: bank.map((q) => q.id),
        knowledgeSeconds: 30,
      },
      {
        contestId: contest.id,
        position: 3,
        name: "Tiểu phẩm",
        maxScore: 50,
        minTimeSec: 30,
        timeLimitSec: 60,
        undertimePenaltyPerMin: 1,
      },
    ])
    .returning();
  await db.insert(stageCriteria).values([
    { partId: greeting.id, name: "Nội dung", maxScore: 10 },
    { partId: greeting.id, name: "Hình thức", maxScore: 10 },
  ]);
  const names = ["Công an phường", "Trường THCS Lê Lợi", "Hội Phụ nữ", "Đoàn Thanh niên"];
  const rows = await db
    .insert(teams)
    .values(
      names.map((name, i) => ({
        contestId: contest.id,
        number: i + 1,
        name: `Đội số ${i + 1} — ${name}`,
        nameKey: `doi so ${i + 1} ${contest.id}`,
      })),
    )
    .returning();
  await createPrizes(db, contest.id, [
    { category: "team", rank: 1, label: "Nhất", count: 1, amount: 3_000_000 },
    { category: "team", rank: 2, label: "Nhì", count: 1, amount: 2_000_000 },
    { category: "team", rank: 3, label: "Ba", count: 1, amount: 1_500_000 },
    { category: "team", rank: 4, label: "Khuyến khích", count: 1, amount: 1_000_000 },
  ]);
  return { db, contest, parts: { greeting, knowledge, skit }, teams: rows, judges };
}

/** The projector must show everything at 1280×720 without scrolling; each state checked may be kept as a picture. */
async function checkProjector(projector: Page, name: string) {
  if (process.env.PROJECTOR_SHOTS)
    await projector.screenshot({ path: `${process.env.PROJECTOR_SHOTS}/day-${name}.png` });
  const size = await projector.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.scrollHeight,
  ]);
  expect(size[0]).toBeLessThanOrEqual(1280);
  expect(size[1]).toBeLessThanOrEqual(720);
}

/** A person's own phone: a browser context of its own with a phone's screen, signed in. */
async function phone(browser: Browser, baseURL: string, number: string, password?: string) {
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL });
  const page = await context.newPage();
  await signIn(page, number, password);
  return page;
}

/** A judge saves one team's sheet from the judge's board, criteria in order, and goes back. */
async function scoreTeam(judge: Page, part: string, team: number, values: number[]) {
  await judge.getByRole("link", { name: new RegExp(`^Chấm điểm: ${part} — Đội số ${team} `) }).click();
  const inputs = judge.getByRole("textbox").and(judge.locator('input[name^="score-"]'));
  await expect(inputs).toHaveCount(values.length);
  for (const [i, v] of values.entries()) await inputs.nth(i).fill(String(v).replace(".", ","));
  await judge.getByRole("button", { name: "Lưu điểm" }).click();
  await expect(judge.getByText("Đã lưu điểm.")).toBeVisible();
  await judge.getByRole("link", { name: /^← / }).click();
}

/** The timekeeper times one performance of a few seconds on the Bấm giờ page. */
async function timePerformance(
  timekeeper: Page,
  part: { id: number; name: string },
  team: string,
  projector: Page,
) {
  await timekeeper.getByLabel("Phần thi").selectOption({ label: part.name });
  await timekeeper.getByRole("button", { name: "Chọn" }).click();
  await expect(timekeeper).toHaveURL(new RegExp(`part=${part.id}$`));
  await timekeeper.getByLabel("Đội thi").selectOption({ label: team });
  await timekeeper.getByRole("button", { name: "Bắt đầu" }).click();
  await expect(projector.getByText(`Đang thi: ${team}`)).toBeVisible({ timeout: 5000 });
  await expect(projector.getByTestId("scoreboard-timer")).toHaveText(/^00:0[2-9] \//, { timeout: 6000 });
}

// Greeting (criteria 10 + 10): two judges on phones, the third on paper.
const GREETING: Record<string, number[][]> = {
  "0900000004": [
    [8, 8],
    [7, 7],
    [9, 9],
    [8, 8],
  ],
  "0900000006": [
    [8, 7],
    [7, 6],
    [9, 8],
    [8, 8],
  ],
  "0900000007": [
    [7, 7],
    [6, 6],
    [9, 9],
    [8, 8],
  ],
};
// Skit (one mark out of 50) from all three judges' phones.
const SKIT: Record<string, number[]> = {
  "0900000004": [40, 35, 45, 42],
  "0900000006": [41, 35, 46, 42],
  "0900000007": [42, 35, 44, 42],
};
// Right answers in the knowledge round, question by question (team numbers): 10 points each.
const RIGHT = [[1, 3], [3, 4], [3]];
// The audience's 20 phones: team 2 is their favourite, whatever the jury thinks.
const VOTES = [2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 3, 3, 3, 4, 4];

test("a whole 4-team stage contest day: timekeeper, judges' phones, a paper sheet, the knowledge round and an audience vote on the projector", async ({
  page: organiser,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const day = await preparedContest();
  const { contest } = day;
  const team = (n: number) => day.teams[n - 1];

  // The projector in the hall, opened before the show.
  const projector = await (
    await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } })
  ).newPage();
  await projector.goto(`/contests/${contest.slug}/scoreboard`);
  await hydrated(projector);
  const row = (n: number) => projector.getByTestId(`scoreboard-team-${team(n).id}`);
  await expect(projector.getByRole("table", { name: "Bảng điểm trực tiếp" })).toBeVisible();
  await expect(row(1).getByTestId("scoreboard-total")).toHaveText("—");
  await checkProjector(projector, "1-before");

  // The timekeeper (an organiser at the side of the stage) times team 1's greeting: the projector runs the clock.
  const timekeeper = await phone(browser, baseURL!, "0900000002");
  await timekeeper.setViewportSize({ width: 1024, height: 768 });
  await timekeeper.goto(`/organiser/stage/${contest.id}/timer`);
  await hydrated(timekeeper);
  await timePerformance(timekeeper, day.parts.greeting, team(1).name, projector);
  await checkProjector(projector, "2-performing");
  await timekeeper.getByRole("button", { name: "Dừng" }).click();
  await expect(projector.getByTestId("scoreboard-timer")).toHaveCount(0, { timeout: 5000 });

  // Two judges score the greeting on their phones: the projector says 2 of 3 judges, provisional.
  const judges = await Promise.all(JUDGES.phone.map((p) => phone(browser, baseURL!, p)));
  const openBoard = async (judge: Page) => {
    await judge.getByRole("link", { name: "Chấm thi" }).click();
    await expect(judge.getByRole("heading", { name: "Chấm thi", level: 1 })).toBeVisible();
    await judge.getByRole("link", { name: new RegExp(contest.title) }).click();
    await expect(judge.getByRole("region", { name: "Tiểu phẩm" })).toBeVisible();
  };
  await Promise.all(
    judges.map(async (judge, j) => {
      await openBoard(judge);
      for (const [i, values] of GREETING[JUDGES.phone[j]].entries())
        await scoreTeam(judge, "Chào hỏi", i + 1, values);
    }),
  );
  await expect(row(1).getByTestId("scoreboard-judges").first()).toHaveText("2/3 giám khảo", {
    timeout: 5000,
  });
  await expect(row(1)).toContainText("tạm tính");
  await checkProjector(projector, "3-two-of-three-judges");

  // The secretary types in the third judge's signed paper sheet for the greeting.
  const paperJudge = day.judges.find((j) => j.phone === JUDGES.paper)!;
  await signIn(organiser, "0900000002");
  await organiser.goto(`/organiser/stage/${contest.id}/paper-scores`);
  await organiser.getByLabel("Giám khảo").selectOption({ label: paperJudge.fullName });
  await organiser.getByLabel("Phần thi").selectOption({ label: "Chào hỏi" });
  await organiser.getByRole("button", { name: "Mở phiếu" }).click();
  const sheet = organiser.getByRole("form", { name: `Phiếu chấm của ${paperJudge.fullName} — Chào hỏi` });
  for (const [i, [content, form]] of GREETING[JUDGES.paper].entries()) {
    await sheet.getByLabel(`${team(i + 1).name}: Nội dung (tối đa 10)`).fill(String(content));
    await sheet.getByLabel(`${team(i + 1).name}: Hình thức (tối đa 10)`).fill(String(form));
  }
  await sheet.getByRole("button", { name: "Lưu phiếu chấm" }).click();
  await expect(organiser.getByText("Đã lưu 4 dòng của phiếu chấm.")).toBeVisible();
  // Greeting: team 1 (16 + 15 + 14) / 3 = 15, team 3 (18 + 17 + 18) / 3 = 17.67.
  await expect(row(1).getByTestId("scoreboard-judges")).toHaveCount(0, { timeout: 5000 });
  await expect(row(1)).toContainText("15");
  await expect(row(3)).toContainText("17,67");

  // The knowledge round: the MC puts each question on the projector, then reveals its answer.
  await organiser.goto(`/organiser/stage/${contest.id}/live`);
  await hydrated(organiser);
  const round = organiser.getByRole("region", { name: "Kiến thức" });
  for (const [q, right] of RIGHT.entries()) {
    const n = q + 1;
    await round.getByRole("button", { name: `Chiếu câu ${n}` }).click();
    await expect(projector.getByText(`Câu ${n}/3`)).toBeVisible({ timeout: 5000 });
    await expect(projector.getByRole("timer")).toBeVisible();
    await expect(projector.getByText("Đáp án đúng")).toHaveCount(0);
    if (n === 1) await checkProjector(projector, "4-knowledge-question");
    for (const t of right)
      await round.getByRole("checkbox", { name: new RegExp(`^Câu ${n}: Đội số ${t} `) }).check();
    await round.getByRole("button", { name: "Lưu kết quả" }).click();
    await expect(organiser.getByText("Đã lưu.")).toBeVisible();
    await round.getByRole("button", { name: "Hiện đáp án" }).click();
    await expect(projector.getByText("Đáp án đúng")).toBeVisible({ timeout: 5000 });
    await expect(
      projector.getByText(`Đội trả lời đúng: ${right.map((t) => team(t).name).join(", ")}`),
    ).toBeVisible();
    if (n === 1) await checkProjector(projector, "5-knowledge-answer");
  }
  await round.getByRole("button", { name: "Tắt câu hỏi" }).click();

  // Team 2's greeting ran 65 seconds over (typed as the timekeeper reads it): two started minutes, −2.
  const overtime = organiser
    .getByRole("region", { name: "Chào hỏi" })
    .locator("form")
    .filter({ has: organiser.getByLabel(/^Đội số 2 .*: số giây vượt/) });
  await overtime.getByRole("textbox").fill("1:05");
  await overtime.getByRole("button", { name: "Lưu" }).click();
  // Team 2 so far: greeting 13 − 2, knowledge 0.
  await expect(row(2).getByTestId("scoreboard-total")).toHaveText("11", { timeout: 5000 });
  await expect(projector.getByRole("table", { name: "Bảng điểm trực tiếp" })).toBeVisible({ timeout: 5000 });
  await expect(row(3)).toContainText("30");

  // The skits: the timekeeper times team 3's, which runs short of its 30 seconds (−1 for the started
  // minute short); all three judges score every skit on their phones.
  await timePerformance(timekeeper, day.parts.skit, team(3).name, projector);
  await timekeeper.getByRole("button", { name: "Dừng" }).click();
  const third = await phone(browser, baseURL!, JUDGES.paper);
  await openBoard(third);
  // The third judge's phone says their greeting scores were typed in from their paper sheet.
  await third.getByRole("link", { name: /^Chấm điểm: Chào hỏi — Đội số 1 / }).click();
  await expect(third.getByText(/nhập hộ từ phiếu chấm giấy của bạn/)).toBeVisible();
  await expect(third.getByLabel("Nội dung (tối đa 10)", { exact: true })).toHaveValue("7");
  await third.getByRole("link", { name: /^← / }).click();
  const all = [...judges, third];
  const phones = [...JUDGES.phone, JUDGES.paper];
  await Promise.all(
    all.map(async (judge, j) => {
      if (j < 2) await judge.reload();
      for (const [i, mark] of SKIT[phones[j]].entries()) await scoreTeam(judge, "Tiểu phẩm", i + 1, [mark]);
    }),
  );
  // Team 3: 17.67 + 30 + 45 − 1 = 91.67 first; team 4: 16 + 10 + 42 = 68; team 1: 15 + 10 + 41 = 66;
  // team 2: 13 − 2 + 0 + 35 = 46.
  await expect(row(3).getByTestId("scoreboard-total")).toHaveText("91,67", { timeout: 5000 });
  await expect(projector.getByRole("row").nth(1)).toContainText("Đội số 3");
  await expect(row(4).getByTestId("scoreboard-total")).toHaveText("68");
  await expect(row(1).getByTestId("scoreboard-total")).toHaveText("66");
  await expect(row(2).getByTestId("scoreboard-total")).toHaveText("46");

  // The audience vote: opened on the organiser's cue, a QR code on the projector, 20 phones vote.
  await organiser.getByRole("button", { name: "Mở bình chọn" }).click();
  const qr = projector.getByRole("img", { name: /\/vote$/ });
  await expect(qr).toBeVisible({ timeout: 5000 });
  const voteUrl = new URL((await qr.getAttribute("aria-label"))!.match(/https?:\/\/\S+\/vote/)![0]).pathname;
  expect(voteUrl).toBe(`/contests/${contest.slug}/vote`);
  const audience = await Promise.all(
    VOTES.map(() => createUser(day.db, { fullName: "Khán giả" }).then((u) => u.phone)),
  );
  const vote = async (voter: Page, n: number) => {
    await voter
      .getByRole("group", { name: "Chọn đội bạn bình chọn" })
      .getByLabel(new RegExp(`^Đội số ${n} `))
      .check();
    await voter.getByRole("button", { name: "Bình chọn" }).click();
    await expect(voter.getByText(new RegExp(`Bạn đã bình chọn cho Đội số ${n} `))).toBeVisible();
  };
  for (let batch = 0; batch < VOTES.length; batch += 5)
    await Promise.all(
      audience.slice(batch, batch + 5).map(async (number, i) => {
        const voter = await phone(browser, baseURL!, number, TEST_PASSWORD);
        await voter.goto(voteUrl);
        // The last voter first chose team 1, then changed their mind: one vote, counted once.
        if (batch + i === VOTES.length - 1) await vote(voter, 1);
        await vote(voter, VOTES[batch + i]);
        await voter.context().close();
      }),
    );
  await expect(projector.getByTestId(`projector-vote-team-${team(2).id}`)).toContainText("9", {
    timeout: 5000,
  });
  // The voter who changed their mind counts once, for team 4.
  await expect(projector.getByTestId(`projector-vote-team-${team(4).id}`)).toContainText("2");
  await expect(projector.getByTestId(`projector-vote-team-${team(1).id}`)).toContainText("6");
  await checkProjector(projector, "6-vote-open");
  await organiser.getByRole("button", { name: "Đóng bình chọn" }).click();
  await expect(projector.getByText(/Giải khán giả bình chọn: Đội số 2 .*9 phiếu/)).toBeVisible({
    timeout: 5000,
  });
  await checkProjector(projector, "7-vote-result");

  // The committee closes the parts, locks and announces: the projector shows the prizes.
  const committee = await (await browser.newContext({ baseURL })).newPage();
  await signIn(committee, "0900000003");
  await committee.goto(`/committee/stage/${contest.id}`);
  for (const part of ["Chào hỏi", "Kiến thức", "Tiểu phẩm"]) {
    await committee.getByRole("button", { name: `Khoá phần thi: ${part}` }).click();
    await expect(committee.getByRole("button", { name: `Mở lại phần thi: ${part}` })).toBeVisible();
  }
  await committee.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await committee.getByRole("button", { name: "Công bố kết quả" }).click();
  await expect(committee.getByRole("link", { name: "Trình chiếu lễ trao giải" })).toBeVisible();
  // The committee's table says why team 3's skit lost a point, and team 2's greeting two.
  await expect(committee.getByText("trừ 1 điểm thiếu giờ")).toBeVisible();
  await expect(committee.getByText("trừ 2 điểm vượt giờ")).toBeVisible();
  await expect(row(3)).toContainText("Giải Nhất", { timeout: 5000 });
  await expect(row(2)).toContainText("Giải Khuyến khích");
  await checkProjector(projector, "8-announced");

  const json = await (await organiser.request.get(`/api/contests/${contest.slug}/results.json`)).json();
  expect(
    json.teams.map((t: { name: string; prize: string; score: number }) => [t.name, t.prize, t.score]),
  ).toEqual([
    [team(3).name, "Nhất", 91.67],
    [team(4).name, "Nhì", 68],
    [team(1).name, "Ba", 66],
    [team(2).name, "Khuyến khích", 46],
  ]);
  expect(json.audienceVote.total).toBe(20);
  expect(json.audienceVote.votes).toEqual(
    [6, 9, 3, 2].map((votes, i) => ({ team: team(i + 1).name, votes })),
  );
  expect(json.audienceVote.winners).toEqual([team(2).name]);
});

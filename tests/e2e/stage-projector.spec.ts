import type { Page } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { contests, stageJudges, stagePartResults, stageParts, teams, users } from "#db/schema";
import { saveJudgeScore } from "~/models/stage-judging.server";
import { createContest, createPrizes } from "../factories";
import { e2eDb, expect, test } from "./fixtures";

const JUDGES = ["0900000004", "0900000006", "0900000007"];

/** A stage contest of `count` teams (no unit, so every demo judge scores every team) and two judged parts. */
async function stageOf(count: number) {
  const db = await e2eDb();
  const contest = await createContest(db, {
    kind: "stage",
    title: `Hội thi máy chiếu ${count} đội ${Date.now()}`,
    entryModes: "team",
    stageAggregation: "mean",
  });
  const judges = await db.select().from(users).where(inArray(users.phone, JUDGES));
  await db.insert(stageJudges).values(judges.map((j) => ({ contestId: contest.id, userId: j.id })));
  const parts = await db
    .insert(stageParts)
    .values([
      { contestId: contest.id, position: 1, name: "Chào hỏi", maxScore: 20, timeLimitSec: 420 },
      {
        contestId: contest.id,
        position: 2,
        name: "Tiểu phẩm",
        maxScore: 50,
        timeLimitSec: 900,
        minTimeSec: 480,
      },
    ])
    .returning();
  const rows = await db
    .insert(teams)
    .values(
      Array.from({ length: count }, (_, i) => ({
        contestId: contest.id,
        number: i + 1,
        name: `Đội số ${i + 1} — Cơ quan hành chính phường số ${i + 1}`,
        nameKey: `doi so ${i + 1} ${contest.id}`,
      })),
    )
    .returning();
  await createPrizes(db, contest.id, [
    { category: "team", rank: 1, label: "Nhất", count: 1, amount: 3_000_000 },
    { category: "team", rank: 2, label: "Nhì", count: 1, amount: 2_000_000 },
    { category: "team", rank: 3, label: "Ba", count: 1, amount: 1_000_000 },
    { category: "team", rank: 4, label: "Khuyến khích", count: count - 3, amount: 500_000 },
  ]);
  const score = (judge: number, part: number, team: number, points: number) =>
    saveJudgeScore(db, {
      contestId: contest.id,
      partId: parts[part].id,
      teamId: rows[team].id,
      judge: { id: judges[judge].id, role: "judge" },
      values: { total: points },
      comment: "",
    });
  return { db, contest, parts, teams: rows, judges, score };
}

/**
 * The projector must show everything at 1280×720 without scrolling, whatever the state.
 * With PROJECTOR_SHOTS=dir, each state checked is also saved as dir/<name>.png (docs/projector/).
 */
async function fitsScreen(projector: Page, name: string) {
  if (process.env.PROJECTOR_SHOTS)
    await projector.screenshot({ path: `${process.env.PROJECTOR_SHOTS}/${name}.png` });
  const { height, width } = await projector.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
  }));
  expect(height).toBeLessThanOrEqual(720);
  expect(width).toBeLessThanOrEqual(1280);
}

test("the projector shows each team's judges so far and a provisional total, and every state fits 1280×720", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const stage = await stageOf(4);
  const projector = await (
    await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } })
  ).newPage();
  await projector.goto(`/contests/${stage.contest.slug}/scoreboard`);
  const row = (i: number) => projector.getByTestId(`scoreboard-team-${stage.teams[i].id}`);
  // Nobody has scored yet: no place and no total, rather than a "0" that reads as a result.
  await expect(row(0).getByTestId("scoreboard-total")).toHaveText("—");
  await fitsScreen(projector, "1-before-scores");

  // Team 1 performs its greeting: the timer banner joins the board.
  await stage.db
    .insert(stagePartResults)
    .values({ partId: stage.parts[0].id, teamId: stage.teams[0].id, startedAt: Date.now() - 65_000 });
  await expect(projector.getByTestId("scoreboard-timer")).toHaveText(/^01:0\d \/ 07:00$/, { timeout: 5000 });
  await fitsScreen(projector, "2-timer-running");

  // One judge of three has scored team 1: its score so far is marked as such, and its total as provisional.
  await stage.db
    .update(stagePartResults)
    .set({ stoppedAt: Date.now(), durationSec: 70 })
    .where(eq(stagePartResults.teamId, stage.teams[0].id));
  await stage.score(0, 0, 0, 18);
  await expect(row(0).getByTestId("scoreboard-judges")).toHaveText("1/3 giám khảo", { timeout: 5000 });
  await expect(row(0)).toContainText("tạm tính");
  await expect(row(1).getByTestId("scoreboard-total")).toHaveText("—");
  await fitsScreen(projector, "3-first-judge-scored");

  // All three have scored every team: no judge count, no "provisional".
  for (let judge = 0; judge < 3; judge++)
    for (let part = 0; part < 2; part++)
      for (let team = 0; team < 4; team++)
        if (!(judge === 0 && part === 0 && team === 0))
          await stage.score(judge, part, team, (part ? 40 : 15) + team + judge * 0.5);
  await expect(row(0).getByTestId("scoreboard-judges")).toHaveCount(0, { timeout: 5000 });
  await expect(projector.getByText("tạm tính")).toHaveCount(0);
  // Team 4 scored highest: (18 + 18.5 + 19) / 3 + (43 + 43.5 + 44) / 3 = 18.5 + 43.5 = 62.
  await expect(projector.getByRole("row").nth(1)).toContainText("Đội số 4");
  await expect(row(3).getByTestId("scoreboard-total")).toHaveText("62");

  // Announced: the prizes join each row, and the board still fits.
  await stage.db.update(contests).set({ state: "announced" }).where(eq(contests.id, stage.contest.id));
  await expect(row(3)).toContainText("Giải Nhất", { timeout: 5000 });
  await fitsScreen(projector, "4-announced");
});

test("eight teams announced with prizes still fit the projector", async ({ browser, baseURL }) => {
  const stage = await stageOf(8);
  for (let judge = 0; judge < 3; judge++)
    for (let team = 0; team < 8; team++) {
      await stage.score(judge, 0, team, 10 + team);
      await stage.score(judge, 1, team, 30 + team);
    }
  await stage.db.update(contests).set({ state: "announced" }).where(eq(contests.id, stage.contest.id));
  const projector = await (
    await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } })
  ).newPage();
  await projector.goto(`/contests/${stage.contest.slug}/scoreboard`);
  await expect(projector.getByRole("row")).toHaveCount(9);
  await expect(projector.getByRole("row").nth(1)).toContainText("Giải Nhất");
  await fitsScreen(projector, "5-eight-teams-announced");
});

test("when the hall's Wi-Fi drops the projector keeps its board, says so, and catches up when it returns", async ({
  browser,
  baseURL,
  allowConsole,
}) => {
  test.setTimeout(60_000);
  // Chromium logs each refresh that fails while offline.
  allowConsole(/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
  const stage = await stageOf(4);
  await stage.score(0, 0, 1, 12);
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } });
  const projector = await context.newPage();
  // The board has refreshed once (as it does every 2 s) before the network goes.
  const refreshed = projector.waitForResponse(/\/scoreboard\.json/);
  await projector.goto(`/contests/${stage.contest.slug}/scoreboard`);
  await refreshed;
  const row = (i: number) => projector.getByTestId(`scoreboard-team-${stage.teams[i].id}`);
  await expect(row(1)).toContainText("12");

  await context.setOffline(true);
  await expect(projector.getByRole("status")).toContainText("Mất kết nối mạng — đang thử lại", {
    timeout: 6000,
  });
  // The board is still there, with what it showed.
  await expect(row(1)).toContainText("12");
  await expect(row(1).getByTestId("scoreboard-judges")).toHaveText("1/3 giám khảo");

  // Meanwhile a second judge scores; the projector catches up once the network is back.
  await stage.score(1, 0, 1, 14);
  await context.setOffline(false);
  await expect(row(1).getByTestId("scoreboard-judges")).toHaveText("2/3 giám khảo", { timeout: 6000 });
  await expect(row(1)).toContainText("13");
  await expect(projector.getByRole("status")).toHaveCount(0);
});

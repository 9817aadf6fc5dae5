/**
 * The organiser's Điều hành page refreshes itself every two seconds. A
 * refresh's reply that does not arrive whole must cost nothing but that
 * refresh: no error in the browser's console, the page goes on working.
 * Both cases below used to log one (the full run's stage.spec failed on the
 * first): the page cancelling a refresh still arriving because a form was
 * sent, and the venue's Wi-Fi cutting a reply off after its first line.
 *
 * The replies are the server's own; the page's fetch is wrapped so a
 * refresh's reply stays open, as on a slow network, and then ends the way
 * Chromium ends it: with the page's own abort, or with a network error.
 */
import { and, eq } from "drizzle-orm";
import { stagePartResults, teams } from "#db/schema";
import { expect, hydrated, oneSheetStage, signIn, test } from "./fixtures";

type Slow = "until cancelled" | "first line, then cut off";

declare global {
  interface Window {
    slowRefresh?: Slow;
    slowRefreshes?: number;
  }
}

/** While `window.slowRefresh` is set, a refresh (GET `.data`) keeps its reply open: none of it until the page cancels, or its first line and then a network error. */
function slowRefreshes() {
  const realFetch = window.fetch;
  window.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const slow = window.slowRefresh;
    if (!slow || (init?.method ?? "GET") !== "GET" || !/\.data(\?|$)/.test(url) || !init?.signal)
      return realFetch(input, init);
    const signal = init.signal;
    const reply = await realFetch(input, { ...init, signal: undefined });
    const text = await reply.text();
    window.slowRefreshes = (window.slowRefreshes ?? 0) + 1;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal.addEventListener("abort", () => controller.error(signal.reason));
        if (slow === "until cancelled") return;
        controller.enqueue(new TextEncoder().encode(text.slice(0, text.indexOf("\n") + 1)));
        setTimeout(() => controller.error(new TypeError("network error")), 200);
      },
    });
    return new Response(body, { status: reply.status, headers: reply.headers });
  };
}

async function livePage(page: import("@playwright/test").Page, label: string) {
  const stage = await oneSheetStage({
    title: "Hội thi làm mới chậm",
    judgePhone: "0900000006",
    part: { name: "Chào hỏi", maxScore: 20, timeLimitSec: 180 },
    team: `Đội số 1 — ${label}`,
  });
  await page.addInitScript(slowRefreshes);
  await signIn(page, "0900000002");
  await page.goto(`/organiser/stage/${stage.contest.id}/live`);
  await hydrated(page);
  return stage;
}

async function overtimeSaved(stage: Awaited<ReturnType<typeof oneSheetStage>>) {
  const [row] = await stage.db
    .select()
    .from(stagePartResults)
    .where(and(eq(stagePartResults.partId, stage.part.id), eq(stagePartResults.teamId, stage.team.id)));
  return row?.overtimeSec;
}

test("the organiser saves on Điều hành while a refresh is still arriving: the refresh is dropped, the save kept, nothing in the console", async ({
  page,
}) => {
  const stage = await livePage(page, "Lưu giữa lúc làm mới");
  await page.evaluate(() => (window.slowRefresh = "until cancelled"));
  await page.waitForFunction(() => (window.slowRefreshes ?? 0) >= 1);

  const overtime = page.getByLabel(/^Đội số 1 .*: số giây vượt/);
  await overtime.fill("30");
  await overtime.locator("xpath=ancestor::form").getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  expect(await overtimeSaved(stage)).toBe(30);
});

test("the venue's Wi-Fi cuts refreshes off after their first line: the page goes on, catches up when they arrive whole, nothing in the console", async ({
  page,
}) => {
  const stage = await livePage(page, "Wi-Fi chập chờn");
  await page.evaluate(() => (window.slowRefresh = "first line, then cut off"));
  await page.waitForFunction(() => (window.slowRefreshes ?? 0) >= 2);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Changed elsewhere (the organiser's laptop renames the team): the next whole refresh shows it.
  await stage.db.update(teams).set({ name: "Đội số 1 — Đã đổi tên" }).where(eq(teams.id, stage.team.id));
  await page.evaluate(() => (window.slowRefresh = undefined));
  await expect(page.getByLabel("Đội số 1 — Đã đổi tên: số giây vượt", { exact: true })).toBeVisible({
    timeout: 10_000,
  });
});

/**
 * Issue 20, item 3 (the knowledge round on the projector), through the
 * pages: the organiser gives a knowledge part its questions by bank code,
 * cues question 1 from Điều hành, the projector (1280×720) shows it with a
 * running countdown and no trace of the answer, then the answer and the team
 * ticked right once revealed, and the board again once it is taken off.
 */
import type { Page } from "@playwright/test";
import { and, eq, like } from "drizzle-orm";
import { auditLog, questions, stageParts, teams } from "#db/schema";
import { preparePicture, storePictures } from "~/models/images.server";
import { COMMAND_LINE } from "~/utils/permissions.server";
import { createContest, createQuestion } from "../factories";
import { pngPicture } from "../fixtures/word";
import { e2eDb, expect, hydrated, signIn, test } from "./fixtures";

const LONG_PROMPT =
  "Theo quy định hiện hành về thực hiện thủ tục hành chính trên môi trường điện tử, khi người dân nộp hồ sơ trực tuyến toàn trình qua Cổng Dịch vụ công quốc gia thì kết quả giải quyết thủ tục hành chính được trả cho người dân bằng những hình thức nào sau đây, và người dân có cần đến bộ phận một cửa để nhận bản giấy hay không?";
const EXPLANATION =
  "Kết quả điện tử có giá trị pháp lý như bản giấy; người dân có thể chọn nhận thêm bản giấy qua bưu chính.";

/** A scroll bar on the projector would hide part of the screen from the hall. */
async function fitsScreen(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
}

// The projector refreshes every 2 s. Two refreshes were the limit here until a full run on a busy
// machine missed it twice (a reply taking over 2 s behind the other tests' pages): four.
const PROJECTOR_WAIT = 8000;

test("the MC puts a bank question on the projector with its countdown, reveals the answer and the teams right, and takes it off", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const db = await e2eDb();
  const stamp = Date.now().toString(36).toUpperCase();
  const day = 24 * 60 * 60 * 1000;
  const contest = await createContest(db, {
    kind: "stage",
    title: `Hội thi kiến thức trên màn chiếu ${stamp}`,
    entryModes: "team",
    stageAggregation: "mean",
    opensAt: Date.now() + 10 * day,
    closesAt: Date.now() + 11 * day,
  });
  const [part] = await db
    .insert(stageParts)
    .values({
      contestId: contest.id,
      position: 1,
      name: "Kiến thức",
      maxScore: 9,
      scoring: "knowledge",
      knowledgeQuestions: 3,
      knowledgePoints: 3,
    })
    .returning();
  await db.insert(teams).values([
    { contestId: contest.id, number: 1, name: "Đội Sen", nameKey: `doi sen ${stamp}` },
    { contestId: contest.id, number: 2, name: "Đội Mai", nameKey: `doi mai ${stamp}` },
  ]);
  // The bank: a long question with four options and a picture, two short ones and a retired one.
  const codes = [1, 2, 3].map((n) => `KT${stamp}-${n}`);
  const first = await createQuestion(db, {
    code: codes[0],
    prompt: LONG_PROMPT,
    explanation: EXPLANATION,
    options: [
      { text: "Bản điện tử gửi vào tài khoản trên Cổng Dịch vụ công quốc gia", correct: true },
      { text: "Chỉ bản giấy, nhận trực tiếp tại bộ phận một cửa của phường" },
      { text: "Chỉ qua tin nhắn SMS gửi tới số điện thoại đã đăng ký" },
      { text: "Không trả kết quả, người dân tự tra cứu trên trang web" },
    ],
  });
  const [picture] = await storePictures(
    db,
    [await preparePicture(await pngPicture("#1d4ed8", "Sơ đồ nộp hồ sơ", 800, 600))],
    COMMAND_LINE,
  );
  await db
    .update(questions)
    .set({ image: { ...picture, alt: "Sơ đồ các bước nộp hồ sơ trực tuyến" } })
    .where(eq(questions.id, first.id));
  for (const code of codes.slice(1)) await createQuestion(db, { code });
  await createQuestion(db, { code: `KT${stamp}-OLD`, status: "retired" });

  // The organiser types the codes on the parts page: a retired one is refused by name, nothing typed lost.
  await signIn(page, "0900000002");
  await page.goto(`/organiser/stage/${contest.id}/parts`);
  await hydrated(page);
  const settings = page.getByRole("region", { name: "Kiến thức" });
  const codeBox = settings.getByLabel("Mã câu hỏi");
  await codeBox.fill(`${codes[0]}\n${codes[1]}, KT${stamp}-OLD`);
  await settings.getByLabel("Thời gian trả lời (giây)").fill("8");
  await settings.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(settings.getByText(`Câu hỏi mã KT${stamp}-OLD đã ngừng dùng`)).toBeVisible();
  await expect(codeBox).toHaveValue(`${codes[0]}\n${codes[1]}, KT${stamp}-OLD`);
  await codeBox.fill(codes.join("\n"));
  await settings.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await expect(settings.getByLabel("Mã câu hỏi")).toHaveValue(codes.join("\n"));
  const [saved] = await db.select().from(stageParts).where(eq(stageParts.id, part.id));
  expect(saved.knowledgeSeconds).toBe(8);
  expect(saved.knowledgeQuestionIds).toHaveLength(3);

  // The projector, at 1280×720, shows the board.
  const projector = await (
    await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } })
  ).newPage();
  await projector.goto(`/contests/${contest.slug}/scoreboard`);
  await hydrated(projector);
  const board = projector.getByRole("table", { name: "Bảng điểm trực tiếp" });
  await expect(board).toBeVisible();

  // On Điều hành the MC shows question 1.
  await page.goto(`/organiser/stage/${contest.id}/live`);
  await hydrated(page);
  const live = page.getByRole("region", { name: "Kiến thức" });
  await live.getByRole("button", { name: "Chiếu câu 1" }).click();
  await expect(live.getByText(/Đang chiếu câu 1 · còn [1-8] giây/)).toBeVisible();

  // Within a few of the projector's 2-second refreshes (PROJECTOR_WAIT): the question, its options and
  // a running countdown.
  await expect(projector.getByText(LONG_PROMPT)).toBeVisible({ timeout: PROJECTOR_WAIT });
  await expect(board).toHaveCount(0);
  await expect(projector.getByText("Kiến thức · Câu 1/3")).toBeVisible();
  for (const [letter, text] of [
    ["A", "Bản điện tử gửi vào tài khoản"],
    ["B", "Chỉ bản giấy"],
    ["C", "Chỉ qua tin nhắn SMS"],
    ["D", "Không trả kết quả"],
  ])
    await expect(projector.getByRole("listitem").filter({ hasText: `${letter}.${text}` })).toBeVisible();
  await expect(projector.getByRole("img", { name: "Sơ đồ các bước nộp hồ sơ trực tuyến" })).toBeVisible();
  const timer = projector.getByRole("timer", { name: "Thời gian trả lời còn lại" });
  await expect(timer).toHaveText(/^00:0[1-8]$/);
  const before = await timer.textContent();
  await expect(timer).not.toHaveText(before!, { timeout: 3000 });
  // The right answer is nowhere in what the projector's laptop holds.
  await expect(projector.getByText("✓ Đáp án đúng")).toHaveCount(0);
  const html = await projector.content();
  expect(html).not.toContain(EXPLANATION);
  expect(html).not.toMatch(/\\?"(correct|isCorrect|explanation)\\?"/);
  const data = await projector.request.get(
    `/contests/${contest.slug}/scoreboard.data?_routes=routes/contests.$slug_.scoreboard`,
  );
  const sent = await data.text();
  expect(sent).toContain("Bản điện tử gửi vào tài khoản");
  expect(sent).not.toContain(EXPLANATION);
  expect(sent).not.toMatch(/"(correct|isCorrect|explanation)"/);
  await fitsScreen(projector);
  await expect(timer).toHaveText("Hết giờ", { timeout: 10_000 });
  await expect(live.getByText("Đang chiếu câu 1 · hết giờ")).toBeVisible();

  // The organiser ticks Đội Sen right on question 1, saves, and reveals the answer.
  await live.getByRole("checkbox", { name: "Câu 1: Đội Sen trả lời đúng" }).check();
  await live.getByRole("button", { name: "Lưu kết quả" }).click();
  await expect(page.getByText("Đã lưu.")).toBeVisible();
  await live.getByRole("button", { name: "Hiện đáp án" }).click();
  await expect(live.getByText("Câu 1: Đã hiện đáp án")).toBeVisible();
  const right = projector.getByRole("listitem").filter({ hasText: "✓ Đáp án đúng" });
  await expect(right).toHaveCount(1, { timeout: PROJECTOR_WAIT });
  await expect(right).toContainText("A.Bản điện tử gửi vào tài khoản");
  await expect(projector.getByText(EXPLANATION)).toBeVisible();
  await expect(projector.getByText("Đội trả lời đúng: Đội Sen")).toBeVisible();
  await fitsScreen(projector);

  // Taken off: the board is back.
  await live.getByRole("button", { name: "Tắt câu hỏi" }).click();
  await expect(board).toBeVisible({ timeout: PROJECTOR_WAIT });
  await expect(projector.getByText(LONG_PROMPT)).toHaveCount(0);
  await expect(live.getByText("Màn chiếu đang hiện bảng điểm.")).toBeVisible();

  const audited = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, "stage_part"),
        eq(auditLog.entityId, String(part.id)),
        like(auditLog.action, "stage.knowledge.%"),
      ),
    );
  expect(audited.map((a) => a.action)).toEqual([
    "stage.knowledge.show",
    "stage.knowledge.reveal",
    "stage.knowledge.hide",
  ]);
});

test("without JavaScript the MC's cue still works: the form goes and comes back to Điều hành, a refusal says why", async ({
  browser,
  baseURL,
}) => {
  const db = await e2eDb();
  const stamp = Date.now().toString(36).toUpperCase();
  const contest = await createContest(db, {
    kind: "stage",
    title: `Hội thi kiến thức không JavaScript ${stamp}`,
    entryModes: "team",
    stageAggregation: "mean",
  });
  const [part] = await db
    .insert(stageParts)
    .values({
      contestId: contest.id,
      position: 1,
      name: "Kiến thức",
      maxScore: 6,
      scoring: "knowledge",
      knowledgeQuestions: 2,
      knowledgePoints: 3,
    })
    .returning();
  await db
    .insert(teams)
    .values({ contestId: contest.id, number: 1, name: "Đội Trúc", nameKey: `doi truc ${stamp}` });
  const organiser = await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
  await signIn(organiser, "0900000002");
  await organiser.goto(`/organiser/stage/${contest.id}/live`);
  const round = organiser.getByRole("region", { name: "Kiến thức" });
  await round.getByRole("button", { name: "Chiếu câu 2" }).click();
  await expect(organiser).toHaveURL(new RegExp(`/organiser/stage/${contest.id}/live$`));
  await expect(organiser.getByTestId(`knowledge-cue-state-${part.id}`)).toContainText("Đang chiếu câu 2");
  // The committee closes the part while the page is open: the next cue is refused, with its reason.
  await db.update(stageParts).set({ closedAt: Date.now() }).where(eq(stageParts.id, part.id));
  await round.getByRole("button", { name: "Tắt câu hỏi" }).click();
  await expect(organiser).toHaveURL(/cueError=stage\.partClosed/);
  await expect(organiser.getByText(/Phần thi đã được hội đồng khoá/)).toBeVisible();
  // The cue's address opened by itself (typed, or reloaded after a cue): Điều hành, not an error page.
  await organiser.goto(`/organiser/stage/${contest.id}/knowledge-cue`);
  await expect(organiser).toHaveURL(new RegExp(`/organiser/stage/${contest.id}/live$`));
  await expect(organiser.getByRole("region", { name: "Kiến thức" })).toBeVisible();
});

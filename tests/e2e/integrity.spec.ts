import { eq } from "drizzle-orm";
import { attemptQuestions, attempts } from "#db/schema";
import { answer, answerKey, e2eDb, expect, makeContest, register, startQuiz, test } from "./fixtures";

test("no response during an open attempt carries the answer key, an explanation or a score", async ({
  page,
}) => {
  const contest = await makeContest({ reviewPolicy: "after_submit" });
  await register(page);
  // Every response from here on, pages, data and JSON alike, is kept for inspection.
  const bodies: { url: string; body: string }[] = [];
  page.on("response", async (response) => {
    if (!response.url().startsWith(new URL(page.url()).origin)) return;
    const type = response.headers()["content-type"] ?? "";
    if (/javascript|css|image|font/.test(type)) return;
    bodies.push({ url: response.url(), body: await response.text().catch(() => "") });
  });
  const attemptId = await startQuiz(page, contest.slug);
  const key = await answerKey(attemptId);
  for (const n of key.keys()) await answer(page, key, n, n % 2 === 1);
  await page.reload();
  await expect(page.getByRole("group", { name: /^Câu 1\b/ })).toBeVisible();

  const db = await e2eDb();
  const snapshot = await db.select().from(attemptQuestions).where(eq(attemptQuestions.attemptId, attemptId));
  const explanations = snapshot
    .map((q) => q.explanation)
    .filter((e): e is string => Boolean(e && e.length > 20));
  expect(explanations.length).toBeGreaterThan(0);
  expect(bodies.length).toBeGreaterThan(5);
  for (const { url, body } of bodies) {
    for (const text of explanations) expect(body.includes(text), `explanation in ${url}`).toBe(false);
    // Keys that would carry the key or a result, in JSON or in Remix's turbo-stream data.
    expect(body, url).not.toMatch(/"(correct|isCorrect|explanation|score|maxScore|receipt)"/);
  }

  // After submitting, the result is there (the policy shows answers right away).
  bodies.length = 0;
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Đồng ý nộp bài" }).click();
  await expect(page).toHaveURL(/\/result/);
  await expect(page.getByText(explanations[0]).first()).toBeVisible();
  // The same check does see a score and explanations once they may be shown.
  expect(bodies.some((b) => /"(score|explanation)"/.test(b.body))).toBe(true);
});

test("a forged client time or 'time is up' flag changes nothing; the server's clock decides", async ({
  page,
}) => {
  const contest = await makeContest();
  await register(page);
  const attemptId = await startQuiz(page, contest.slug);
  const db = await e2eDb();
  const [before] = await db.select().from(attempts).where(eq(attempts.id, attemptId));
  const [question] = await db
    .select()
    .from(attemptQuestions)
    .where(eq(attemptQuestions.attemptId, attemptId));
  const response = await page.request.post(`/api/attempts/${attemptId}/answers`, {
    data: {
      questionId: question.questionId,
      optionIds: [question.options[0].id],
      base: 0,
      // None of these is the client's to decide.
      clientTime: Date.now() + 3_600_000,
      timeUp: true,
      deadlineAt: Date.now() + 86_400_000,
      status: "submitted",
    },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(response.status()).toBe(200);
  const { remainingMs } = await response.json();
  expect(remainingMs).toBeLessThanOrEqual(before.deadlineAt - before.startedAt);
  expect(remainingMs).toBeGreaterThan(0);
  const [after] = await db.select().from(attempts).where(eq(attempts.id, attemptId));
  expect({ status: after.status, deadlineAt: after.deadlineAt, score: after.score }).toEqual({
    status: "open",
    deadlineAt: before.deadlineAt,
    score: null,
  });
});

test("Vietnamese text arrives intact: no page carries NUL bytes or replacement characters", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByLabel("Số điện thoại").fill("0900000002");
  await page.getByLabel("Mật khẩu").fill("hoithi2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toBeVisible();
  // The units and questions lists were where React's streaming renderer split characters.
  for (const url of [
    "/organiser/units",
    "/organiser/questions",
    "/contests/hoi-thi-tuyen-truyen-2026",
    "/",
  ]) {
    const body = await (await page.request.get(url)).body();
    expect(body.includes(0), `NUL in ${url}`).toBe(false);
    expect(body.toString("utf8").includes("\uFFFD"), `U+FFFD in ${url}`).toBe(false);
  }
});

import type { Download, Page } from "@playwright/test";
import { asc, desc, eq, inArray } from "drizzle-orm";
import mammoth from "mammoth";
import sharp from "sharp";
import { questionOptions, questions, users } from "#db/schema";
import { preparePicture, storePictures } from "~/models/images.server";
import { e2eDb, expect, makeContest, signIn, test } from "./fixtures";

const LETTERS = ["A", "B", "C", "D", "E", "F"];
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async function download(page: Page, name: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name, exact: true }).click(),
  ]);
  return file;
}

/** The Word file's text, read with mammoth (not the library that wrote it). */
async function text(file: Download) {
  return (await mammoth.extractRawText({ path: await file.path() })).value;
}

/** The questions as the bank holds them, in the order asked, with their options in position order. */
async function bankQuestions(ids: number[]) {
  const db = await e2eDb();
  const rows = await db.select().from(questions).where(inArray(questions.id, ids));
  const options = await db
    .select()
    .from(questionOptions)
    .where(inArray(questionOptions.questionId, ids))
    .orderBy(asc(questionOptions.position));
  return ids.map((id) => {
    const q = rows.find((r) => r.id === id)!;
    const own = options.filter((o) => o.questionId === id);
    return {
      ...q,
      options: own,
      letters: own.flatMap((o, i) => (o.isCorrect ? [LETTERS[i]] : [])).join(", "),
    };
  });
}

/** Each question's number and prompt, in the file's order. */
const numbered = (body: string) => [...body.matchAll(/^Câu (\d+)\. (.*)$/gm)].map(([, n, p]) => `${n}. ${p}`);

// Questions of categories the other specs never edit (the re-import spec rewords the first 45 active
// questions of the export and changes answers in CCHC and CĐS), so the files can be checked against
// the database while the other specs run.
const QUIET = "DVC";

test("an organiser prints the filtered bank as a Word paper and its key", async ({ page }) => {
  const db = await e2eDb();
  const ids = (
    await db
      .select({ id: questions.id })
      .from(questions)
      .where(eq(questions.category, QUIET))
      .orderBy(asc(questions.id))
  ).map((r) => r.id);
  expect(ids.length).toBeGreaterThan(2);
  const bank = await bankQuestions(ids);

  await signIn(page, "0900000002");
  await page.goto(`/organiser/questions?category=${QUIET}`);
  await expect(page.getByText(`${ids.length} câu hỏi`, { exact: true })).toBeVisible();

  const paperFile = await download(page, "Tải đề in (Word)");
  expect(paperFile.suggestedFilename()).toBe("Đề thi - Ngân hàng câu hỏi.docx");
  const paper = await text(paperFile);
  expect(paper).toContain("ĐỀ THI");
  expect(paper).toMatch(/Họ và tên:.*Đơn vị:/);
  expect(numbered(paper)).toEqual(bank.map((q, i) => `${i + 1}. ${q.prompt}`));
  for (const q of bank)
    for (const [i, o] of q.options.entries()) expect(paper).toContain(`${LETTERS[i]}. ${o.text}`);
  for (const hidden of ["Đáp án", "Giải thích", "Căn cứ pháp lý"]) expect(paper).not.toContain(hidden);
  for (const q of bank) {
    if (q.explanation) expect(paper).not.toContain(q.explanation);
    if (q.legalSource) expect(paper).not.toContain(q.legalSource);
  }

  const keyFile = await download(page, "Tải đáp án (Word)");
  expect(keyFile.suggestedFilename()).toBe("Đáp án - Ngân hàng câu hỏi.docx");
  const key = await text(keyFile);
  expect(key).toContain("ĐÁP ÁN");
  expect(numbered(key)).toEqual(numbered(paper));
  const answers = [...key.matchAll(/^Đáp án: ([A-F, ]+) \(/gm)].map(([, l]) => l);
  expect(answers).toEqual(bank.map((q) => q.letters));
  for (const q of bank) {
    if (q.explanation) expect(key).toContain(`Giải thích: ${q.explanation}`);
    if (q.legalSource) expect(key).toContain(`Căn cứ pháp lý: ${q.legalSource}`);
  }
});

test("an organiser prints a fixed-list contest in its order, with a key that matches it", async ({
  page,
}) => {
  const db = await e2eDb();
  const quiet = await db
    .select({ id: questions.id })
    .from(questions)
    .where(eq(questions.category, QUIET))
    .orderBy(asc(questions.id));
  const active = (await bankQuestions(quiet.map((r) => r.id))).filter((q) => q.status === "active");
  // Not the bank's order, and shuffling on: a fixed list still prints as listed.
  const order = [active[2].id, active[0].id, active[1].id];
  const contest = await makeContest({
    title: `Đề in theo danh sách ${Date.now()}`,
    draw: { mode: "fixed", questionIds: order },
    shuffleQuestions: true,
    shuffleOptions: true,
    timeLimitSec: 900,
  });
  const bank = await bankQuestions(order);

  await signIn(page, "0900000002");
  await page.goto(`/organiser/contests/${contest.id}`);
  const paperFile = await download(page, "Tải đề in (Word)");
  expect(paperFile.suggestedFilename()).toBe(`Đề thi - ${contest.title}.docx`);
  const paper = await text(paperFile);
  expect(paper).toContain(contest.title);
  expect(paper).toContain("Thời gian làm bài: 15 phút");
  expect(paper).not.toContain("Đề số");
  expect(numbered(paper)).toEqual(bank.map((q, i) => `${i + 1}. ${q.prompt}`));
  for (const [i, o] of bank[0].options.entries()) expect(paper).toContain(`${LETTERS[i]}. ${o.text}`);
  expect(paper).not.toContain("Đáp án");

  const keyFile = await download(page, "Tải đáp án (Word)");
  expect(keyFile.suggestedFilename()).toBe(`Đáp án - ${contest.title}.docx`);
  const key = await text(keyFile);
  expect(numbered(key)).toEqual(numbered(paper));
  const answers = [...key.matchAll(/^Đáp án: ([A-F, ]+) \(/gm)].map(([, l]) => l);
  expect(answers).toEqual(bank.map((q) => q.letters));
});

test("a contest drawn per category prints đề số N again and again, its key from the same seed", async ({
  page,
}) => {
  const contest = await makeContest({
    title: `Đề in theo lĩnh vực ${Date.now()}`,
    draw: {
      mode: "category",
      rules: [
        { category: QUIET, count: 2 },
        { category: "DIA_PHUONG", count: 3 },
      ],
    },
  });
  await signIn(page, "0900000002");
  const get = async (kind: "paper" | "key", seed: number) => {
    const response = await page.request.get(`/organiser/contests/${contest.id}/${kind}?seed=${seed}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe(DOCX);
    return (await mammoth.extractRawText({ buffer: await response.body() })).value;
  };
  const paper = await get("paper", 3);
  expect(paper).toContain("Đề số 3");
  expect(numbered(paper)).toHaveLength(5);
  expect(numbered(await get("paper", 3))).toEqual(numbered(paper));
  const key = await get("key", 3);
  expect(key).toContain("Đề số 3");
  expect(numbered(key)).toEqual(numbered(paper));
});

test("a question's picture is printed on the paper with its description", async ({ page }) => {
  const db = await e2eDb();
  const [organiser] = await db.select({ id: users.id }).from(users).where(eq(users.phone, "0900000002"));
  const [question] = await db
    .select({ id: questions.id, image: questions.image })
    .from(questions)
    .where(eq(questions.category, QUIET))
    .orderBy(desc(questions.id))
    .limit(1);
  const photo = await sharp({ create: { width: 480, height: 240, channels: 3, background: "#1d4ed8" } })
    .jpeg()
    .toBuffer();
  const [stored] = await storePictures(db, [await preparePicture(new Uint8Array(photo))], {
    id: organiser.id,
    role: "organiser",
  });
  const alt = "Sơ đồ bộ phận một cửa của phường";
  await db
    .update(questions)
    .set({ image: { ...stored, alt } })
    .where(eq(questions.id, question.id));
  try {
    const contest = await makeContest({
      title: `Đề in có hình ${Date.now()}`,
      draw: { mode: "fixed", questionIds: [question.id] },
    });
    await signIn(page, "0900000002");
    await page.goto(`/organiser/contests/${contest.id}`);
    const file = await download(page, "Tải đề in (Word)");
    const alts: string[] = [];
    const types: string[] = [];
    await mammoth.convertToHtml(
      { path: await file.path() },
      {
        convertImage: mammoth.images.imgElement(async (image) => {
          // mammoth's typings omit the alt text it reads from the drawing's properties
          alts.push(String((image as { altText?: string }).altText));
          types.push(image.contentType);
          return { src: "" };
        }),
      },
    );
    expect(alts).toEqual([alt]);
    expect(types).toEqual(["image/png"]);
  } finally {
    // The demo question goes back as it was, for the specs that follow.
    await db.update(questions).set({ image: question.image }).where(eq(questions.id, question.id));
  }
});

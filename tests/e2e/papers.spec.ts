/**
 * Issue 16, item 5: papers that fit. The award decision on one A4 page with
 * "Nơi nhận" and the ward as the place; a stage contest's part scores and tie
 * reasons on the winners page, in results.json and in the export.
 */
import { eq } from "drizzle-orm";
import { stageJudges, stageParts, teams, users } from "#db/schema";
import { saveJudgeScore } from "~/models/stage-judging.server";
import { createContest, createPrizes } from "../factories";
import { e2eDb, expect, signIn, test } from "./fixtures";

const pdfPages = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

test("the award decision of the demo 2022 contest prints on one A4 page, dated at the ward, with Nơi nhận", async ({
  page,
}) => {
  await page.goto("/contests/cchc-2022/decision");
  await expect(page.getByRole("heading", { name: "QUYẾT ĐỊNH" })).toBeVisible();
  await expect(page.getByText(/^Hòa Thuận, ngày \d+ tháng \d+ năm \d{4}$/)).toBeVisible();
  await expect(page.getByText("Nơi nhận:")).toBeVisible();
  await expect(page.getByText("- Như Điều 3;")).toBeVisible();
  // Ten prizes in the table, the chair's signature on the same page.
  await expect(page.getByRole("row")).toHaveCount(12);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdfPages(pdf)).toBe(1);
  // A4 portrait: 210 × 297 mm = 595 × 842 pt.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf.toString("latin1"))!;
  expect([Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
});

test("a stage contest's winners page, results.json and export give each team's part scores and how a tie was settled", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const db = await e2eDb();
  const tag = Date.now().toString(36);
  const contest = await createContest(db, {
    kind: "stage",
    entryModes: "team",
    stageAggregation: "mean",
    title: `Liên hoan văn nghệ ${tag}`,
  });
  const [greeting, skit] = await db
    .insert(stageParts)
    .values([
      { contestId: contest.id, position: 1, name: "Chào hỏi", maxScore: 20 },
      { contestId: contest.id, position: 2, name: "Tiểu phẩm", maxScore: 50, isTieBreak: true },
    ])
    .returning();
  const [a, b, c] = await db
    .insert(teams)
    .values(
      ["Đội Sen Hồng", "Đội Hoa Mai", "Đội Trúc Xanh"].map((name, i) => ({
        contestId: contest.id,
        number: i + 1,
        name: `${name} ${tag}`,
        nameKey: `${name.toLowerCase()} ${tag}`,
      })),
    )
    .returning();
  await createPrizes(db, contest.id, [
    { category: "team", rank: 1, label: "Nhất", count: 1, amount: 3_000_000 },
    { category: "team", rank: 2, label: "Nhì", count: 1, amount: 2_000_000 },
  ]);
  const judge = (await db.select().from(users).where(eq(users.phone, "0900000006")))[0];
  await db.insert(stageJudges).values({ contestId: contest.id, userId: judge.id });
  // A and B are level on 55 points; B's skit (40) beats A's (35). C has 40.
  const scores: [typeof a, number, number][] = [
    [a, 20, 35],
    [b, 15, 40],
    [c, 10, 30],
  ];
  for (const [team, hello, play] of scores)
    for (const [part, total] of [
      [greeting, hello],
      [skit, play],
    ] as const)
      await saveJudgeScore(db, {
        contestId: contest.id,
        partId: part.id,
        teamId: team.id,
        judge: { id: judge.id, role: "judge" },
        values: { total },
        comment: "",
      });

  await signIn(page, "0900000003");
  await page.goto(`/committee/stage/${contest.id}`);
  for (const part of ["Chào hỏi", "Tiểu phẩm"]) {
    await page.getByRole("button", { name: `Khoá phần thi: ${part}` }).click();
    await expect(page.getByRole("button", { name: `Mở lại phần thi: ${part}` })).toBeVisible();
  }
  await page.getByRole("button", { name: "Đồng ý chốt kết quả" }).click();
  await page.getByRole("button", { name: "Công bố kết quả" }).click();
  await expect(page.getByRole("button", { name: "Công bố kết quả" })).toHaveCount(0);

  await page.goto(`/contests/${contest.slug}/results`);
  const prizes = page.getByRole("region", { name: "Giải đội" });
  await expect(prizes.getByRole("listitem")).toHaveCount(2);
  const first = prizes.getByRole("listitem").first();
  await expect(first).toContainText(`Giải Nhất: Đội Hoa Mai ${tag}`);
  await expect(first).toContainText("Giải Nhất");
  await expect(first).toContainText("Chào hỏi: 15 · Tiểu phẩm: 40");
  await expect(first).toContainText(
    `Bằng tổng điểm với Đội Sen Hồng ${tag}; xếp trên nhờ điểm phần Tiểu phẩm cao hơn.`,
  );
  const second = prizes.getByRole("listitem").nth(1);
  await expect(second).toContainText(`Giải Nhì: Đội Sen Hồng ${tag}`);
  await expect(second).toContainText("Giải Nhì");
  await expect(second).toContainText("Chào hỏi: 20 · Tiểu phẩm: 35");
  await expect(second).toContainText("xếp dưới vì điểm phần Tiểu phẩm thấp hơn");

  const json = await (await request.get(`/api/contests/${contest.slug}/results.json`)).json();
  expect(json.teams).toEqual([
    {
      rank: 1,
      prize: "Nhất",
      amount: 3_000_000,
      name: `Đội Hoa Mai ${tag}`,
      unit: null,
      score: 55,
      parts: [
        { name: "Chào hỏi", score: 15 },
        { name: "Tiểu phẩm", score: 40 },
      ],
      tieReason: `Bằng tổng điểm với Đội Sen Hồng ${tag}; xếp trên nhờ điểm phần Tiểu phẩm cao hơn.`,
    },
    {
      rank: 2,
      prize: "Nhì",
      amount: 2_000_000,
      name: `Đội Sen Hồng ${tag}`,
      unit: null,
      score: 55,
      parts: [
        { name: "Chào hỏi", score: 20 },
        { name: "Tiểu phẩm", score: 35 },
      ],
      tieReason: `Bằng tổng điểm với Đội Hoa Mai ${tag}; xếp dưới vì điểm phần Tiểu phẩm thấp hơn.`,
    },
  ]);
  expect(JSON.stringify(json.teams)).not.toContain("durationMs");

  // The committee's export: a column per part and the tie reason, for every team.
  const csv = await (await page.request.get(`/committee/contests/${contest.id}/export/csv`)).text();
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  expect(lines[0]).toContain("Chào hỏi;Tiểu phẩm;Lý do xếp hạng khi bằng điểm");
  expect(lines.find((l) => l.includes(`Đội Trúc Xanh ${tag}`))).toMatch(/;10;30;$/);
  expect(lines.find((l) => l.includes(`Đội Hoa Mai ${tag}`))).toContain(';15;40;"Bằng tổng điểm với');
});

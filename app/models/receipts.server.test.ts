import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { attempts, teams } from "#db/schema";
import { createContest, createFinishedAttempts, createUser } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import {
  checkReceipt,
  countReceiptCheck,
  maskName,
  normaliseReceiptCode,
  RECEIPT_CHECKS,
} from "./receipts.server";
import { receiptCode } from "./scoring.server";

let db: Db;

beforeEach(async () => {
  ({ db } = await createTestDb());
});

/** A submitted entry with the receipt code the server would have issued for it. */
async function submittedEntry(values: { fullName: string; teamId?: number | null; contestId?: number }) {
  const contestId = values.contestId ?? (await createContest(db, { title: "Tìm hiểu CCHC 2026" })).id;
  const user = await createUser(db, { fullName: values.fullName });
  const submittedAt = Date.UTC(2026, 3, 20, 3, 15, 0);
  const [id] = await createFinishedAttempts(db, [
    { contestId, userId: user.id, score: 18, submittedAt, teamId: values.teamId ?? null },
  ]);
  const code = receiptCode(id, submittedAt, 18);
  await db.update(attempts).set({ receipt: code }).where(eq(attempts.id, id));
  return { id, code, contestId, submittedAt };
}

describe("masking the name on a receipt", () => {
  it("keeps the family name and reduces every other word to its initial", () => {
    expect(maskName("Nguyễn Thị Kim")).toBe("Nguyễn T. K.");
    expect(maskName("Trần Văn An")).toBe("Trần V. A.");
    expect(maskName("Đặng Đức Ánh")).toBe("Đặng Đ. Á.");
  });

  it("copes with extra spaces, lower case, decomposed accents and one-word names", () => {
    expect(maskName("  lê   thị   hồng  ")).toBe("lê T. H.");
    expect(maskName("Phạm Ánh".normalize("NFD"))).toBe("Phạm Á.");
    expect(maskName("Hoa")).toBe("Hoa");
    expect(maskName("")).toBe("");
  });
});

describe("reading a code as a visitor types it", () => {
  it("accepts any case, with or without the dash and spaces", () => {
    expect(normaliseReceiptCode("ABCDE-FGH23")).toBe("ABCDE-FGH23");
    expect(normaliseReceiptCode("abcde-fgh23")).toBe("ABCDE-FGH23");
    expect(normaliseReceiptCode(" abcdefgh23 ")).toBe("ABCDE-FGH23");
    expect(normaliseReceiptCode("abcde fgh23")).toBe("ABCDE-FGH23");
  });

  it("refuses what cannot be a code: wrong length, letters the codes never use, other text", () => {
    for (const bad of ["", "ABCDE", "ABCDE-FGH234", "ABCDE-FGHI2", "ABCDE-FGH10", "xin chào", "ABCDĐ-FGH23"])
      expect(normaliseReceiptCode(bad), bad).toBeNull();
    expect(normaliseReceiptCode("A".repeat(1000))).toBeNull();
  });
});

describe("checking a receipt", () => {
  it("finds the submitted entry: contest, time, no team, and the person's masked name", async () => {
    const entry = await submittedEntry({ fullName: "Nguyễn Thị Kim" });
    const contest = await db.query.contests.findFirst({ where: (c, { eq }) => eq(c.id, entry.contestId) });
    expect(await checkReceipt(db, entry.code)).toEqual({
      valid: true,
      code: entry.code,
      contest: { slug: contest!.slug, title: "Tìm hiểu CCHC 2026" },
      submittedAt: new Date(entry.submittedAt).toISOString(),
      team: null,
      name: "Nguyễn T. K.",
    });
  });

  it("finds it whatever case and spacing the visitor types", async () => {
    const entry = await submittedEntry({ fullName: "Lê Văn Tám" });
    const typed = ` ${entry.code.toLowerCase().replace("-", " ")} `;
    expect(await checkReceipt(db, typed)).toMatchObject({ valid: true, code: entry.code, name: "Lê V. T." });
  });

  it("names the team of a team entry", async () => {
    const contest = await createContest(db);
    const [team] = await db
      .insert(teams)
      .values({ contestId: contest.id, number: 1, name: "Đội Tổ dân phố 1" })
      .returning();
    const entry = await submittedEntry({ fullName: "Phạm Minh Đức", teamId: team.id, contestId: contest.id });
    expect(await checkReceipt(db, entry.code)).toMatchObject({
      valid: true,
      team: { name: "Đội Tổ dân phố 1" },
      name: "Phạm M. Đ.",
    });
  });

  it("an unknown code, or a malformed one, is not valid", async () => {
    await submittedEntry({ fullName: "Nguyễn Thị Kim" });
    expect(await checkReceipt(db, "ABCDE-FGH23")).toEqual({ valid: false, code: "ABCDE-FGH23" });
    expect(await checkReceipt(db, "not a code")).toMatchObject({ valid: false });
  });

  it("a code on an entry that is not submitted proves nothing", async () => {
    const entry = await submittedEntry({ fullName: "Nguyễn Thị Kim" });
    await db.update(attempts).set({ status: "open", submittedAt: null }).where(eq(attempts.id, entry.id));
    expect(await checkReceipt(db, entry.code)).toMatchObject({ valid: false });
  });
});

describe("the per-address limit on checks", () => {
  it("lets an address check its limit of codes in a window, then says how long to wait", async () => {
    const now = 1_000_000_000;
    for (let i = 0; i < RECEIPT_CHECKS.limit; i++)
      expect(await countReceiptCheck(db, "203.0.113.5", now + i)).toBeNull();
    const wait = await countReceiptCheck(db, "203.0.113.5", now + 10_000);
    expect(wait).toBe(50);
    // Another address is not held up by it.
    expect(await countReceiptCheck(db, "203.0.113.6", now + 10_000)).toBeNull();
    // Once the window has passed, the address may check again.
    expect(await countReceiptCheck(db, "203.0.113.5", now + RECEIPT_CHECKS.windowMs)).toBeNull();
  });
});

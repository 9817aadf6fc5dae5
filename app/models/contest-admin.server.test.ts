import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, contests } from "#db/schema";
import { formatDateTime } from "~/utils/format";
import { isMessage, translate } from "~/utils/i18n";
import { listAmendments } from "./contest-amendments.server";
import { createContest, createQuestion, createUser } from "../../tests/factories";
import type { Actor } from "~/utils/permissions.server";
import { createTestDb } from "../../tests/setup/test-db";
import { startAttempt } from "./attempt.server";
import {
  drawBank,
  cloneContest,
  fairnessProblems,
  loadSettings,
  pickSettings,
  publishContest,
  unpublishContest,
  updateQuizContest,
  validateSettings,
  type ContestSettings,
} from "./contest-admin.server";

let db: Db;
let organiser: Actor;

beforeEach(async () => {
  ({ db } = await createTestDb());
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
  for (let i = 0; i < 3; i++) await createQuestion(db, { category: "CCHC" });
});

const HOUR = 3_600_000;

function settings(over: Partial<ContestSettings> = {}): ContestSettings {
  const now = Date.now();
  return {
    title: "Cuộc thi thử",
    slug: "cuoc-thi-thu",
    description: "",
    opensAt: now + HOUR,
    closesAt: now + 48 * HOUR,
    timeLimitSec: 1200,
    draw: { mode: "category", rules: [{ category: "CCHC", count: 3 }] },
    pointsPerQuestion: 1,
    shuffleQuestions: true,
    shuffleOptions: true,
    maxAttempts: 1,
    attemptPeriod: "contest",
    counting: "best",
    reviewPolicy: "after_close",
    predictionTarget: null,
    predictionPrompt: null,
    entryModes: "individual",
    collectiveRule: "participation_rate",
    eligibleUnitIds: null,
    rules: "",
    ...over,
  };
}

/** A problem as the organiser reads it (the model answers in message keys). */
const vi = (problem: string | undefined) =>
  problem && isMessage(problem) ? translate("vi", problem) : problem;

describe("contest settings", () => {
  it("refuses a window that closes before it opens, a draw larger than the bank and a prize of count 0", async () => {
    const bank = await drawBank(db);
    const s = settings({
      closesAt: Date.now(),
      draw: { mode: "category", rules: [{ category: "CCHC", count: 10 }] },
    });
    const problems = validateSettings(s, bank, [
      { category: "individual", rank: 1, label: "Nhất", count: 0, amount: 100 },
    ]);
    expect(vi(problems.closesAt)).toBe("Thời điểm kết thúc phải sau thời điểm bắt đầu.");
    expect(vi(problems.draw)).toBe("Lĩnh vực Cải cách hành chính chỉ có 3 câu đang dùng, không đủ 10 câu.");
    expect(vi(problems.prizes)).toContain("Giải ở dòng 1");
    // Two categories short: both named at once, so one save shows all that needs changing.
    const both = validateSettings(
      settings({
        draw: {
          mode: "category",
          rules: [
            { category: "CCHC", count: 10 },
            { category: "CDS", count: 1 },
            { category: "DVC", count: 9 },
          ],
        },
      }),
      { counts: { CCHC: 3, CDS: 3, DVC: 2 }, names: bank.names },
      [],
    );
    expect(vi(both.draw)).toBe(
      "Không đủ câu hỏi đang dùng (có/cần): Cải cách hành chính 3/10; Dịch vụ công 2/9.",
    );
    expect(validateSettings(settings(), bank, [])).toEqual({});
    // An absurd amount (it would come back as 1e+23 and block every later save) names its line.
    const huge = validateSettings(settings(), bank, [
      { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 500_000 },
      { category: "individual", rank: 2, label: "Nhì", count: 1, amount: 1e23 },
    ]);
    expect(vi(huge.prizes)).toMatch(/^Giải ở dòng 2: .* 100\.000\.000\.000 đồng\.$/);
  });

  it("once anyone has started, refuses changes to draw, points, time limit and a shorter window, but allows an extension", () => {
    const before = settings();
    expect(
      fairnessProblems(before, { ...before, closesAt: before.closesAt + HOUR, title: "Tên mới" }),
    ).toEqual({});
    const changed = fairnessProblems(before, {
      ...before,
      draw: { mode: "category", rules: [{ category: "CCHC", count: 2 }] },
      pointsPerQuestion: 2,
      timeLimitSec: 600,
      closesAt: before.closesAt - HOUR,
    });
    expect(Object.keys(changed).sort()).toEqual(["closesAt", "draw", "pointsPerQuestion", "timeLimitSec"]);
    expect(vi(changed.closesAt)).toContain("không được rút ngắn");
  });

  it("enforces the lock on save, logs an extension, and refuses to unpublish after a start", async () => {
    const contest = await createContest(db, {
      draw: { mode: "category", rules: [{ category: "CCHC", count: 3 }] },
    });
    const resident = await createUser(db);
    await startAttempt(db, { contest, userId: resident.id, now: Date.now() });
    const current = pickSettings(contest);
    const refused = await updateQuizContest(
      db,
      contest.id,
      { settings: { ...current, timeLimitSec: 60 }, prizes: [], exclusions: [] },
      organiser,
    );
    expect(refused.timeLimitSec).toBeDefined();
    expect((await loadSettings(db, contest.id)).contest.timeLimitSec).toBe(contest.timeLimitSec);

    // After a start, extending the window is an amendment: it needs a reason and is published.
    const change = {
      settings: { ...current, closesAt: current.closesAt + HOUR },
      prizes: [],
      exclusions: ["0912345678"],
    };
    const unexplained = await updateQuizContest(db, contest.id, change, organiser);
    expect(vi(unexplained.amendmentReason)).toContain("cần ghi lý do");
    expect((await loadSettings(db, contest.id)).contest.closesAt).toBe(current.closesAt);
    const extended = await updateQuizContest(
      db,
      contest.id,
      { ...change, reason: "Gia hạn do mất điện ngày 20/4" },
      organiser,
    );
    expect(extended).toEqual({});
    const after = await loadSettings(db, contest.id);
    expect(after.contest.closesAt).toBe(current.closesAt + HOUR);
    expect(after.exclusions).toEqual(["0912345678"]);
    // The thể lệ follows: the new window is in it.
    expect(after.contest.rules).toContain(formatDateTime(current.closesAt + HOUR));
    const log = await db.select().from(auditLog).where(eq(auditLog.action, "contest.amend"));
    expect(log).toHaveLength(1);
    const amendments = await listAmendments(db, contest.id);
    expect(amendments).toHaveLength(1);
    expect(amendments[0].reason).toBe("Gia hạn do mất điện ngày 20/4");
    expect(amendments[0].changes.map((c) => c.field)).toEqual([
      "Thời điểm kết thúc",
      "Danh sách không xét giải",
    ]);

    expect((await unpublishContest(db, contest.id, organiser)).map(vi)).toEqual([
      "Không thể hủy công bố: đã có người bắt đầu làm bài.",
    ]);
  });

  it("after the close, the rules change no more: no exclusions or prizes added to move the winners", async () => {
    const now = Date.now();
    const contest = await createContest(db, { opensAt: now - 48 * HOUR, closesAt: now - HOUR });
    const resident = await createUser(db);
    const problems = await updateQuizContest(
      db,
      contest.id,
      {
        settings: pickSettings(contest),
        prizes: [{ category: "individual", rank: 1, label: "Nhất", count: 1, amount: 9_999_000 }],
        exclusions: [resident.phone],
        reason: "Thêm người không xét giải",
      },
      organiser,
    );
    expect(vi(problems.title)).toContain("đã kết thúc");
    const after = await loadSettings(db, contest.id);
    expect([after.prizes.length, after.exclusions.length]).toEqual([0, 0]);
  });

  it("keeps the thể lệ in step with the settings: regenerated when untouched, refused when a hand edit would go stale", async () => {
    const contest = await createContest(db, { state: "draft" });
    const current = pickSettings(contest);
    await updateQuizContest(db, contest.id, { settings: current, prizes: [], exclusions: [] }, organiser);
    const generated = (await loadSettings(db, contest.id)).contest.rules;
    expect(generated).toContain(formatDateTime(current.closesAt));
    // Plain "Lưu" with a new window: the generated text follows it.
    const later = { ...current, rules: generated, closesAt: current.closesAt + 24 * HOUR };
    expect(
      await updateQuizContest(db, contest.id, { settings: later, prizes: [], exclusions: [] }, organiser),
    ).toEqual({});
    const regenerated = (await loadSettings(db, contest.id)).contest.rules;
    expect(regenerated).toContain(formatDateTime(later.closesAt));
    // A hand-edited thể lệ is never silently left with the old window.
    const edited = `${regenerated}\nGhi chú thêm của ban tổ chức.`;
    await updateQuizContest(
      db,
      contest.id,
      { settings: { ...later, rules: edited }, prizes: [], exclusions: [] },
      organiser,
    );
    const stale = await updateQuizContest(
      db,
      contest.id,
      { settings: { ...later, rules: edited, closesAt: later.closesAt + HOUR }, prizes: [], exclusions: [] },
      organiser,
    );
    expect(vi(stale.rules)).toContain("sửa tay");
  });

  it("publishes a valid draft, and clones it a week later as a new draft", async () => {
    const draft = await createContest(db, {
      state: "draft",
      draw: { mode: "category", rules: [{ category: "CCHC", count: 3 }] },
    });
    expect(await publishContest(db, draft.id, organiser)).toEqual([]);
    const copyId = await cloneContest(db, draft.id, organiser);
    const [copy] = await db.select().from(contests).where(eq(contests.id, copyId));
    expect(copy).toMatchObject({
      state: "draft",
      slug: `${draft.slug}-ban-sao`,
      opensAt: draft.opensAt + 7 * 24 * HOUR,
    });
    expect(copy.rules).toContain("Số lần dự thi");
  });

  it("keeps the audit log append-only", async () => {
    const draft = await createContest(db, {
      state: "draft",
      draw: { mode: "category", rules: [{ category: "CCHC", count: 3 }] },
    });
    await publishContest(db, draft.id, organiser);
    await expect(db.update(auditLog).set({ action: "x" })).rejects.toThrow();
    await expect(db.delete(auditLog)).rejects.toThrow();
  });
});

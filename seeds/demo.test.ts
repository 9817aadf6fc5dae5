import { and, count, countDistinct, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attempts, contests, questions, teamMembers, units, users, wards } from "../db/schema";
import { contestStatus, listPrizes, listPublicContests } from "../app/models/contest.server";
import { teamOfMember } from "../app/models/team-entries.server";
import { authenticate } from "../app/models/sign-in.server";
import { currentResults } from "../app/models/results.server";
import { createTestDb } from "../tests/setup/test-db";
import { DEMO_PASSWORD, demoAccounts, isEmpty, seedDemo, seedDemoIfEmpty } from "./demo";
import { seedQuestions } from "./questions";

describe("demo data", () => {
  it("reproduces the ward, its 2022 contest and the current contests", async () => {
    const { db } = await createTestDb();
    expect(await isEmpty(db)).toBe(true);
    const now = Date.UTC(2026, 10, 23, 3, 0);
    const { contest2022Id } = await seedDemo(db, now);
    expect(await isEmpty(db)).toBe(false);

    const unitRows = await db.select().from(units);
    expect(unitRows).toHaveLength(25);
    expect(unitRows.filter((u) => u.kind === "to_dan_pho")).toHaveLength(21);

    const [{ n: activeQuestions }] = await db
      .select({ n: count() })
      .from(questions)
      .where(eq(questions.status, "active"));
    expect(activeQuestions).toBeGreaterThanOrEqual(60);

    const [entries] = await db
      .select({ entries: count(), units: countDistinct(users.unitId) })
      .from(attempts)
      .innerJoin(users, eq(users.id, attempts.userId))
      .where(and(eq(attempts.contestId, contest2022Id), isNotNull(attempts.score)));
    expect(entries).toEqual({ entries: 241, units: 20 });

    const list = await listPublicContests(db, now);
    const statuses = list.map((c) => [c.slug, c.status]);
    expect(statuses).toContainEqual(["cchc-2022", "announced"]);
    expect(statuses).toContainEqual(["cchc-cds-2026", "open"]);
    const upcoming = list.find((c) => c.slug === "tuan-1-dinh-danh-dien-tu")!;
    expect(upcoming.status).toBe("published");
    // It opens tomorrow: between 1 and 2 days from now... at 08:00 Hà Nội time.
    expect(upcoming.opensAt - now).toBeGreaterThan(0);
    expect(upcoming.opensAt - now).toBeLessThan(2 * 86_400_000);
    expect(new Date(upcoming.opensAt).getUTCHours()).toBe(1);
    const [c2022] = await db.select().from(contests).where(eq(contests.id, contest2022Id));
    expect(contestStatus(c2022, now)).toBe("announced");
    expect(new Date(c2022.opensAt).toISOString()).toBe("2022-04-05T01:00:00.000Z");
    expect(c2022.state).toBe("announced");
    const { results } = await currentResults(db, contest2022Id);
    const winners = [...results.individual, ...results.collective].filter((r) => r.prize);
    expect(winners.map((w) => w.prize!.label)).toEqual([
      "Nhất",
      "Nhì",
      "Ba",
      "Khuyến khích",
      "Khuyến khích",
      "Nhất",
      "Nhì",
      "Ba",
      "Khuyến khích",
      "Khuyến khích",
    ]);
    expect(results.totalAmount).toBe(4_000_000);

    // The open contest takes team entries: 0900000008 captains "Đội Tổ dân phố 1", with team prizes.
    const [open] = await db.select().from(contests).where(eq(contests.slug, "cchc-cds-2026"));
    expect(open.entryModes).toBe("both");
    expect(open.rules).toContain("Dự thi theo đội");
    expect(open.rules).toContain("giải đội");
    const [captain] = await db.select().from(users).where(eq(users.phone, "0900000008"));
    expect(captain.role).toBe("resident");
    const team = await teamOfMember(db, open.id, captain.id);
    expect(team).toMatchObject({ name: "Đội Tổ dân phố 1", unitName: "Tổ dân phố 1", isCaptain: true });
    const members = await db.select().from(teamMembers).where(eq(teamMembers.teamId, team!.id));
    expect(members.length).toBeGreaterThanOrEqual(3);
    const teamPrizes = (await listPrizes(db, [open.id])).filter((p) => p.category === "team");
    expect(teamPrizes.map((p) => p.label)).toEqual(["Nhất", "Nhì", "Ba"]);
  });

  it("loads once when two app servers start together, with a demo account per role and the documented password", async () => {
    const { db } = await createTestDb();
    expect((await Promise.all([seedDemoIfEmpty(db), seedDemoIfEmpty(db)])).sort()).toEqual([false, true]);
    expect(await seedDemoIfEmpty(db)).toBe(false);
    expect(await db.select().from(wards)).toHaveLength(1);
    expect(new Set(demoAccounts.map((a) => a.role))).toEqual(
      new Set(["resident", "organiser", "committee", "judge", "admin"]),
    );
    for (const account of demoAccounts) {
      expect(await authenticate(db, account.phone, DEMO_PASSWORD)).not.toBeNull();
    }
  });
});

describe("the seed question bank", () => {
  it("has well-formed questions: 2–6 options, one answer for single and true/false, unique codes", () => {
    expect(new Set(seedQuestions.map((q) => q.code)).size).toBe(seedQuestions.length);
    for (const q of seedQuestions) {
      expect(q.options.length, q.code).toBeGreaterThanOrEqual(2);
      expect(q.options.length, q.code).toBeLessThanOrEqual(6);
      const correct = q.options.filter((o) => o.correct).length;
      if (q.kind === "multiple") expect(correct, q.code).toBeGreaterThanOrEqual(1);
      else expect(correct, q.code).toBe(1);
      if (q.kind === "true_false")
        expect(
          q.options.map((o) => o.text),
          q.code,
        ).toEqual(["Đúng", "Sai"]);
    }
  });
});

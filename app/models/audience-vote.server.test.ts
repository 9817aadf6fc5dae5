import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, contests, stageAudienceVotes, stageParts, teams, type Role } from "#db/schema";
import { createContest, createUnit, createUser, createWard } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import {
  audienceTally,
  audienceVoteResults,
  castAudienceVote,
  closeAudienceVote,
  myAudienceVote,
  openAudienceVote,
  projectorAudienceVote,
} from "./audience-vote.server";
import { approveLock, announce, disqualify } from "./results.server";
import { saveKnowledgeMarks, setPartClosed } from "./stage-judging.server";

let db: Db;
let unitId: number;
const staff = {} as Record<Exclude<Role, "resident">, { id: number; role: Role }>;

beforeAll(async () => {
  ({ db } = await createTestDb());
  const ward = await createWard(db);
  unitId = (await createUnit(db, { wardId: ward.id, name: "Tổ dân phố 5" })).id;
  for (const role of ["organiser", "committee", "judge", "admin"] as const)
    staff[role] = { id: (await createUser(db, { role })).id, role };
});

/** A resident's account: any signed-in person may vote once. */
async function resident() {
  const user = await createUser(db);
  return { id: user.id, role: user.role };
}

/**
 * A published stage contest with `n` teams (Đội số 1…n) and, unless told
 * otherwise, an audience vote held but not opened.
 */
async function stage(n = 3, values: Partial<typeof contests.$inferInsert> = {}) {
  const contest = await createContest(db, {
    kind: "stage",
    entryModes: "team",
    stageAggregation: "mean",
    audienceVote: true,
    ...values,
  });
  const rows = await db
    .insert(teams)
    .values(
      Array.from({ length: n }, (_, i) => ({
        contestId: contest.id,
        number: i + 1,
        name: `Đội số ${i + 1}`,
        nameKey: `đội số ${i + 1}`,
        unitId,
      })),
    )
    .returning({ id: teams.id });
  const teamIds = rows.map((r) => r.id);
  return { contest, teamIds };
}

const open = (contestId: number, now?: number) =>
  openAudienceVote(db, { contestId, actor: staff.organiser }, now);
const close = (contestId: number, now?: number) =>
  closeAudienceVote(db, { contestId, actor: staff.organiser }, now);
const vote = (contestId: number, teamId: number, user: { id: number; role: Role }) =>
  castAudienceVote(db, { contestId, teamId, user });
const counts = async (contestId: number) => (await audienceTally(db, contestId)).votes.map((v) => v.votes);

describe("who may open and close the vote", () => {
  it("lets organisers and admins give the cue, and refuses residents, judges and the committee", async () => {
    const { contest } = await stage();
    for (const actor of [await resident(), staff.judge, staff.committee])
      await expect(openAudienceVote(db, { contestId: contest.id, actor })).rejects.toMatchObject({
        code: "error.forbidden",
        status: 403,
      });
    await openAudienceVote(db, { contestId: contest.id, actor: staff.admin });
    for (const actor of [await resident(), staff.judge, staff.committee])
      await expect(closeAudienceVote(db, { contestId: contest.id, actor })).rejects.toMatchObject({
        code: "error.forbidden",
      });
    await closeAudienceVote(db, { contestId: contest.id, actor: staff.organiser });
    expect((await audienceTally(db, contest.id)).state).toBe("closed");
  });

  it("lets any signed-in account vote, whatever its role", async () => {
    const { contest, teamIds } = await stage();
    await open(contest.id);
    for (const user of [await resident(), staff.judge, staff.committee, staff.organiser, staff.admin])
      await vote(contest.id, teamIds[0], user);
    expect(await counts(contest.id)).toEqual([5, 0, 0]);
  });

  it("records opening and closing in the audit log, with the count at closing", async () => {
    const { contest, teamIds } = await stage();
    await open(contest.id);
    await vote(contest.id, teamIds[1], await resident());
    await close(contest.id);
    const rows = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(contest.id)));
    const actions = rows.filter((r) => r.action.startsWith("stage.vote."));
    expect(actions.map((r) => [r.action, r.actorUserId])).toEqual([
      ["stage.vote.open", staff.organiser.id],
      ["stage.vote.close", staff.organiser.id],
      ["stage.vote.tally", staff.organiser.id],
    ]);
    expect(actions[2].after).toEqual({
      total: 1,
      votes: [
        [1, 0],
        [2, 1],
        [3, 0],
      ],
    });
  });
});

describe("one vote per account", () => {
  it("counts an account once: a later vote while open replaces the earlier one", async () => {
    const { contest, teamIds } = await stage();
    await open(contest.id);
    const [an, binh] = [await resident(), await resident()];
    await vote(contest.id, teamIds[0], an);
    await vote(contest.id, teamIds[0], binh);
    expect(await vote(contest.id, teamIds[1], an)).toMatchObject({ teamName: "Đội số 2", replaced: true });
    // The same team again changes nothing.
    await vote(contest.id, teamIds[1], an);
    expect(await counts(contest.id)).toEqual([1, 1, 0]);
    expect((await audienceTally(db, contest.id)).total).toBe(2);
    expect(await myAudienceVote(db, contest.id, an.id)).toBe(teamIds[1]);
    const rows = await db
      .select()
      .from(stageAudienceVotes)
      .where(and(eq(stageAudienceVotes.contestId, contest.id), eq(stageAudienceVotes.userId, an.id)));
    expect(rows).toHaveLength(1);
  });

  it("counts many accounts voting at once, each once", async () => {
    const { contest, teamIds } = await stage(2);
    await open(contest.id);
    const people = await Promise.all(Array.from({ length: 12 }, () => resident()));
    await Promise.all(people.map((p, i) => vote(contest.id, teamIds[i % 2], p)));
    await Promise.all(people.slice(0, 4).map((p) => vote(contest.id, teamIds[0], p)));
    expect(await counts(contest.id)).toEqual([8, 4]);
  });
});

describe("votes refused, each with its message", () => {
  it("refuses a vote in a contest that holds none", async () => {
    const { contest, teamIds } = await stage(2, { audienceVote: false });
    await expect(vote(contest.id, teamIds[0], await resident())).rejects.toMatchObject({
      code: "audienceVote.off",
    });
    await expect(open(contest.id)).rejects.toMatchObject({ code: "audienceVote.off" });
  });

  it("refuses a vote before the organiser opens it and after it is closed", async () => {
    const { contest, teamIds } = await stage(2);
    const an = await resident();
    await expect(vote(contest.id, teamIds[0], an)).rejects.toMatchObject({ code: "audienceVote.notOpen" });
    await open(contest.id);
    await vote(contest.id, teamIds[0], an);
    await close(contest.id);
    // Neither a new vote nor a change of an earlier one.
    await expect(vote(contest.id, teamIds[1], an)).rejects.toMatchObject({
      code: "audienceVote.closedRefused",
      status: 409,
    });
    await expect(vote(contest.id, teamIds[1], await resident())).rejects.toMatchObject({
      code: "audienceVote.closedRefused",
    });
    expect(await counts(contest.id)).toEqual([1, 0]);
  });

  it("refuses a team of another contest, and a disqualified team", async () => {
    const { contest, teamIds } = await stage(2);
    const other = await stage(1);
    await open(contest.id);
    await expect(vote(contest.id, other.teamIds[0], await resident())).rejects.toMatchObject({
      code: "audienceVote.noTeam",
      status: 422,
    });
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "team",
      targetId: String(teamIds[1]),
      reason: "Vi phạm thể lệ",
      actor: staff.committee,
    });
    await expect(vote(contest.id, teamIds[1], await resident())).rejects.toMatchObject({
      code: "audienceVote.teamDisqualified",
    });
  });

  it("opens only a published contest's vote, and closing an unopened vote says so", async () => {
    const { contest } = await stage(2, { state: "draft" });
    await expect(open(contest.id)).rejects.toMatchObject({ code: "audienceVote.draft" });
    await expect(close(contest.id)).rejects.toMatchObject({ code: "audienceVote.notOpenToClose" });
  });
});

describe("closing and reopening", () => {
  it("stamps the closing time; reopening before the lock keeps the votes and is audited", async () => {
    const { contest, teamIds } = await stage(2);
    await open(contest.id, 1_000);
    await vote(contest.id, teamIds[0], await resident());
    await close(contest.id, 2_000);
    expect(await audienceTally(db, contest.id)).toMatchObject({
      state: "closed",
      openedAt: 1_000,
      closedAt: 2_000,
    });
    expect(await open(contest.id, 3_000)).toEqual({ reopened: true });
    expect(await audienceTally(db, contest.id)).toMatchObject({ state: "open", closedAt: null, total: 1 });
    const [reopen] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "stage.vote.reopen"), eq(auditLog.entityId, String(contest.id))));
    expect(reopen).toMatchObject({ actorUserId: staff.organiser.id, before: { closedAt: 2_000 } });
    // Pressed on a second device: no second opening.
    expect(await open(contest.id)).toEqual({ reopened: false });
  });
});

describe("once the results are locked", () => {
  /** A contest of one knowledge part, scored and closed, locked by the committee with its vote as it stands. */
  async function lockedWithVotes(closeFirst: boolean) {
    const { contest, teamIds } = await stage(2);
    const [part] = await db
      .insert(stageParts)
      .values({
        contestId: contest.id,
        position: 1,
        name: "Kiến thức",
        maxScore: 10,
        scoring: "knowledge",
        knowledgeQuestions: 2,
        knowledgePoints: 5,
      })
      .returning();
    await open(contest.id);
    const voters = [await resident(), await resident(), await resident()];
    await vote(contest.id, teamIds[0], voters[0]);
    await vote(contest.id, teamIds[1], voters[1]);
    if (closeFirst) await close(contest.id);
    await saveKnowledgeMarks(db, {
      contestId: contest.id,
      partId: part.id,
      right: { 1: [teamIds[0]], 2: [teamIds[0], teamIds[1]] },
      actor: staff.organiser,
    });
    await setPartClosed(db, { contestId: contest.id, partId: part.id, closed: true, actor: staff.committee });
    expect(await approveLock(db, contest.id, staff.committee)).toMatchObject({ locked: true });
    return { contest, teamIds, voters };
  }

  it("refuses every vote and every change to the vote's state, and the tally stays as locked", async () => {
    const { contest, teamIds, voters } = await lockedWithVotes(true);
    const before = await audienceTally(db, contest.id);
    await expect(vote(contest.id, teamIds[0], voters[1])).rejects.toMatchObject({
      code: "audienceVote.locked",
      status: 409,
    });
    await expect(vote(contest.id, teamIds[0], voters[2])).rejects.toMatchObject({
      code: "audienceVote.locked",
    });
    await expect(open(contest.id)).rejects.toMatchObject({ code: "audienceVote.locked" });
    await expect(close(contest.id)).rejects.toMatchObject({ code: "audienceVote.locked" });
    await announce(db, contest.id, staff.committee);
    await expect(open(contest.id)).rejects.toMatchObject({ code: "audienceVote.locked" });
    await expect(vote(contest.id, teamIds[1], voters[0])).rejects.toMatchObject({
      code: "audienceVote.locked",
    });
    const after = await audienceTally(db, contest.id);
    expect(after.votes).toEqual(before.votes);
    expect([after.openedAt, after.closedAt]).toEqual([before.openedAt, before.closedAt]);
  });

  it("ends a vote the organiser left open: nothing more is counted and the prize is settled", async () => {
    const { contest, teamIds, voters } = await lockedWithVotes(false);
    const tally = await audienceTally(db, contest.id);
    expect(tally).toMatchObject({ state: "closed", open: false, final: true, closedAt: null, total: 2 });
    // One vote each: the two teams share the prize.
    expect(tally.winners.map((w) => w.name)).toEqual(["Đội số 1", "Đội số 2"]);
    await expect(vote(contest.id, teamIds[0], voters[2])).rejects.toMatchObject({
      code: "audienceVote.locked",
    });
  });
});

describe("the prize", () => {
  it("goes to the team with most votes once the vote is closed, not before", async () => {
    const { contest, teamIds } = await stage(4);
    await open(contest.id);
    for (const team of [2, 2, 2, 0, 3]) await vote(contest.id, teamIds[team], await resident());
    const live = await audienceTally(db, contest.id);
    expect(live.leaders.map((l) => l.name)).toEqual(["Đội số 3"]);
    expect(live.winners).toEqual([]);
    const closed = await close(contest.id);
    expect(closed.winners).toEqual([{ teamId: teamIds[2], name: "Đội số 3", votes: 3 }]);
  });

  it("is shared by teams tied on most votes", async () => {
    const { contest, teamIds } = await stage(3);
    await open(contest.id);
    for (const team of [0, 2, 0, 2, 1]) await vote(contest.id, teamIds[team], await resident());
    await close(contest.id);
    const tally = await audienceTally(db, contest.id);
    expect(tally.winners.map((w) => [w.name, w.votes])).toEqual([
      ["Đội số 1", 2],
      ["Đội số 3", 2],
    ]);
  });

  it("is not given when nobody voted", async () => {
    const { contest } = await stage(3);
    await open(contest.id);
    await close(contest.id);
    expect(await audienceTally(db, contest.id)).toMatchObject({ total: 0, winners: [], leaders: [] });
  });

  it("is not given to a disqualified team, which the next team then wins", async () => {
    const { contest, teamIds } = await stage(2);
    await open(contest.id);
    for (const team of [0, 0, 1]) await vote(contest.id, teamIds[team], await resident());
    await close(contest.id);
    await disqualify(db, {
      contestId: contest.id,
      targetKind: "team",
      targetId: String(teamIds[0]),
      reason: "Vi phạm thể lệ",
      actor: staff.committee,
    });
    expect((await audienceTally(db, contest.id)).winners.map((w) => w.name)).toEqual(["Đội số 2"]);
  });
});

describe("what the results and the projector publish", () => {
  it("gives results.json's audienceVote: votes per team by name, the total and the winners' names", async () => {
    const { contest, teamIds } = await stage(3);
    await open(contest.id);
    for (const team of [1, 1, 0]) await vote(contest.id, teamIds[team], await resident());
    await close(contest.id);
    const results = await audienceVoteResults(db, contest);
    expect({ votes: results?.votes, total: results?.total, winners: results?.winners }).toEqual({
      votes: [
        { team: "Đội số 1", votes: 1 },
        { team: "Đội số 2", votes: 2 },
        { team: "Đội số 3", votes: 0 },
      ],
      total: 3,
      winners: ["Đội số 2"],
    });
    // A contest without a vote, or a quiz, has none.
    expect(await audienceVoteResults(db, (await stage(1, { audienceVote: false })).contest)).toBeNull();
    expect(await audienceVoteResults(db, await createContest(db))).toBeNull();
  });

  it("shows the projector nothing before opening, the QR code of the voting page while open, the prize after", async () => {
    const { contest, teamIds } = await stage(2);
    const origin = "https://hoithi.example.vn";
    expect(await projectorAudienceVote(db, contest, origin)).toBeNull();
    await open(contest.id);
    await vote(contest.id, teamIds[1], await resident());
    const live = await projectorAudienceVote(db, contest, origin);
    expect(live).toMatchObject({
      open: true,
      url: `${origin}/contests/${contest.slug}/vote`,
      total: 1,
      teams: [
        { name: "Đội số 1", votes: 0 },
        { name: "Đội số 2", votes: 1 },
      ],
    });
    expect(live?.qrSvg).toMatch(/^<svg[^>]*viewBox/);
    await close(contest.id);
    expect(await projectorAudienceVote(db, contest, origin)).toMatchObject({
      open: false,
      qrSvg: null,
      winners: ["Đội số 2"],
      top: 1,
    });
  });
});

import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, teamMembers, teams } from "#db/schema";
import { createContest, createUnit, createUser, createWard } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { translate } from "~/utils/i18n";
import type { Actor } from "~/utils/permissions.server";
import { saveJudgeScore } from "./stage-judging.server";
import { savePart } from "./stage-parts.server";
import { setJudges } from "./stage.server";
import { addMember, createTeam, listTeams, teamNameKey, updateTeam } from "./teams.server";

let db: Db;
let organiser: Actor;
let units: { id: number }[];
const DAY = 24 * 60 * 60 * 1000;

beforeEach(async () => {
  ({ db } = await createTestDb());
  const ward = await createWard(db);
  units = [
    await createUnit(db, { wardId: ward.id, name: "Tổ dân phố 1" }),
    await createUnit(db, { wardId: ward.id, name: "Trường THCS" }),
  ];
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
});

/** A stage contest that starts in ten days, so its teams can still be renamed. */
const upcoming = () =>
  createContest(db, {
    kind: "stage",
    entryModes: "team",
    opensAt: Date.now() + 10 * DAY,
    closesAt: Date.now() + 11 * DAY,
  });

const message = (error: unknown) => {
  const e = error as { code: Parameters<typeof translate>[1]; vars?: Record<string, string> };
  return translate("vi", e.code, e.vars);
};

describe("team names", () => {
  it("“Đội Tổ 1” and “đội tổ 1” are the same name in a contest, Vietnamese capitals included", async () => {
    const contest = await upcoming();
    await createTeam(db, contest.id, { unitId: null, name: "Đội Tổ 1" }, organiser);
    for (const name of ["đội tổ 1", "ĐỘI TỔ 1", "  Đội   Tổ 1 ", "Đội Tổ 1".normalize("NFD")])
      await expect(createTeam(db, contest.id, { unitId: null, name }, organiser), name).rejects.toMatchObject(
        {
          code: "teams.duplicateName",
        },
      );
    // Different letters are different names, and another contest may use the same one.
    await createTeam(db, contest.id, { unitId: null, name: "Đội Tổ 2" }, organiser);
    await createTeam(db, (await upcoming()).id, { unitId: null, name: "đội tổ 1" }, organiser);
    expect(teamNameKey("ĐỘI TỔ 1")).toBe(teamNameKey("đội tổ 1"));
  });

  it("the database refuses a second team with the same name key, whoever writes it", async () => {
    const contest = await upcoming();
    await createTeam(db, contest.id, { unitId: null, name: "Đội Hoa Sen" }, organiser);
    await expect(
      db.insert(teams).values({
        contestId: contest.id,
        number: 9,
        name: "ĐỘI HOA SEN",
        nameKey: teamNameKey("ĐỘI HOA SEN"),
      }),
    ).rejects.toThrow();
  });

  it("a team is renamed and moved to another unit before the contest starts, and the change is audited", async () => {
    const contest = await upcoming();
    await createTeam(db, contest.id, { unitId: units[0].id, name: "" }, organiser);
    await createTeam(db, contest.id, { unitId: null, name: "Đội Hoa Sen" }, organiser);
    const [first] = await listTeams(db, contest.id);
    expect(first.name).toBe("Đội số 1");

    await expect(
      updateTeam(db, contest.id, first.id, { unitId: units[1].id, name: "đội hoa sen" }, organiser),
    ).rejects.toMatchObject({ code: "teams.duplicateName" });
    await updateTeam(db, contest.id, first.id, { unitId: units[1].id, name: "Đội Măng Non" }, organiser);
    // Changing only the case of its own name is allowed.
    await updateTeam(db, contest.id, first.id, { unitId: units[1].id, name: "Đội măng non" }, organiser);
    const [renamed] = await listTeams(db, contest.id);
    expect(renamed).toMatchObject({ name: "Đội măng non", unitId: units[1].id, unitName: "Trường THCS" });
    await updateTeam(db, contest.id, first.id, { unitId: null, name: "Đội măng non" }, organiser);
    expect((await listTeams(db, contest.id))[0].unitId).toBeNull();
    await expect(
      updateTeam(db, contest.id, first.id, { unitId: 999_999, name: "X" }, organiser),
    ).rejects.toMatchObject({ code: "teams.unknownUnit" });
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "team.update"));
    expect(audit).toHaveLength(3);
  });

  it("once the contest has started (opening time, or a first score) the name and unit stay", async () => {
    const open = await createContest(db, { kind: "stage", entryModes: "team" });
    await createTeam(db, open.id, { unitId: null, name: "Đội A" }, organiser);
    const [team] = await listTeams(db, open.id);
    const refused = await updateTeam(db, open.id, team.id, { unitId: null, name: "Đội B" }, organiser).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "teams.startedNoRename", status: 409 });
    expect(message(refused)).toBe("Hội thi đã bắt đầu: không thể đổi tên hay đơn vị của đội.");

    // Before its opening time, but a judge has already scored.
    const early = await upcoming();
    await savePart(
      db,
      early.id,
      null,
      {
        name: "Chào hỏi",
        maxScore: 20,
        scoring: "judges",
        timeLimitSec: null,
        overtimePenaltyPerMin: null,
        isTieBreak: false,
        knowledgeQuestions: null,
        knowledgePoints: null,
        knowledgeMode: "all",
        criteria: [],
      },
      organiser,
    );
    await createTeam(db, early.id, { unitId: null, name: "Đội C" }, organiser);
    const judge = await createUser(db, { role: "judge" });
    await setJudges(db, early.id, [judge.id], organiser);
    const [c] = await listTeams(db, early.id);
    const [part] = await db.all<{ id: number }>(
      sql`SELECT id FROM stage_parts WHERE contest_id = ${early.id}`,
    );
    await updateTeam(db, early.id, c.id, { unitId: null, name: "Đội C1" }, organiser);
    await saveJudgeScore(db, {
      contestId: early.id,
      partId: part.id,
      teamId: c.id,
      judge: { id: judge.id, role: "judge" },
      values: { total: 15 },
      comment: "",
    });
    await expect(
      updateTeam(db, early.id, c.id, { unitId: null, name: "Đội C2" }, organiser),
    ).rejects.toMatchObject({ code: "teams.startedNoRename" });
  });
});

describe("team members", () => {
  it("a person is in at most one team of a contest, with a message naming the team", async () => {
    const contest = await upcoming();
    await createTeam(db, contest.id, { unitId: null, name: "Đội Một" }, organiser);
    await createTeam(db, contest.id, { unitId: null, name: "Đội Hai" }, organiser);
    const [one, two] = await listTeams(db, contest.id);
    const person = await createUser(db, { fullName: "Trần Thị Bình", phone: "0912345678" });
    await addMember(db, one.id, { phone: "0912345678", name: "" }, organiser);

    const twice = await addMember(db, one.id, { phone: "0912345678", name: "" }, organiser).catch(
      (e: unknown) => e,
    );
    expect(twice).toMatchObject({ code: "teams.personInTeam", status: 422 });
    const other = await addMember(db, two.id, { phone: "0912345678", name: "" }, organiser).catch(
      (e: unknown) => e,
    );
    expect(message(other)).toBe(
      "Trần Thị Bình đã là thành viên của Đội Một trong cuộc thi này; mỗi người chỉ ở một đội.",
    );
    // Another contest is another matter.
    const next = await upcoming();
    await createTeam(db, next.id, { unitId: null, name: "Đội Một" }, organiser);
    await addMember(db, (await listTeams(db, next.id))[0].id, { phone: "0912345678", name: "" }, organiser);

    const rows = await db.select().from(teamMembers).where(eq(teamMembers.userId, person.id));
    expect(rows).toHaveLength(2);
  });

  it("the database refuses a second team for a person and a member listed twice, whoever writes it", async () => {
    const contest = await upcoming();
    await createTeam(db, contest.id, { unitId: null, name: "Đội Một" }, organiser);
    await createTeam(db, contest.id, { unitId: null, name: "Đội Hai" }, organiser);
    const [one, two] = await listTeams(db, contest.id);
    const person = await createUser(db, { fullName: "Lê Văn Cường" });
    await db
      .insert(teamMembers)
      .values({ teamId: one.id, userId: person.id, displayName: "Lê Văn Cường", nameKey: `u:${person.id}` });
    await expect(
      db.insert(teamMembers).values({
        teamId: two.id,
        userId: person.id,
        displayName: "Lê Văn Cường",
        nameKey: `u:${person.id}`,
      }),
    ).rejects.toThrow();
    await db.insert(teamMembers).values({ teamId: one.id, userId: null, displayName: "An", nameKey: "n:an" });
    await expect(
      db.insert(teamMembers).values({ teamId: one.id, userId: null, displayName: "An", nameKey: "n:an" }),
    ).rejects.toThrow();
  });

  it("a performer without an account is listed once per team, Vietnamese capitals included", async () => {
    const contest = await upcoming();
    await createTeam(db, contest.id, { unitId: null, name: "Đội Một" }, organiser);
    await createTeam(db, contest.id, { unitId: null, name: "Đội Hai" }, organiser);
    const [one, two] = await listTeams(db, contest.id);
    await addMember(db, one.id, { phone: null, name: "Nguyễn Văn Đức" }, organiser);
    await expect(
      addMember(db, one.id, { phone: null, name: "NGUYỄN VĂN ĐỨC" }, organiser),
    ).rejects.toMatchObject({
      code: "teams.memberDuplicate",
    });
    // Two people of the same name in two teams are two people.
    await addMember(db, two.id, { phone: null, name: "Nguyễn Văn Đức" }, organiser);
    // The account of someone already typed in by name is most likely the same person.
    await createUser(db, { fullName: "Nguyễn Văn Đức", phone: "0987654321" });
    await expect(addMember(db, one.id, { phone: "0987654321", name: "" }, organiser)).rejects.toMatchObject({
      code: "teams.memberDuplicate",
    });
    expect((await listTeams(db, contest.id)).map((t) => t.members.length)).toEqual([1, 1]);
  });
});

describe("migration 0011", () => {
  it("keys existing teams and members, Vietnamese capitals included, without failing on the duplicates it fixes", async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { openDatabase } = await import("#db/client");
    const { migrate } = await import("drizzle-orm/libsql/migrator");
    const dir = mkdtempSync(path.join(tmpdir(), "hoithi-0011-"));
    const before = path.join(dir, "migrations");
    cpSync("db/migrations", before, { recursive: true });
    const journalFile = path.join(before, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === "0011_team_rules");
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));

    const { db: old, client } = await openDatabase(`file:${path.join(dir, "old.db")}`);
    await migrate(old, { migrationsFolder: before });
    const ward = await createWard(old);
    const unit = await createUnit(old, { wardId: ward.id });
    const person = await createUser(old, { fullName: "Phạm Thị Dung", unitId: unit.id });
    // Raw SQL: the factory writes today's columns, which a database at 0010 does not have yet.
    const now = Date.now();
    const contest = (
      await client.execute({
        sql: `INSERT INTO contests (slug, kind, title, ward_name, opens_at, closes_at, draw, entry_modes)
              VALUES ('hoi-dien-0011', 'stage', 'Hội diễn 0011', 'Phường Hòa Thuận', ?, ?, '{"mode":"category","rules":[]}', 'team')
              RETURNING id`,
        args: [now, now + 86_400_000],
      })
    ).rows[0] as unknown as { id: number };
    // What the old code let through: names differing only in Vietnamese capitals, members twice.
    await client.execute({
      sql: "INSERT INTO teams (contest_id, number, name) VALUES (?, 1, 'Đội Tổ 1'), (?, 2, 'đội tổ 1'), (?, 3, 'ĐỘI SEN')",
      args: [contest.id, contest.id, contest.id],
    });
    await client.execute({
      sql: `INSERT INTO team_members (team_id, user_id, display_name)
            SELECT id, ?, 'Phạm Thị Dung' FROM teams WHERE number IN (1, 2)
            UNION ALL SELECT id, NULL, 'Lan' FROM teams WHERE number = 3
            UNION ALL SELECT id, NULL, 'LAN' FROM teams WHERE number = 3`,
      args: [person.id],
    });
    await migrate(old, { migrationsFolder: "db/migrations" });

    const keyed = await old
      .select({ number: teams.number, nameKey: teams.nameKey })
      .from(teams)
      .orderBy(teams.number);
    expect(keyed.map((t) => t.nameKey)).toEqual([
      "đội tổ 1",
      `đội tổ 1#${(await listTeams(old, contest.id))[1].id}`,
      "đội sen",
    ]);
    const members = await old.select({ nameKey: teamMembers.nameKey }).from(teamMembers);
    expect(members.map((m) => m.nameKey.replace(/#\d+$/, "#"))).toEqual([
      `u:${person.id}`,
      `u:${person.id}`,
      "n:lan",
      "n:lan#",
    ]);
    // From now on, the database keeps them apart.
    await expect(
      old
        .insert(teams)
        .values({ contestId: contest.id, number: 4, name: "Đội sen", nameKey: teamNameKey("Đội sen") }),
    ).rejects.toThrow();
    client.close();
  });
});

import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { attempts, auditLog, sessions, users } from "#db/schema";
import {
  createContest,
  createFinishedAttempts,
  createUnit,
  createUser,
  createWard,
  TEST_PASSWORD,
} from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { createSession, sessionIdHash } from "~/utils/session.server";
import { authenticate } from "./sign-in.server";
import { resetPassword } from "./staff-accounts.server";
import { assistExistingResident } from "./assisted-entry.server";
import { changeOwnPassword, getProfile, updateProfile } from "./own-account.server";

let db: Db;
let unitA: number;
let unitB: number;

beforeEach(async () => {
  ({ db } = await createTestDb());
  const ward = await createWard(db);
  unitA = (await createUnit(db, { wardId: ward.id, name: "Tổ dân phố 1" })).id;
  unitB = (await createUnit(db, { wardId: ward.id, name: "Tổ dân phố 2" })).id;
});

const me = (user: { id: number }) => ({ id: user.id, role: "resident" as const });

describe("a resident's profile", () => {
  it("name and unit can be changed before the first entry, audited with before and after", async () => {
    const person = await createUser(db, { fullName: "Nguyễn Văn Sai", unitId: unitA });
    expect((await getProfile(db, person.id)).frozenSince).toBeNull();
    await updateProfile(
      db,
      me(person),
      { fullName: "Nguyễn Văn Đúng", unitId: unitB, unitOther: null },
      "10.0.0.5",
    );
    expect(await getProfile(db, person.id)).toMatchObject({
      fullName: "Nguyễn Văn Đúng",
      unitId: unitB,
      unitName: "Tổ dân phố 2",
      frozenSince: null,
    });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "account.profile"));
    expect(row).toMatchObject({
      actorUserId: person.id,
      entityId: String(person.id),
      before: { fullName: "Nguyễn Văn Sai", unitId: unitA },
      after: { fullName: "Nguyễn Văn Đúng", unitId: unitB },
      ip: "10.0.0.5",
    });
  });

  it("is frozen from the first entry: the change is refused with 409 and nothing changes", async () => {
    const person = await createUser(db, { fullName: "Trần Thị Hoa", unitId: unitA });
    const contest = await createContest(db);
    await createFinishedAttempts(db, [
      { contestId: contest.id, userId: person.id, score: 10, submittedAt: 1_800_000_000_000 },
    ]);
    const profile = await getProfile(db, person.id);
    expect(profile.frozenSince).toBe(1_800_000_000_000 - 300_000);
    await expect(
      updateProfile(db, me(person), { fullName: "Trần Thị Khác", unitId: unitB, unitOther: null }, null),
    ).rejects.toMatchObject({ code: "profile.frozen", status: 409 });
    expect(await getProfile(db, person.id)).toMatchObject({ fullName: "Trần Thị Hoa", unitId: unitA });
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "account.profile"))).toEqual([]);
  });

  it("a practice attempt (thi thử) does not freeze them: it is never recorded", async () => {
    const person = await createUser(db, { fullName: "Hồ Văn Tập", unitId: unitA });
    const contest = await createContest(db, { practiceEnabled: true });
    const [id] = await createFinishedAttempts(db, [{ contestId: contest.id, userId: person.id, score: 5 }]);
    await db.update(attempts).set({ practice: true }).where(eq(attempts.id, id));
    expect((await getProfile(db, person.id)).frozenSince).toBeNull();
    await updateProfile(db, me(person), { fullName: "Hồ Văn Tập Sự", unitId: unitB, unitOther: null }, null);
    expect(await getProfile(db, person.id)).toMatchObject({ fullName: "Hồ Văn Tập Sự", unitId: unitB });
  });

  it("refuses a retired or unknown unit; 'Khác' keeps the typed name", async () => {
    const person = await createUser(db, { unitId: unitA });
    await expect(
      updateProfile(db, me(person), { fullName: "Lê Văn Ba", unitId: 99_999, unitOther: null }, null),
    ).rejects.toMatchObject({ code: "register.unitInvalid" });
    await updateProfile(
      db,
      me(person),
      { fullName: "Lê Văn Ba", unitId: null, unitOther: "Khu tập thể X" },
      null,
    );
    expect(await getProfile(db, person.id)).toMatchObject({ unitId: null, unitOther: "Khu tập thể X" });
  });
});

describe("changing one's own password", () => {
  it("needs the current password; the new one works, the other devices are signed out, this one stays", async () => {
    const person = await createUser(db);
    const thisDevice = await createSession(db, person.id, Date.now());
    await createSession(db, person.id, Date.now());
    const keep = await sessionIdHash(thisDevice);
    await expect(
      changeOwnPassword(
        db,
        me(person),
        { current: "sai-mat-khau", next: "mat-khau-moi-1" },
        { ip: "10.0.0.7", keepSessionHash: keep },
      ),
    ).rejects.toMatchObject({ code: "profile.currentWrong", status: 422 });
    expect(await authenticate(db, person.phone, TEST_PASSWORD)).toEqual({ id: person.id });
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(2);

    const { otherSessionsEnded } = await changeOwnPassword(
      db,
      me(person),
      { current: TEST_PASSWORD, next: "mat-khau-moi-1" },
      { ip: "10.0.0.7", keepSessionHash: keep },
    );
    expect(otherSessionsEnded).toBe(1);
    expect(await authenticate(db, person.phone, "mat-khau-moi-1")).toEqual({ id: person.id });
    expect(await authenticate(db, person.phone, TEST_PASSWORD)).toBeNull();
    const left = await db.select().from(sessions).where(eq(sessions.userId, person.id));
    expect(left.map((s) => s.idHash)).toEqual([keep]);
    const trail = (await db.select().from(auditLog)).map((r) => r.action);
    expect(trail).toEqual(["account.passwordChangeFailed", "account.passwordChanged"]);
  });

  it("clears the notice of a reset by staff once the owner chooses their own password", async () => {
    const person = await createUser(db);
    const organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" as const };
    const { password } = await resetPassword(db, person.id, organiser);
    await changeOwnPassword(
      db,
      me(person),
      { current: password, next: "mat-khau-cua-toi" },
      { ip: null, keepSessionHash: null },
    );
    const [row] = await db.select().from(users).where(eq(users.id, person.id));
    expect(row.passwordResetAt).toBeNull();
  });

  it("guessing the current password from a borrowed session meets the sign-in waits", async () => {
    const person = await createUser(db);
    const now = Date.now();
    const guess = (n: number) =>
      changeOwnPassword(
        db,
        me(person),
        { current: `doan-${n}`, next: "mat-khau-moi-1" },
        { ip: "10.0.0.8", keepSessionHash: null },
        now,
      );
    for (let n = 0; n < 10; n += 1)
      await expect(guess(n)).rejects.toMatchObject({ code: "profile.currentWrong" });
    await expect(guess(10)).rejects.toMatchObject({ code: "profile.tooManyTries", status: 429 });
    // Even the right password waits until the block ends.
    await expect(
      changeOwnPassword(
        db,
        me(person),
        { current: TEST_PASSWORD, next: "mat-khau-moi-1" },
        { ip: "10.0.0.8", keepSessionHash: null },
        now,
      ),
    ).rejects.toMatchObject({ code: "profile.tooManyTries" });
  });
});

describe("assisting a resident who already has an account", () => {
  it("needs the identity check, opens only resident accounts, and is audited", async () => {
    const organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" as const };
    const person = await createUser(db, { fullName: "Phạm Thị Bốn" });
    await expect(
      assistExistingResident(db, { phone: person.phone, identityChecked: false }, organiser),
    ).rejects.toMatchObject({ code: "assist.identityRequired", status: 422 });
    const admin = await createUser(db, { role: "admin" });
    await expect(
      assistExistingResident(db, { phone: admin.phone, identityChecked: true }, organiser),
    ).rejects.toMatchObject({ code: "assist.notResident", status: 404 });
    await expect(
      assistExistingResident(db, { phone: "0399999990", identityChecked: true }, organiser),
    ).rejects.toMatchObject({ code: "assist.notResident" });
    const resident = { id: person.id, role: "resident" as const };
    await expect(
      assistExistingResident(db, { phone: person.phone, identityChecked: true }, resident),
    ).rejects.toMatchObject({ code: "error.forbidden", status: 403 });

    expect(
      await assistExistingResident(db, { phone: person.phone, identityChecked: true }, organiser, "10.0.0.2"),
    ).toEqual({ userId: person.id, fullName: "Phạm Thị Bốn" });
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "account.assistedSignIn"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: organiser.id,
      entityId: String(person.id),
      after: { identityChecked: true },
    });
  });
});

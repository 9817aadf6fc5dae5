import { and, eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, passwordResetCodes, sessions, users } from "#db/schema";
import { createUser, TEST_PASSWORD } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { createSession } from "~/utils/session.server";
import { authenticate } from "./sign-in.server";
import { setDisabled } from "./staff-accounts.server";
import {
  CODE_MAX_FAILURES,
  CODE_TTL_MS,
  formatCode,
  issueResetCode,
  redeemResetCode,
  RESET_ADDRESS_LIMIT,
} from "./reset-codes.server";

let db: Db;
let organiser: { id: number; role: "organiser" };
const T0 = 1_800_000_000_000;
const NEW_PASSWORD = "mat-khau-moi-2026";

beforeEach(async () => {
  ({ db } = await createTestDb());
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
});

async function resident() {
  return createUser(db);
}

const issue = (userId: number, now = T0) =>
  issueResetCode(db, userId, { identityChecked: true }, organiser, "10.0.0.1", now);

const redeem = (phone: string, code: string, now = T0 + 60_000, ip = "10.0.0.9") =>
  redeemResetCode(db, { phone, code, password: NEW_PASSWORD }, ip, now);

async function actions(userId?: number) {
  const rows = await db.select().from(auditLog).orderBy(auditLog.id);
  return rows.filter((r) => userId === undefined || r.entityId === String(userId)).map((r) => r.action);
}

describe("one-time reset codes issued by ward staff", () => {
  it("a code set after checking papers sets a new password once, ends every session, and each step is audited", async () => {
    const person = await resident();
    await createSession(db, person.id, T0 - 1000);
    const { code, expiresAt } = await issue(person.id);
    expect(code).toMatch(/^\d{8}$/);
    expect(expiresAt).toBe(T0 + CODE_TTL_MS);

    // Typed as read out: "1234 5678".
    await redeem(person.phone, formatCode(code));
    expect(await authenticate(db, person.phone, NEW_PASSWORD)).toEqual({ id: person.id });
    expect(await authenticate(db, person.phone, TEST_PASSWORD)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);

    // Single use: the same code again is refused, and the password stays the one just set.
    await expect(redeem(person.phone, code, T0 + 120_000)).rejects.toMatchObject({
      code: "resetCode.invalid",
      status: 422,
    });
    expect(await authenticate(db, person.phone, NEW_PASSWORD)).toEqual({ id: person.id });
    expect(await actions(person.id)).toEqual([
      "account.resetCodeIssued",
      "account.resetCodeUsed",
      "account.resetCodeFailed",
    ]);
    const [issued] = await db.select().from(auditLog).where(eq(auditLog.action, "account.resetCodeIssued"));
    expect(issued).toMatchObject({ actorUserId: organiser.id, after: { identityChecked: true } });
    expect(JSON.stringify(issued)).not.toContain(code);
  });

  it("keeps only an argon2 hash of the code", async () => {
    const person = await resident();
    const { code } = await issue(person.id);
    const [row] = await db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, person.id));
    expect(row.codeHash).toMatch(/^\$argon2id\$/);
    expect(row.codeHash).not.toContain(code);
  });

  it("works until 30 minutes after it was issued, and not after", async () => {
    const late = await resident();
    const { code: lateCode } = await issue(late.id);
    await expect(redeem(late.phone, lateCode, T0 + CODE_TTL_MS)).rejects.toMatchObject({
      code: "resetCode.invalid",
    });
    expect(await authenticate(db, late.phone, TEST_PASSWORD)).toEqual({ id: late.id });

    const inTime = await resident();
    const { code } = await issue(inTime.id);
    await redeem(inTime.phone, code, T0 + CODE_TTL_MS - 1000);
    expect(await authenticate(db, inTime.phone, NEW_PASSWORD)).toEqual({ id: inTime.id });
  });

  it("dies after five wrong codes: the right one is refused after that", async () => {
    const person = await resident();
    const { code } = await issue(person.id);
    const wrong = code === "00000000" ? "11111111" : "00000000";
    for (let i = 0; i < CODE_MAX_FAILURES; i += 1)
      await expect(redeem(person.phone, wrong)).rejects.toMatchObject({ code: "resetCode.invalid" });
    await expect(redeem(person.phone, code)).rejects.toMatchObject({ code: "resetCode.invalid" });
    expect(await authenticate(db, person.phone, TEST_PASSWORD)).toEqual({ id: person.id });
  });

  it("counts parallel guesses too: at most five are checked", async () => {
    const person = await resident();
    const { code } = await issue(person.id);
    const wrong = code === "00000000" ? "11111111" : "00000000";
    await Promise.allSettled(Array.from({ length: 12 }, () => redeem(person.phone, wrong)));
    const [row] = await db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, person.id));
    expect(row.failures).toBe(CODE_MAX_FAILURES);
    await expect(redeem(person.phone, code)).rejects.toMatchObject({ code: "resetCode.invalid" });
  });

  it("a newer code replaces the older one", async () => {
    const person = await resident();
    const first = await issue(person.id);
    const second = await issue(person.id, T0 + 1000);
    if (first.code !== second.code)
      await expect(redeem(person.phone, first.code)).rejects.toMatchObject({ code: "resetCode.invalid" });
    await redeem(person.phone, second.code);
    expect(await authenticate(db, person.phone, NEW_PASSWORD)).toEqual({ id: person.id });
    const live = await db
      .select()
      .from(passwordResetCodes)
      .where(and(eq(passwordResetCodes.userId, person.id), eq(passwordResetCodes.usedAt, T0 + 60_000)));
    expect(live).toHaveLength(1);
  });

  it("is issued only after staff confirm they checked the identity papers", async () => {
    const person = await resident();
    await expect(
      issueResetCode(db, person.id, { identityChecked: false }, organiser, null, T0),
    ).rejects.toMatchObject({ code: "assist.identityRequired", status: 422 });
    expect(await db.select().from(passwordResetCodes)).toEqual([]);
  });

  it("an organiser issues codes for residents and judges, not for committee or admin accounts", async () => {
    const judge = await createUser(db, { role: "judge" });
    await issue(judge.id);
    for (const role of ["committee", "admin", "organiser"] as const) {
      const staff = await createUser(db, { role });
      await expect(issue(staff.id)).rejects.toMatchObject({ code: "error.forbidden", status: 403 });
    }
    const admin = { id: (await createUser(db, { role: "admin" })).id, role: "admin" as const };
    const chair = await createUser(db, { role: "committee" });
    await issueResetCode(db, chair.id, { identityChecked: true }, admin, null, T0);
  });

  it("answers an unknown phone, a phone without a code and a wrong code alike", async () => {
    const withCode = await resident();
    const { code } = await issue(withCode.id);
    const noCode = await resident();
    const outcomes = await Promise.all(
      [
        redeem("0399999999", code),
        redeem(noCode.phone, code),
        redeem(withCode.phone, code === "12345678" ? "87654321" : "12345678"),
      ].map((p) => p.catch((e: { code: string; status: number }) => [e.code, e.status])),
    );
    expect(outcomes).toEqual([
      ["resetCode.invalid", 422],
      ["resetCode.invalid", 422],
      ["resetCode.invalid", 422],
    ]);
  });

  it("a disabled account cannot be reopened with a code", async () => {
    const person = await resident();
    const { code } = await issue(person.id);
    await setDisabled(db, person.id, true, organiser, T0);
    await expect(redeem(person.phone, code)).rejects.toMatchObject({ code: "resetCode.invalid" });
  });

  it("an address that keeps sending wrong codes waits, across phones", async () => {
    const phones = Array.from({ length: RESET_ADDRESS_LIMIT }, (_, i) => `039${String(i).padStart(7, "0")}`);
    for (const phone of phones)
      await expect(redeem(phone, "12345678", T0, "10.9.9.9")).rejects.toMatchObject({
        code: "resetCode.invalid",
      });
    const person = await resident();
    const { code } = await issue(person.id);
    await expect(redeem(person.phone, code, T0 + 1000, "10.9.9.9")).rejects.toMatchObject({
      code: "resetCode.tooMany",
      status: 429,
    });
    // Another address is not held up, and the code was not spent by the refused try.
    await redeem(person.phone, code, T0 + 2000, "10.1.1.1");
    const failed = await db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ["account.resetCodeFailed"]));
    expect(failed).toHaveLength(RESET_ADDRESS_LIMIT);
    expect((await db.select().from(users).where(eq(users.id, person.id)))[0].passwordResetAt).toBeNull();
  });
});

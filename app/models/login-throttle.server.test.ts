import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, loginThrottle, type Role } from "#db/schema";
import { createUser } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import {
  ACCOUNT,
  ADDRESS,
  delayAfter,
  liftSignInLock,
  PAIR,
  pruneSignInThrottle,
  signInAbandoned,
  signInLocks,
  signInSucceeded,
  startSignIn,
} from "./login-throttle.server";

const MINUTE = 60_000;
const CHAIR = "0912345678";

/** One sign-in as the login route makes it: counted, then the password right or wrong. */
async function signIn(db: Db, phone: string, address: string, correct: boolean, now: number) {
  const started = await startSignIn(db, phone, address, now);
  if ("retryAfter" in started) return { refused: started.retryAfter };
  if (correct) await signInSucceeded(db, started.try, now);
  return { refused: null, signedIn: correct };
}

/** Wrong passwords from one address, each as soon as the wait allows; returns when the last was counted. */
async function guessPatiently(db: Db, phone: string, address: string, failures: number, from: number) {
  let now = from;
  for (let counted = 0; counted < failures;) {
    const result = await signIn(db, phone, address, false, now);
    if (result.refused === null) counted++;
    else now += result.refused * 1000;
  }
  return now;
}

describe("sign-in throttling", () => {
  it("a stranger's 30 wrong passwords for the chair's phone do not stop the chair signing in from her own address", async () => {
    const { db } = await createTestDb();
    const start = Date.now();
    // In a burst: ten are checked, the other twenty are refused without a password check.
    const burst = [];
    for (let i = 0; i < 30; i++) burst.push(await signIn(db, CHAIR, "198.51.100.9", false, start));
    expect(burst.filter((r) => r.refused === null)).toHaveLength(PAIR.free);
    expect(burst.at(-1)?.refused).toBe(60);
    // Patiently, over hours, until thirty wrong passwords were checked.
    const end = await guessPatiently(db, CHAIR, "198.51.100.9", 30 - PAIR.free, start);
    expect(await signIn(db, CHAIR, "198.51.100.9", true, end)).toMatchObject({ refused: 900 });

    // The chair, at an address she never used before and one she did, at any time of the attack.
    for (const now of [start, start + 30 * MINUTE, end]) {
      expect(await signIn(db, CHAIR, `203.0.113.${now % 200}`, true, now)).toEqual({
        refused: null,
        signedIn: true,
      });
    }
    expect(await signIn(db, CHAIR, "203.0.113.1", true, end)).toMatchObject({ signedIn: true });
  });

  it("residents sharing one address never lock each other out, and a typo-ing one waits alone", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const lab = "203.0.113.7";
    const phones = Array.from({ length: 40 }, (_, i) => `0981${String(i).padStart(6, "0")}`);
    // 99 typos spread over 40 residents; one of them types a wrong password ten times.
    const typos = [
      ...Array(10).fill(phones[0]),
      ...Array.from({ length: 89 }, (_, i) => phones[1 + (i % 39)]),
    ];
    for (const phone of typos) await signIn(db, phone, lab, false, now);
    expect(await signIn(db, phones[0], lab, true, now)).toEqual({ refused: 60 });
    // Everyone else, with typos of their own or none, signs in with the right password.
    for (const phone of [...phones.slice(1), "0987000001"])
      expect(await signIn(db, phone, lab, true, now)).toMatchObject({ signedIn: true });
    // Correct sign-ins never count: the address is still one failure under its cap.
    const [address] = await db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, `ip:${lab}`));
    expect(address.failures).toBe(ADDRESS.free - 1);
  });

  it("an address over its cap still lets in accounts that signed in from it before; others wait", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const lab = "203.0.113.8";
    await signIn(db, "0982000001", lab, true, now - 24 * 60 * MINUTE);
    // Someone in the lab tries one password on a hundred phones (guessing many accounts).
    for (let i = 0; i < ADDRESS.free; i++)
      await signIn(db, `0983${String(i).padStart(6, "0")}`, lab, false, now);
    expect(await signIn(db, "0982000001", lab, true, now + 1000)).toMatchObject({ signedIn: true });
    // A resident who never signed in here waits (the same answer whether the phone exists or not).
    expect(await signIn(db, "0982000002", lab, true, now + 1000)).toEqual({ refused: 59 });
    expect(await signIn(db, "0982000002", lab, true, now + MINUTE)).toMatchObject({ signedIn: true });
    // The same resident from any other address is not affected.
    expect(await signIn(db, "0982000003", "198.51.100.1", true, now + 1000)).toMatchObject({
      signedIn: true,
    });
  });

  it("guessing one account from one address slows down: free tries, then waits that double up to 15 minutes", async () => {
    const { db } = await createTestDb();
    let now = Date.now();
    const thief = "198.51.100.20";
    for (let i = 0; i < PAIR.free; i++)
      expect(await signIn(db, CHAIR, thief, false, now)).toEqual({ refused: null, signedIn: false });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { refused } = await signIn(db, CHAIR, thief, false, now);
      waits.push(refused!);
      // A try a second before the wait ends is refused and not counted.
      expect(await signIn(db, CHAIR, thief, false, now + (refused! - 1) * 1000)).toEqual({ refused: 1 });
      now += refused! * 1000;
      expect(await signIn(db, CHAIR, thief, false, now)).toEqual({ refused: null, signedIn: false });
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900, 900]);
    expect(delayAfter(PAIR, 9)).toBe(0);
  });

  it("a burst of parallel guesses is counted before any password is checked", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 30 }, () => startSignIn(db, CHAIR, "198.51.100.30", now)),
    );
    expect(results.filter((r) => "try" in r)).toHaveLength(PAIR.free);
  });

  it("guessing one account from many addresses slows it down mildly, except at addresses its owner used", async () => {
    const { db } = await createTestDb();
    let now = Date.now();
    await signIn(db, CHAIR, "203.0.113.50", true, now - 60 * MINUTE);
    for (let i = 0; i < ACCOUNT.free; i++) await signIn(db, CHAIR, `10.1.0.${i}`, false, now);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { refused } = await signIn(db, CHAIR, `10.2.0.${i}`, false, now);
      waits.push(refused!);
      now += refused! * 1000;
      expect(await signIn(db, CHAIR, `10.3.0.${i}`, false, now)).toMatchObject({ refused: null });
    }
    expect(waits).toEqual([15, 30, 60, 120, 240, 300, 300]);
    // The owner at her usual address is never held up; her own right password does not count.
    expect(await signIn(db, CHAIR, "203.0.113.50", true, now)).toMatchObject({ signedIn: true });
    // At a new address she waits at most five minutes.
    expect(await signIn(db, CHAIR, "203.0.113.51", true, now)).toEqual({ refused: 300 });
    expect(await signIn(db, CHAIR, "203.0.113.51", true, now + 5 * MINUTE)).toMatchObject({ signedIn: true });
    const [account] = await db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, `phone:${CHAIR}`));
    expect(account.failures).toBe(ACCOUNT.free + 7);
  });

  it("tells how many seconds to wait, rounded up, and a try the server was too busy to check does not count", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    for (let i = 0; i < PAIR.free - 1; i++) await signIn(db, CHAIR, "198.51.100.40", false, now);
    const started = await startSignIn(db, CHAIR, "198.51.100.40", now);
    if (!("try" in started)) throw new Error("the tenth try should be counted");
    await signInAbandoned(db, started.try);
    expect(await signIn(db, CHAIR, "198.51.100.40", false, now)).toMatchObject({ refused: null });
    expect(await startSignIn(db, CHAIR, "198.51.100.40", now + 500)).toEqual({ retryAfter: 60 });
    expect(await startSignIn(db, CHAIR, "198.51.100.40", now + 59_001)).toEqual({ retryAfter: 1 });
  });

  it("a count starts again after a quiet window, never in the middle of someone's guessing", async () => {
    const { db } = await createTestDb();
    const start = Date.now();
    for (let i = 0; i < 3; i++) await signIn(db, CHAIR, "198.51.100.45", false, start);
    await signIn(db, CHAIR, "198.51.100.45", false, start + 25 * 60 * MINUTE);
    const [pair] = await db
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, `pair:${CHAIR}@198.51.100.45`));
    expect(pair.failures).toBe(1);
    // Guessing for more than a day from one address: the wait stays at its longest.
    const end = await guessPatiently(db, CHAIR, "198.51.100.46", 120, start);
    expect(end - start).toBeGreaterThan(24 * 60 * MINUTE);
    expect(await signIn(db, CHAIR, "198.51.100.46", false, end)).toEqual({ refused: 900 });
  });

  it("forgets counts after their window, but keeps waits in effect and known addresses", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    await signIn(db, CHAIR, "198.51.100.50", false, now);
    await signIn(db, CHAIR, "203.0.113.60", true, now);
    await pruneSignInThrottle(db, now + 25 * 60 * MINUTE);
    const keys = (await db.select().from(loginThrottle)).map((r) => r.key).sort();
    expect(keys).toEqual([`pair:${CHAIR}@203.0.113.60`]);
  });
});

describe("sign-in locks on the accounts page", () => {
  async function lockedUser(db: Db, role: Role, now: number) {
    const user = await createUser(db, { role });
    for (const address of ["198.51.100.1", "198.51.100.2"])
      for (let i = 0; i < PAIR.free; i++) await signIn(db, user.phone, address, false, now);
    return user;
  }

  it("lists the accounts with a wait in effect: until when, from how many addresses", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const locked = await lockedUser(db, "resident", now);
    const fine = await createUser(db);
    await signIn(db, fine.phone, "198.51.100.1", false, now);
    expect(await signInLocks(db, [locked.id, fine.id], now + 1000)).toEqual([
      // Twenty failures in all: the mild wait across addresses is on too.
      { userId: locked.id, phone: locked.phone, lockedUntil: now + MINUTE, addresses: 2, accountWide: true },
    ]);
    expect(await signInLocks(db, [locked.phone, "0999999999"], now + 1000)).toHaveLength(1);
    expect(await signInLocks(db, [locked.id], now + MINUTE)).toEqual([]);
    expect(await signInLocks(db, [], now)).toEqual([]);
  });

  it("an organiser lifts residents' and judges' locks, an admin anyone's, and each lift is in the audit log", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const organiser = await createUser(db, { role: "organiser" });
    const admin = await createUser(db, { role: "admin" });
    const asOrganiser = { id: organiser.id, role: "organiser" as const };
    const asAdmin = { id: admin.id, role: "admin" as const };

    for (const role of ["resident", "judge"] as const) {
      const target = await lockedUser(db, role, now);
      expect(await liftSignInLock(db, asOrganiser, target.id, now + 1000)).toEqual({ wasLocked: true });
      expect(await signInLocks(db, [target.id], now + 1000)).toEqual([]);
      expect(await signIn(db, target.phone, "198.51.100.1", true, now + 1000)).toMatchObject({
        signedIn: true,
      });
      const [row] = await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(target.id)));
      expect(row).toMatchObject({
        action: "account.unlock",
        entity: "user",
        actorUserId: organiser.id,
        before: { lockedUntil: now + MINUTE, addresses: 2, accountWide: true },
      });
    }
    for (const role of ["committee", "admin", "organiser"] as const) {
      const target = await lockedUser(db, role, now);
      await expect(liftSignInLock(db, asOrganiser, target.id, now + 1000)).rejects.toMatchObject({
        code: "error.forbidden",
        status: 403,
      });
      expect(await signInLocks(db, [target.id], now + 1000)).toHaveLength(1);
      expect(await liftSignInLock(db, asAdmin, target.id, now + 1000)).toEqual({ wasLocked: true });
      expect(await signInLocks(db, [target.id], now + 1000)).toEqual([]);
    }
    const lifts = await db.select().from(auditLog).where(eq(auditLog.action, "account.unlock"));
    expect(lifts.map((l) => l.actorUserId)).toEqual([
      organiser.id,
      organiser.id,
      admin.id,
      admin.id,
      admin.id,
    ]);
    await expect(liftSignInLock(db, asAdmin, 999_999, now)).rejects.toMatchObject({
      code: "error.notFound",
      status: 404,
    });
  });

  it("a lift clears the wait across addresses too, and keeps the addresses the owner signed in from", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const judge = await createUser(db, { role: "judge" });
    await signIn(db, judge.phone, "203.0.113.70", true, now - MINUTE);
    for (let i = 0; i < ACCOUNT.free; i++) await signIn(db, judge.phone, `10.4.0.${i}`, false, now);
    expect(await signInLocks(db, [judge.id], now)).toMatchObject([{ addresses: 0, accountWide: true }]);
    await liftSignInLock(db, { id: null, role: "admin" }, judge.id, now);
    expect(await signIn(db, judge.phone, "203.0.113.71", true, now)).toMatchObject({ signedIn: true });
    const rows = await db.select().from(loginThrottle).where(eq(loginThrottle.phone, judge.phone));
    expect(rows.filter((r) => r.failures > 0 || r.lockedUntil !== null)).toEqual([]);
    expect(rows.filter((r) => r.signedInAt !== null).map((r) => r.address)).toEqual([
      "203.0.113.70",
      "203.0.113.71",
    ]);
  });
});

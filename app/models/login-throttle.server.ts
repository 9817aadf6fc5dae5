/**
 * Throttling of failed sign-ins, kept in the database so every process sees
 * the same counts (docs/decisions/004-sign-in-throttle.md). Three counts:
 *
 * - per account and address pair: 10 failures free, then a wait that doubles
 *   from 1 minute up to 15 minutes. A stranger's guesses slow down only the
 *   stranger's own address, never the owner's.
 * - per account across addresses: 20 failures an hour free, then a mild wait
 *   (15 seconds doubling up to 5 minutes) against guessing from many addresses.
 * - per address across accounts: 100 failures an hour free, then a wait from
 *   1 minute up to 15 minutes against guessing many accounts from one place.
 *
 * A pair that signed in correctly in the last 30 days is "known": only its own
 * count applies to it, so the account and address waits never stop the owner
 * at an address she used before. Correct sign-ins never count.
 *
 * Each try is counted before the password is checked, in one write that
 * refuses it when a wait is in effect, so a burst of parallel guesses cannot
 * slip past the count; a correct password or a busy server takes it back.
 */
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { loginThrottle, users } from "#db/schema";
import { authorize, type Actor } from "~/utils/permissions.server";
import { DomainError } from "~/utils/errors";
import { auditInsert } from "./audit.server";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Policy = { free: number; baseMs: number; capMs: number; windowMs: number };
export const PAIR: Policy = { free: 10, baseMs: MINUTE, capMs: 15 * MINUTE, windowMs: 24 * HOUR };
export const ACCOUNT: Policy = { free: 20, baseMs: 15_000, capMs: 5 * MINUTE, windowMs: HOUR };
export const ADDRESS: Policy = { free: 100, baseMs: MINUTE, capMs: 15 * MINUTE, windowMs: HOUR };
/** How long a correct sign-in makes its address "known" for the account. */
export const KNOWN_MS = 30 * 24 * HOUR;

/** The wait after the n-th failure of a count (0 while the free tries last). */
export function delayAfter(policy: Policy, failures: number) {
  if (failures < policy.free) return 0;
  return Math.min(policy.baseMs * 2 ** Math.min(failures - policy.free, 30), policy.capMs);
}

export const pairKey = (phone: string, address: string) => `pair:${phone}@${address}`;
export const phoneKey = (phone: string) => `phone:${phone}`;
export const ipKey = (address: string) => `ip:${address}`;

/** The upsert that counts one failure for a key, and the wait that grows with the count. */
function countFailure(
  policy: Policy,
  row: { key: string; phone: string | null; address: string | null },
  now: number,
  when: SQL,
  onlyIf: SQL = sql`1`,
) {
  // A count starts again once its window has passed with no wait set in it (or nothing counts any more).
  const stale = sql`(login_throttle.failures = 0 OR (login_throttle.window_start < ${now - policy.windowMs}
    AND COALESCE(login_throttle.locked_until, 0) < ${now - policy.windowMs}))`;
  const n = sql`(CASE WHEN ${stale} THEN 1 ELSE login_throttle.failures + 1 END)`;
  const first = delayAfter(policy, 1);
  return sql`
    INSERT INTO login_throttle (key, phone, address, failures, window_start, locked_until)
    SELECT ${row.key}, ${row.phone}, ${row.address}, 1, ${now}, ${first ? now + first : null}
    WHERE ${when}
    ON CONFLICT (key) DO UPDATE SET
      failures = ${n},
      window_start = CASE WHEN ${stale} THEN ${now} ELSE login_throttle.window_start END,
      locked_until = CASE WHEN ${n} >= ${policy.free}
        THEN ${now} + MIN(${policy.baseMs} << MIN(${n} - ${policy.free}, 30), ${policy.capMs})
        ELSE NULL END
    WHERE ${onlyIf}`;
}

/** One sign-in try, counted as a failure until `signInSucceeded` or `signInAbandoned` takes it back. */
export type SignInTry = {
  keys: { pair: string; account: string; address: string };
  /** The lock each count got from this try (to take back only that), or false when it was not counted. */
  counted: { pair: number | null; account: number | null | false; address: number | null | false };
};

/**
 * Counts a sign-in try for the phone from the address, unless a wait is in
 * effect: then nothing is counted and the seconds to wait are returned.
 */
export async function startSignIn(
  db: Db,
  phone: string,
  address: string,
  now: number,
): Promise<{ try: SignInTry } | { retryAfter: number }> {
  const keys = { pair: pairKey(phone, address), account: phoneKey(phone), address: ipKey(address) };
  const known = sql`EXISTS (SELECT 1 FROM login_throttle WHERE key = ${keys.pair} AND signed_in_at > ${now - KNOWN_MS})`;
  const wideLock = sql`EXISTS (SELECT 1 FROM login_throttle WHERE key IN (${keys.account}, ${keys.address}) AND locked_until > ${now})`;
  const free = sql`login_throttle.locked_until IS NULL OR login_throttle.locked_until <= ${now}`;
  // One transaction: the pair is counted unless a wait applies to it; the account and address counts
  // follow only when it was (changes() is the row count of the statement just before) and it is not known.
  const [pair, account, addr, rows] = await db.batch([
    db.run(
      countFailure(PAIR, { key: keys.pair, phone, address }, now, sql`${known} OR NOT ${wideLock}`, free),
    ),
    db.run(
      countFailure(
        ACCOUNT,
        { key: keys.account, phone, address: null },
        now,
        sql`changes() > 0 AND NOT ${known}`,
      ),
    ),
    db.run(countFailure(ADDRESS, { key: keys.address, phone: null, address }, now, sql`changes() > 0`)),
    db
      .select({
        key: loginThrottle.key,
        lockedUntil: loginThrottle.lockedUntil,
        signedInAt: loginThrottle.signedInAt,
      })
      .from(loginThrottle)
      .where(inArray(loginThrottle.key, [keys.pair, keys.account, keys.address])),
  ]);
  const row = (key: string) => rows.find((r) => r.key === key);
  if (pair.rowsAffected > 0) {
    const lock = (key: string, counted: boolean) => (counted ? (row(key)?.lockedUntil ?? null) : false);
    return {
      try: {
        keys,
        counted: {
          pair: row(keys.pair)?.lockedUntil ?? null,
          account: lock(keys.account, account.rowsAffected > 0),
          address: lock(keys.address, addr.rowsAffected > 0),
        },
      },
    };
  }
  const knownPair = (row(keys.pair)?.signedInAt ?? 0) > now - KNOWN_MS;
  const applies = knownPair ? [keys.pair] : [keys.pair, keys.account, keys.address];
  const until = Math.max(0, ...applies.map((key) => row(key)?.lockedUntil ?? 0));
  return { retryAfter: Math.max(1, Math.ceil((until - now) / 1000)) };
}

/** Takes one counted failure back, and the lock it set if no later failure replaced it. */
function takeBack(key: string, lock: number | null) {
  return sql`
    UPDATE login_throttle SET
      failures = MAX(failures - 1, 0),
      locked_until = CASE WHEN locked_until = ${lock} THEN NULL ELSE locked_until END
    WHERE key = ${key}`;
}

function takeBackWide(db: Db, t: SignInTry) {
  return [
    ...(t.counted.account === false ? [] : [db.run(takeBack(t.keys.account, t.counted.account))]),
    ...(t.counted.address === false ? [] : [db.run(takeBack(t.keys.address, t.counted.address))]),
  ];
}

/** A correct password: the try never counted, the pair's count is cleared and its address becomes known. */
export async function signInSucceeded(db: Db, t: SignInTry, now: number) {
  await db.batch([
    db
      .update(loginThrottle)
      .set({ failures: 0, lockedUntil: null, windowStart: now, signedInAt: now })
      .where(eq(loginThrottle.key, t.keys.pair)),
    ...takeBackWide(db, t),
  ]);
}

/** The password was never checked (server busy): the try does not count. */
export async function signInAbandoned(db: Db, t: SignInTry) {
  await db.batch([db.run(takeBack(t.keys.pair, t.counted.pair)), ...takeBackWide(db, t)]);
}

/** Someone who just chose the password (registration) is known at this address from now on. */
export async function rememberSignIn(db: Db, phone: string, address: string, now: number) {
  await db
    .insert(loginThrottle)
    .values({ key: pairKey(phone, address), phone, address, failures: 0, windowStart: now, signedInAt: now })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { signedInAt: now } });
}

export type SignInLock = {
  userId: number;
  phone: string;
  /** When the last of its waits ends (ms). */
  lockedUntil: number;
  /** How many addresses must wait before trying this account again. */
  addresses: number;
  /** Whether the mild wait across addresses is in effect (for every address it has not signed in from). */
  accountWide: boolean;
};

/**
 * The accounts (by user id or phone) with a sign-in wait in effect now; accounts
 * without one are left out. For the accounts page.
 */
export async function signInLocks(db: Db, userIdsOrPhones: (number | string)[], now: number) {
  const ids = userIdsOrPhones.filter((v) => typeof v === "number");
  const phones = userIdsOrPhones.filter((v) => typeof v === "string");
  if (ids.length === 0 && phones.length === 0) return [];
  const accounts = await db
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(or(inArray(users.id, ids), inArray(users.phone, phones)));
  if (accounts.length === 0) return [];
  const rows = await db
    .select({ key: loginThrottle.key, phone: loginThrottle.phone, lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(
      and(
        inArray(
          loginThrottle.phone,
          accounts.map((a) => a.phone),
        ),
        sql`${loginThrottle.lockedUntil} > ${now}`,
      ),
    );
  const locks: SignInLock[] = [];
  for (const account of accounts) {
    const mine = rows.filter((r) => r.phone === account.phone);
    if (mine.length === 0) continue;
    locks.push({
      userId: account.id,
      phone: account.phone,
      lockedUntil: Math.max(...mine.map((r) => r.lockedUntil ?? 0)),
      addresses: mine.filter((r) => r.key.startsWith("pair:")).length,
      accountWide: mine.some((r) => r.key === phoneKey(account.phone)),
    });
  }
  return locks.sort((a, b) => a.userId - b.userId);
}

/**
 * Lifts every sign-in wait of an account (all its addresses and the wait across
 * addresses) and logs it. An organiser lifts residents' and judges' locks, an
 * admin anyone's. Addresses the account signed in from stay known.
 */
export async function liftSignInLock(db: Db, actor: Actor, targetUserId: number, now: number) {
  const [target] = await db
    .select({ id: users.id, phone: users.phone, role: users.role })
    .from(users)
    .where(eq(users.id, targetUserId));
  if (!target) throw new DomainError("error.notFound", 404);
  authorize(actor, `account.unlock:${target.role}`);
  const [lock] = await signInLocks(db, [target.id], now);
  const ofAccount = eq(loginThrottle.phone, target.phone);
  await db.batch([
    db.delete(loginThrottle).where(and(ofAccount, isNull(loginThrottle.signedInAt))),
    db.update(loginThrottle).set({ failures: 0, lockedUntil: null, windowStart: now }).where(ofAccount),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "account.unlock",
        entity: "user",
        entityId: target.id,
        before: lock
          ? { lockedUntil: lock.lockedUntil, addresses: lock.addresses, accountWide: lock.accountWide }
          : null,
        after: { lockedUntil: null },
      },
      now,
    ),
  ]);
  return { wasLocked: !!lock };
}

/** Forgets counts that no longer matter: no wait, window over, not a known address. */
export async function pruneSignInThrottle(db: Db, now: number) {
  await db.run(sql`
    DELETE FROM login_throttle
    WHERE (locked_until IS NULL OR locked_until <= ${now})
      AND window_start < ${now - PAIR.windowMs}
      AND (signed_in_at IS NULL OR signed_in_at <= ${now - KNOWN_MS})`);
}

/**
 * Registering an already registered phone tells that it exists (there is no
 * SMS to prove ownership), so an address that keeps hitting taken phones is
 * stopped; new registrations from a shared school lab never count.
 */
export const TAKEN_PHONE_LIMIT = 20;
const REGISTER_WINDOW_MS = 15 * MINUTE;
const REGISTER_LOCK_MS = 15 * MINUTE;

export const registerKey = (ip: string) => `register:${ip}`;

/** Seconds to wait if any of the keys is locked, else null. */
export async function lockedFor(db: Db, keys: string[], now: number) {
  if (keys.length === 0) return null;
  const rows = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys));
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil ?? 0));
  return until > now ? Math.ceil((until - now) / 1000) : null;
}

/** Counts one failure for a key; the count restarts after the window, and the limit locks it. */
export async function recordFailure(db: Db, key: string, limit: number, now: number) {
  await db.run(sql`
    INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES (${key}, 1, ${now}, NULL)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN window_start < ${now - REGISTER_WINDOW_MS} THEN 1 ELSE failures + 1 END,
      locked_until = CASE
        WHEN (CASE WHEN window_start < ${now - REGISTER_WINDOW_MS} THEN 1 ELSE failures + 1 END) >= ${limit} THEN ${now + REGISTER_LOCK_MS}
        ELSE locked_until END,
      window_start = CASE WHEN window_start < ${now - REGISTER_WINDOW_MS} THEN ${now} ELSE window_start END`);
}

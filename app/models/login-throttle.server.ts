/**
 * Throttling of failed sign-ins, per account and per address, kept in the
 * database so every process sees the same counts. Only failures count: 200
 * residents signing in correctly from one school lab are never slowed down.
 */
import { inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { loginThrottle } from "#db/schema";

const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;
/** Ten wrong passwords for one account, from anywhere, lock it for a while. */
export const ACCOUNT_LIMIT = 10;
/** An address that guesses across many accounts is stopped too, far above a shared NAT's typos. */
export const ADDRESS_LIMIT = 100;

/**
 * Registering an already registered phone tells that it exists (there is no
 * SMS to prove ownership), so an address that keeps hitting taken phones is
 * stopped; new registrations from a shared school lab never count.
 */
export const TAKEN_PHONE_LIMIT = 20;

export const phoneKey = (phone: string) => `phone:${phone}`;
export const registerKey = (ip: string) => `register:${ip}`;
export const ipKey = (ip: string) => `ip:${ip}`;

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
      failures = CASE WHEN window_start < ${now - WINDOW_MS} THEN 1 ELSE failures + 1 END,
      locked_until = CASE
        WHEN (CASE WHEN window_start < ${now - WINDOW_MS} THEN 1 ELSE failures + 1 END) >= ${limit} THEN ${now + LOCK_MS}
        ELSE locked_until END,
      window_start = CASE WHEN window_start < ${now - WINDOW_MS} THEN ${now} ELSE window_start END`);
}

/** A correct sign-in clears the account's count. */
export async function clearFailures(db: Db, key: string) {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [key]));
}

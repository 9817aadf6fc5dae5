/**
 * "Kiểm tra mã xác nhận": anyone may check that a receipt code belongs to a
 * submitted entry, and see which contest, when, for which team and whose
 * (name masked). Lookups are counted per client address, so the codes
 * cannot be guessed by trying many.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { attempts, contests, teams, users } from "#db/schema";
import { recordedOnly } from "./practice.server";

/** The receipt alphabet (scoring.server.ts): no I, O, 0 or 1, which are easily misread. */
const CODE_CHARS = /^[A-HJ-NP-Z2-9]{10}$/;

/**
 * A code as a visitor may type it (any case, with or without the dash,
 * spaces) in the canonical form `XXXXX-XXXXX`; null when it cannot be one.
 */
export function normaliseReceiptCode(input: string) {
  if (input.length > 40) return null;
  const compact = input.toUpperCase().replace(/[\s\-–—.]/g, "");
  if (!CODE_CHARS.test(compact)) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}

/**
 * A name shown to anyone: the family name (the first word, as Vietnamese
 * names are written) whole, every other word as its initial.
 * "Nguyễn Thị Kim" → "Nguyễn T. K.".
 */
export function maskName(fullName: string) {
  const [family, ...rest] = fullName.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  if (!family) return "";
  // The first code point of a word in NFC is a whole letter, diacritics included ("Đức" → "Đ").
  const initials = rest.map((w) => `${Array.from(w)[0].toLocaleUpperCase("vi")}.`);
  return [family, ...initials].join(" ");
}

export type ReceiptCheck =
  | {
      valid: true;
      code: string;
      contest: { slug: string; title: string };
      submittedAt: string;
      team: { name: string } | null;
      name: string;
    }
  | { valid: false; code: string };

/**
 * What a receipt code proves: the submitted entry it was issued for (the
 * code as typed, in any case, is normalised first). Only
 * submitted entries carry a code (practice attempts, thi thử, never do),
 * so any other code is `valid: false`.
 */
export async function checkReceipt(db: Db, input: string): Promise<ReceiptCheck> {
  const code = normaliseReceiptCode(input);
  if (code === null) return { valid: false, code: input };
  const [row] = await db
    .select({
      slug: contests.slug,
      title: contests.title,
      submittedAt: attempts.submittedAt,
      teamName: teams.name,
      fullName: users.fullName,
    })
    .from(attempts)
    .innerJoin(contests, eq(contests.id, attempts.contestId))
    .innerJoin(users, eq(users.id, attempts.userId))
    .leftJoin(teams, eq(teams.id, attempts.teamId))
    .where(
      and(
        eq(attempts.receipt, code),
        eq(attempts.status, "submitted"),
        isNotNull(attempts.submittedAt),
        // Practice attempts get no code; should one ever carry one, it still proves nothing.
        recordedOnly,
      ),
    )
    .orderBy(attempts.submittedAt)
    .limit(1);
  if (!row || row.submittedAt === null) return { valid: false, code };
  return {
    valid: true,
    code,
    contest: { slug: row.slug, title: row.title },
    submittedAt: new Date(row.submittedAt).toISOString(),
    team: row.teamName === null ? null : { name: row.teamName },
    name: maskName(row.fullName),
  };
}

/**
 * Checks allowed per client address in a window. A person checks a handful
 * of codes; 30 a minute is plenty for a ward officer at a desk and leaves a
 * guesser about 2^-50 of a chance per try (codes are 10 characters of 32).
 */
export const RECEIPT_CHECKS = { limit: 30, windowMs: 60_000 };

/**
 * Counts one receipt check from an address (in the sign-in throttle's
 * table, so every worker process shares the count) and returns the seconds
 * to wait when it is over the limit, else null. Refused checks count too,
 * so hammering never shortens the wait.
 */
export async function countReceiptCheck(db: Db, address: string, now: number) {
  const { limit, windowMs } = RECEIPT_CHECKS;
  const expired = sql`login_throttle.window_start <= ${now - windowMs}`;
  const [row] = await db.all<{ failures: number; windowStart: number }>(sql`
    INSERT INTO login_throttle (key, address, failures, window_start)
    VALUES (${`receipt:${address}`}, ${address}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN ${expired} THEN 1 ELSE login_throttle.failures + 1 END,
      window_start = CASE WHEN ${expired} THEN ${now} ELSE login_throttle.window_start END
    RETURNING failures, window_start AS windowStart`);
  if (!row || row.failures <= limit) return null;
  return Math.max(1, Math.ceil((row.windowStart + windowMs - now) / 1000));
}

/**
 * A forgotten password without SMS: the resident goes to the ward's one-stop
 * office with their papers, staff check them and issue a one-time code
 * (shown once, read out or written down), and the resident sets a new
 * password with phone + code on /reset-password. Only the code's argon2
 * hash is stored; it works once, for CODE_TTL_MS, and dies after
 * CODE_MAX_FAILURES wrong tries. Every step is in the audit log.
 */
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { randomInt } from "node:crypto";
import type { Db } from "#db/client";
import { loginThrottle, passwordResetCodes, sessions, users, wards } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import { lockedFor, recordFailure } from "./login-throttle.server";

export const CODE_TTL_MS = 30 * 60 * 1000;
export const CODE_MAX_FAILURES = 5;
/** Wrong codes from one address (across phones) before it waits 15 minutes. */
export const RESET_ADDRESS_LIMIT = 20;
export const resetKey = (ip: string) => `reset:${ip}`;

/** The ward's name, for the page that says where to ask for a code; null before set-up. */
export async function wardName(db: Db) {
  const [ward] = await db.select({ name: wards.name }).from(wards).limit(1);
  return ward?.name ?? null;
}

/** "12345678" read as "1234 5678"; spaces and dashes typed by the resident are ignored. */
export function formatCode(code: string) {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/**
 * Issues a one-time code for an account after staff have checked the
 * holder's identity papers (CCCD). Any earlier outstanding code of the
 * account stops working. Who may: the same as a password reset, by the
 * account's role (`account.resetCode:<role>`).
 */
export async function issueResetCode(
  db: Db,
  userId: number,
  input: { identityChecked: boolean },
  actor: Actor,
  ip: string | null = null,
  now = Date.now(),
) {
  const [account] = await db
    .select({ id: users.id, role: users.role, fullName: users.fullName, phone: users.phone })
    .from(users)
    .where(eq(users.id, userId));
  if (!account) throw new DomainError("error.notFound", 404);
  authorize(actor, `account.resetCode:${account.role}`);
  if (account.id === actor.id) throw new DomainError("resetCode.notSelf", 409);
  if (!input.identityChecked) throw new DomainError("assist.identityRequired", 422);
  const code = Array.from({ length: 8 }, () => String(randomInt(10))).join("");
  const codeHash = await hashPassword(code);
  const expiresAt = now + CODE_TTL_MS;
  await db.batch([
    db
      .update(passwordResetCodes)
      .set({ revokedAt: now })
      .where(
        and(
          eq(passwordResetCodes.userId, userId),
          isNull(passwordResetCodes.usedAt),
          isNull(passwordResetCodes.revokedAt),
        ),
      ),
    db
      .insert(passwordResetCodes)
      .values({ userId, codeHash, issuedByUserId: actor.id, createdAt: now, expiresAt }),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "account.resetCodeIssued",
        entity: "user",
        entityId: userId,
        after: { identityChecked: true, expiresAt },
        ip,
      },
      now,
    ),
  ]);
  return { code, expiresAt, fullName: account.fullName, phone: account.phone };
}

/**
 * Sets a new password with a one-time code. One answer for every failure
 * (unknown phone, no code, wrong, expired, used, too many tries), so the page
 * does not tell which phones have a code. Each try is counted on the code
 * before it is checked, so parallel guesses get CODE_MAX_FAILURES in all.
 * On success the code is used up, every session of the account ends, and
 * its sign-in waits are lifted.
 */
export async function redeemResetCode(
  db: Db,
  input: { phone: string; code: string; password: string },
  ip: string | null,
  now = Date.now(),
) {
  const address = ip ?? "unknown";
  if ((await lockedFor(db, [resetKey(address)], now)) !== null)
    throw new DomainError("resetCode.tooMany", 429);
  const code = input.code.replace(/[\s.-]/g, "");
  const row = await findOutstandingCode(db, input.phone);

  const refuse = async (reason: string) => {
    await auditInsert(
      db,
      {
        actorUserId: null,
        action: "account.resetCodeFailed",
        entity: row?.userId ? "user" : "phone",
        entityId: row?.userId ?? input.phone,
        after: { reason },
        ip,
      },
      now,
    );
    await recordFailure(db, resetKey(address), RESET_ADDRESS_LIMIT, now);
    return new DomainError("resetCode.invalid", 422);
  };

  if (!row?.codeId || !row.codeHash || row.expiresAt === null) {
    // The same argon2 cost as a real check: a quick refusal would tell that this phone has no code.
    await verifyPassword(null, code);
    throw await refuse(row ? "noCode" : "unknownPhone");
  }
  if (row.expiresAt <= now) {
    await verifyPassword(null, code);
    throw await refuse("expired");
  }
  // Counted before checking: the try is spent even if many run at once.
  const [counted] = await db
    .update(passwordResetCodes)
    .set({ failures: sql`${passwordResetCodes.failures} + 1` })
    .where(and(eq(passwordResetCodes.id, row.codeId), lt(passwordResetCodes.failures, CODE_MAX_FAILURES)))
    .returning({ failures: passwordResetCodes.failures });
  if (!counted) {
    await verifyPassword(null, code);
    throw await refuse("tooManyTries");
  }
  if (!/^\d{8}$/.test(code) || !(await verifyPassword(row.codeHash, code))) throw await refuse("wrongCode");

  // Single use: only one redemption can mark it used.
  const [claimed] = await db
    .update(passwordResetCodes)
    .set({ usedAt: now, failures: sql`${passwordResetCodes.failures} - 1` })
    .where(
      and(
        eq(passwordResetCodes.id, row.codeId),
        isNull(passwordResetCodes.usedAt),
        isNull(passwordResetCodes.revokedAt),
        gt(passwordResetCodes.expiresAt, now),
      ),
    )
    .returning({ id: passwordResetCodes.id });
  if (!claimed) throw await refuse("alreadyUsed");

  await setPasswordFromCode(db, row.userId, input, ip, now);
  return { userId: row.userId };
}

/** The account of an active phone with its outstanding (unused, not revoked) code, if any. */
async function findOutstandingCode(db: Db, phone: string) {
  const [row] = await db
    .select({
      userId: users.id,
      codeId: passwordResetCodes.id,
      codeHash: passwordResetCodes.codeHash,
      expiresAt: passwordResetCodes.expiresAt,
      failures: passwordResetCodes.failures,
    })
    .from(users)
    .leftJoin(
      passwordResetCodes,
      and(
        eq(passwordResetCodes.userId, users.id),
        isNull(passwordResetCodes.usedAt),
        isNull(passwordResetCodes.revokedAt),
      ),
    )
    .where(and(eq(users.phone, phone), isNull(users.disabledAt)));
  return row;
}

/** A redeemed code's effect: the new password, every session ended, sign-in waits lifted, audited. */
async function setPasswordFromCode(
  db: Db,
  userId: number,
  input: { phone: string; password: string },
  ip: string | null,
  now: number,
) {
  const passwordHash = await hashPassword(input.password);
  await db.batch([
    db
      .update(users)
      .set({ passwordHash, passwordResetAt: null, passwordResetByUserId: null })
      .where(eq(users.id, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    db
      .update(loginThrottle)
      .set({ failures: 0, lockedUntil: null, windowStart: now })
      .where(eq(loginThrottle.phone, input.phone)),
    auditInsert(
      db,
      { actorUserId: userId, action: "account.resetCodeUsed", entity: "user", entityId: userId, ip },
      now,
    ),
  ]);
}

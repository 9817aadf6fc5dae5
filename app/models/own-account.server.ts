/**
 * What every signed-in person manages about their own account: their name
 * and unit (until their first entry), their password, the devices signed in
 * to it, signing out everywhere, and the notice that someone else reset
 * their password.
 */
import { and, asc, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { attempts, sessions, units, users } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import { signInSucceeded, startSignIn } from "./login-throttle.server";
import { RECORDED, recordedOnly } from "./practice.server";

type Me = Actor & { id: number };

/** The account's live sessions, newest first; `current` marks the one given by its hash. */
export async function listOwnSessions(db: Db, me: Me, currentHash: string | null, now: number) {
  authorize(me, "session.own");
  const rows = await db
    .select({
      idHash: sessions.idHash,
      createdAt: sessions.createdAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      assisted: sessions.assistedByUserId,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, me.id), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
  return rows.map(({ idHash, ...row }) => ({ ...row, current: idHash === currentHash }));
}

/** Ends every session of the account, this device's too; audited. */
export async function signOutEverywhere(db: Db, me: Me, ip: string | null, now = Date.now()) {
  authorize(me, "session.own");
  await db.batch([
    db.delete(sessions).where(eq(sessions.userId, me.id)),
    auditInsert(
      db,
      { actorUserId: me.id, action: "account.signOutAll", entity: "user", entityId: me.id, ip },
      now,
    ),
  ]);
}

/** Who reset this account's password and when, until its owner has read it. */
export async function passwordResetNotice(
  db: Db,
  me: { passwordResetAt: number | null; passwordResetByUserId: number | null },
) {
  if (me.passwordResetAt === null) return null;
  const [by] =
    me.passwordResetByUserId === null
      ? []
      : await db
          .select({ fullName: users.fullName, role: users.role })
          .from(users)
          .where(eq(users.id, me.passwordResetByUserId));
  // Null: the admin command line on the server.
  return { at: me.passwordResetAt, byName: by?.fullName ?? null, byRole: by?.role ?? "admin" };
}

export async function acknowledgePasswordReset(db: Db, me: Me) {
  authorize(me, "session.own");
  await db
    .update(users)
    .set({ passwordResetAt: null, passwordResetByUserId: null })
    .where(eq(users.id, me.id));
}

/**
 * The person's own profile, and since when it is frozen: name and unit are
 * what rankings and unit statistics count an entry under, so they stay as
 * they were at the first entry (null: not entered yet, still editable).
 */
export async function getProfile(db: Db, userId: number) {
  const [row] = await db
    .select({
      fullName: users.fullName,
      phone: users.phone,
      birthYear: users.birthYear,
      role: users.role,
      unitId: users.unitId,
      unitOther: users.unitOther,
      unitName: units.name,
    })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId));
  if (!row) throw new DomainError("error.notFound", 404);
  const [first] = await db
    .select({ at: attempts.startedAt })
    .from(attempts)
    .where(and(eq(attempts.userId, userId), recordedOnly))
    .orderBy(asc(attempts.startedAt))
    .limit(1);
  return { ...row, frozenSince: first?.at ?? null };
}

/**
 * Changes the person's name and unit, only while they have no entry: the
 * update itself checks it, so an entry started at the same moment wins.
 * The audit row is written only when the update was (changes() > 0).
 */
export async function updateProfile(
  db: Db,
  me: Me,
  input: { fullName: string; unitId: number | null; unitOther: string | null },
  ip: string | null,
  now = Date.now(),
) {
  authorize(me, "account.own");
  const before = await getProfile(db, me.id);
  if (before.frozenSince !== null) throw new DomainError("profile.frozen", 409);
  if (input.unitId !== null) {
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, input.unitId), isNull(units.retiredAt)));
    if (!unit) throw new DomainError("register.unitInvalid", 422);
  }
  const after = {
    fullName: input.fullName,
    unitId: input.unitId,
    unitOther: input.unitId === null ? input.unitOther : null,
  };
  const [updated] = await db.batch([
    db
      .update(users)
      .set(after)
      .where(
        and(
          eq(users.id, me.id),
          sql`NOT EXISTS (SELECT 1 FROM ${attempts} WHERE ${attempts.userId} = ${me.id} AND ${RECORDED})`,
        ),
      ),
    db.run(sql`INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, before, after, ip)
      SELECT ${now}, ${me.id}, 'account.profile', 'user', ${String(me.id)},
        ${JSON.stringify({ fullName: before.fullName, unitId: before.unitId, unitOther: before.unitOther })},
        ${JSON.stringify(after)}, ${ip}
      WHERE changes() > 0`),
  ]);
  if (updated.rowsAffected === 0) throw new DomainError("profile.frozen", 409);
}

/**
 * Changes the person's own password after checking the current one. A wrong
 * current password counts as a failed sign-in of this account from this
 * address (the same waits as the login page), so a borrowed session cannot
 * be used to guess it. Every other session of the account ends; this one
 * (`keepSessionHash`) stays signed in.
 */
export async function changeOwnPassword(
  db: Db,
  me: Me,
  input: { current: string; next: string },
  device: { ip: string | null; keepSessionHash: string | null },
  now = Date.now(),
) {
  authorize(me, "account.own");
  const [row] = await db
    .select({ phone: users.phone, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, me.id));
  if (!row) throw new DomainError("error.notFound", 404);
  const started = await startSignIn(db, row.phone, device.ip ?? "unknown", now);
  if ("retryAfter" in started) throw new DomainError("profile.tooManyTries", 429);
  if (!(await verifyPassword(row.passwordHash, input.current))) {
    await auditInsert(
      db,
      {
        actorUserId: me.id,
        action: "account.passwordChangeFailed",
        entity: "user",
        entityId: me.id,
        ip: device.ip,
      },
      now,
    );
    throw new DomainError("profile.currentWrong", 422);
  }
  await signInSucceeded(db, started.try, now);
  const passwordHash = await hashPassword(input.next);
  const others = device.keepSessionHash
    ? and(eq(sessions.userId, me.id), ne(sessions.idHash, device.keepSessionHash))
    : eq(sessions.userId, me.id);
  const [, ended] = await db.batch([
    db
      .update(users)
      .set({ passwordHash, passwordResetAt: null, passwordResetByUserId: null })
      .where(eq(users.id, me.id)),
    db.delete(sessions).where(others),
    auditInsert(
      db,
      {
        actorUserId: me.id,
        action: "account.passwordChanged",
        entity: "user",
        entityId: me.id,
        ip: device.ip,
      },
      now,
    ),
  ]);
  return { otherSessionsEnded: ended.rowsAffected };
}

/**
 * What every signed-in person manages about their own account: the devices
 * signed in to it, signing out everywhere, and the notice that someone else
 * reset their password.
 */
import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "#db/client";
import { sessions, users } from "#db/schema";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";

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

/**
 * Staff-managed accounts: create with a role, reset passwords, disable
 * (ending sessions at once), change roles. Each function takes the acting
 * user and checks the permission matrix against the role of the account it
 * touches: an organiser manages residents and judges, only an admin manages
 * organiser, committee and admin accounts. The database itself refuses to
 * disable or demote the last active admin (migration 0008).
 */
import { and, asc, eq, like, ne, or, type SQL } from "drizzle-orm";
import { randomInt } from "node:crypto";
import type { Db } from "#db/client";
import { sessions, units, users, type Role } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { hashPassword } from "~/utils/password.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";

export async function listAccounts(
  db: Db,
  { q, id, staffOnly }: { q?: string; id?: number; staffOnly: boolean },
) {
  const where: SQL[] = [];
  if (id !== undefined) where.push(eq(users.id, id));
  if (staffOnly) where.push(ne(users.role, "resident"));
  if (q) where.push(or(like(users.phone, `%${q}%`), like(users.fullName, `%${q}%`))!);
  return db
    .select({
      id: users.id,
      phone: users.phone,
      fullName: users.fullName,
      role: users.role,
      unitName: units.name,
      disabledAt: users.disabledAt,
      assistedByUserId: users.assistedByUserId,
    })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(users.role), asc(users.fullName))
    .limit(200);
}

/** The account an action targets, after checking the actor may take `verb` on accounts of its role. */
async function target(db: Db, actor: Actor, verb: "reset" | "disable" | "role" | "unlock", userId: number) {
  const [row] = await db
    .select({ id: users.id, role: users.role, fullName: users.fullName })
    .from(users)
    .where(eq(users.id, userId));
  // Unknown and forbidden look alike to someone who may not manage that role anyway.
  if (!row) throw new DomainError("error.notFound", 404);
  authorize(actor, `account.${verb}:${row.role}`);
  return row;
}

/** A SQLite error raised by the trigger that keeps one active admin. */
function lastAdmin(error: unknown) {
  return String(error).includes("last active admin") ? new DomainError("accounts.lastAdmin", 409) : error;
}

export async function createStaff(
  db: Db,
  input: { phone: string; fullName: string; role: Role; password: string },
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, `account.create:${input.role}`);
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({
      phone: input.phone,
      fullName: input.fullName,
      role: input.role,
      passwordHash,
      consentAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: users.phone })
    .returning({ id: users.id });
  if (!created) throw new DomainError("register.phoneTaken", 409);
  await auditInsert(
    db,
    {
      actorUserId: actor.id,
      action: "account.create",
      entity: "user",
      entityId: created.id,
      after: { phone: input.phone, fullName: input.fullName, role: input.role },
    },
    now,
  );
  return created.id;
}

const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/**
 * A new random password, shown once to read out; every session of the
 * account ends, and its owner is told at their next sign-in who reset it and
 * when. The update holds only while the account still has the role checked.
 */
export async function resetPassword(db: Db, userId: number, actor: Actor, now = Date.now()) {
  const account = await target(db, actor, "reset", userId);
  const password = Array.from(
    { length: 10 },
    () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)],
  ).join("");
  const passwordHash = await hashPassword(password);
  const [updated] = await db.batch([
    db
      .update(users)
      .set({ passwordHash, passwordResetAt: now, passwordResetByUserId: actor.id })
      .where(and(eq(users.id, userId), eq(users.role, account.role))),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    auditInsert(
      db,
      { actorUserId: actor.id, action: "account.resetPassword", entity: "user", entityId: userId },
      now,
    ),
  ]);
  if (updated.rowsAffected === 0) throw new DomainError("accounts.changed", 409);
  return { password, fullName: account.fullName };
}

export async function setDisabled(db: Db, userId: number, disabled: boolean, actor: Actor, now = Date.now()) {
  if (userId === actor.id) throw new DomainError("accounts.notSelf", 409);
  const account = await target(db, actor, "disable", userId);
  try {
    await db.batch([
      db
        .update(users)
        .set({ disabledAt: disabled ? now : null })
        .where(and(eq(users.id, userId), eq(users.role, account.role))),
      db.delete(sessions).where(eq(sessions.userId, userId)),
      auditInsert(
        db,
        {
          actorUserId: actor.id,
          action: disabled ? "account.disable" : "account.enable",
          entity: "user",
          entityId: userId,
        },
        now,
      ),
    ]);
  } catch (error) {
    throw lastAdmin(error);
  }
}

/** A role change needs the right to manage both the old role and the new one. */
export async function changeRole(db: Db, userId: number, role: Role, actor: Actor, now = Date.now()) {
  if (userId === actor.id) throw new DomainError("accounts.notSelf", 409);
  const before = await target(db, actor, "role", userId);
  authorize(actor, `account.role:${role}`);
  try {
    await db.batch([
      db
        .update(users)
        .set({ role })
        .where(and(eq(users.id, userId), eq(users.role, before.role))),
      db.delete(sessions).where(eq(sessions.userId, userId)),
      auditInsert(
        db,
        {
          actorUserId: actor.id,
          action: "account.role",
          entity: "user",
          entityId: userId,
          before: { role: before.role },
          after: { role },
        },
        now,
      ),
    ]);
  } catch (error) {
    throw lastAdmin(error);
  }
}

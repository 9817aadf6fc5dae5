/** Staff accounts: create with a role, reset passwords, disable (ending sessions at once). */
import { and, asc, eq, like, ne, or, type SQL } from "drizzle-orm";
import { randomInt } from "node:crypto";
import type { Db } from "#db/client";
import { sessions, units, users, type Role } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { hashPassword } from "~/utils/password.server";
import { auditInsert } from "./audit.server";

export async function listAccounts(db: Db, { q, staffOnly }: { q?: string; staffOnly: boolean }) {
  const where: SQL[] = [];
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

export async function createStaff(
  db: Db,
  input: { phone: string; fullName: string; role: Role; password: string },
  actorUserId: number | null,
  now = Date.now(),
) {
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
      actorUserId,
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

/** A new random password, shown once to the organiser to read out; every session of the account ends. */
export async function resetPassword(db: Db, userId: number, actorUserId: number | null, now = Date.now()) {
  const password = Array.from(
    { length: 10 },
    () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)],
  ).join("");
  const passwordHash = await hashPassword(password);
  await db.batch([
    db.update(users).set({ passwordHash }).where(eq(users.id, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    auditInsert(db, { actorUserId, action: "account.resetPassword", entity: "user", entityId: userId }, now),
  ]);
  return password;
}

export async function setDisabled(
  db: Db,
  userId: number,
  disabled: boolean,
  actorUserId: number | null,
  now = Date.now(),
) {
  if (userId === actorUserId) throw new DomainError("accounts.notSelf", 409);
  await db.batch([
    db
      .update(users)
      .set({ disabledAt: disabled ? now : null })
      .where(eq(users.id, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    auditInsert(
      db,
      {
        actorUserId,
        action: disabled ? "account.disable" : "account.enable",
        entity: "user",
        entityId: userId,
      },
      now,
    ),
  ]);
}

export async function changeRole(
  db: Db,
  userId: number,
  role: Role,
  actorUserId: number | null,
  now = Date.now(),
) {
  if (userId === actorUserId) throw new DomainError("accounts.notSelf", 409);
  const [before] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!before) throw new DomainError("error.notFound", 404);
  await db.batch([
    db.update(users).set({ role }).where(eq(users.id, userId)),
    db.delete(sessions).where(eq(sessions.userId, userId)),
    auditInsert(
      db,
      { actorUserId, action: "account.role", entity: "user", entityId: userId, before, after: { role } },
      now,
    ),
  ]);
}

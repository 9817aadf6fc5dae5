import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { users } from "#db/schema";
import { hashPassword, needsRehash, verifyPassword } from "~/utils/password.server";

/** Returns the user for a correct phone and password, else null; same cost either way. */
export async function authenticate(db: Db, phone: string, password: string) {
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.phone, phone));
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!ok || !user || user.disabledAt !== null) return null;
  // Hashes made with older, weaker parameters are upgraded while the password is at hand.
  if (needsRehash(user.passwordHash)) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
  }
  return { id: user.id };
}

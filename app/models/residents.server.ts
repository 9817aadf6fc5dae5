import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { units, users } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { hashPassword } from "~/utils/password.server";
import { authorize, type Actor } from "~/utils/permissions.server";

export type RegisterInput = {
  fullName: string;
  birthYear: number;
  phone: string;
  password: string;
  unitId: number | null;
  unitOther: string | null;
  address: string | null;
  /** The staff member registering the resident on the ward's device (tổ công nghệ số cộng đồng). */
  assistedBy?: Actor | null;
  now: number;
};

/** Creates a resident account. One account per phone: a duplicate is refused, never merged. */
export async function registerResident(db: Db, input: RegisterInput) {
  if (input.assistedBy) authorize(input.assistedBy, "account.assist");
  if (input.unitId !== null) {
    const [unit] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, input.unitId), isNull(units.retiredAt)));
    if (!unit) throw new DomainError("register.unitInvalid", 422);
  }
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({
      phone: input.phone,
      fullName: input.fullName,
      birthYear: input.birthYear,
      unitId: input.unitId,
      unitOther: input.unitId === null ? input.unitOther : null,
      address: input.address,
      role: "resident",
      passwordHash,
      consentAt: input.now,
      assistedByUserId: input.assistedBy?.id ?? null,
    })
    .onConflictDoNothing({ target: users.phone })
    .returning({ id: users.id });
  if (!created) throw new DomainError("register.phoneTaken", 409);
  return created.id;
}

/**
 * Staff-assisted entry for a resident who already has an account (tổ công
 * nghệ số cộng đồng at the ward's device): after staff have checked the
 * resident's identity papers, the device is signed in as the resident with
 * the helper recorded on the session, so their entries are marked "hỗ trợ"
 * like those of residents registered by staff. The hand-over page then says
 * whose account it is and where to enter.
 */
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { users } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import { listPublicContests } from "./contest.server";

/**
 * Checks that staff may help the resident with this phone and records it;
 * the caller then opens the assisted session. Only resident accounts: a
 * staff account is never opened this way.
 */
export async function assistExistingResident(
  db: Db,
  input: { phone: string; identityChecked: boolean },
  actor: Actor,
  ip: string | null = null,
  now = Date.now(),
) {
  authorize(actor, "account.assist");
  if (!input.identityChecked) throw new DomainError("assist.identityRequired", 422);
  const [resident] = await db
    .select({ id: users.id, role: users.role, fullName: users.fullName, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.phone, input.phone));
  if (!resident || resident.role !== "resident") throw new DomainError("assist.notResident", 404);
  if (resident.disabledAt !== null) throw new DomainError("assist.disabled", 409);
  await auditInsert(
    db,
    {
      actorUserId: actor.id,
      action: "account.assistedSignIn",
      entity: "user",
      entityId: resident.id,
      after: { identityChecked: true },
      ip,
    },
    now,
  );
  return { userId: resident.id, fullName: resident.fullName };
}

/** What the hand-over page shows: who helps, and the contests open now. */
export async function handOver(db: Db, helperId: number, now: number) {
  const [helper] = await db.select({ fullName: users.fullName }).from(users).where(eq(users.id, helperId));
  const contests = (await listPublicContests(db, now)).filter((c) => c.status === "open");
  return {
    helperName: helper?.fullName ?? null,
    contests: contests.map((c) => ({ slug: c.slug, title: c.title, closesAt: c.closesAt })),
  };
}

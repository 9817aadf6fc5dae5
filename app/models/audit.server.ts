import { desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditLog, users } from "#db/schema";

export type AuditEntry = {
  actorUserId: number | null;
  action: string;
  entity?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

const SECRET_KEYS = /password|hash|session|token/i;

/** Drops anything that looks like a secret before it reaches the log. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !SECRET_KEYS.test(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

/** The insert for one audit row, to put in the same batch as the change it records. */
export function auditInsert(db: Db, entry: AuditEntry, now = Date.now()) {
  return db.insert(auditLog).values({
    at: now,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    before: entry.before === undefined ? null : scrub(entry.before),
    after: entry.after === undefined ? null : scrub(entry.after),
    ip: entry.ip ?? null,
  });
}

/**
 * `auditInsert`, written only if `condition` (SQL) holds when its batch reaches it: the record of
 * a change its batch makes only under a guard (e.g. a lock written only if nothing moved meanwhile).
 */
export function auditInsertIf(db: Db, entry: AuditEntry, condition: SQL, now = Date.now()) {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(scrub(value)));
  return db.run(sql`
    INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, before, after, ip)
    SELECT ${now}, ${entry.actorUserId}, ${entry.action}, ${entry.entity ?? null},
      ${entry.entityId === undefined ? null : String(entry.entityId)}, ${json(entry.before)},
      ${json(entry.after)}, ${entry.ip ?? null}
    WHERE ${condition}`);
}

/**
 * The audit row of `actor` acting on one thing (`entity` and its id), with
 * what it was and became: to put in the same batch as the change.
 */
export function auditBy(
  db: Db,
  actor: { id: number | null },
  action: string,
  [entity, entityId]: [string, string | number],
  change: Pick<AuditEntry, "before" | "after"> = {},
  now = Date.now(),
) {
  return auditInsert(db, { actorUserId: actor.id, action, entity, entityId, ...change }, now);
}

export async function audit(db: Db, entry: AuditEntry, now = Date.now()) {
  await auditInsert(db, entry, now);
}

export async function listAudit(db: Db, { limit = 100, offset = 0 } = {}) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
      actorName: users.fullName,
      actorPhone: users.phone,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  const [{ total }] = await db.select({ total: sql<number>`count(*)` }).from(auditLog);
  return { rows, total };
}

/** Units (tổ dân phố, thôn, khu phố, schools, agencies): edits, import, and mapping "Khác". */
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { units, users, wards, UNIT_KINDS, type UnitKind } from "#db/schema";
import { chunks } from "~/utils/chunks";
import { message, type Message } from "~/utils/i18n";
import { parseVnNumber } from "~/utils/numbers";
import { authorize, type Actor } from "~/utils/permissions.server";
import { auditInsert } from "./audit.server";
import { mapColumns, mergeProblems, normaliseHeader, type Table } from "./spreadsheet.server";

export type UnitInput = {
  name: string;
  code: string | null;
  kind: UnitKind;
  denominator: number | null;
  denominatorKind: "population" | "households" | "members" | null;
};

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  to_dan_pho: "Tổ dân phố",
  thon: "Thôn",
  khu_pho: "Khu phố",
  school: "Trường học",
  agency: "Cơ quan",
  other: "Khác",
};
export const DENOMINATOR_LABELS = {
  population: "Dân số",
  households: "Hộ gia đình",
  members: "Thành viên",
} as const;

export async function listUnits(db: Db) {
  return db
    .select({
      id: units.id,
      name: units.name,
      code: units.code,
      kind: units.kind,
      denominator: units.denominator,
      denominatorKind: units.denominatorKind,
      retiredAt: units.retiredAt,
      residents: sql<number>`(select count(*) from users where users.unit_id = ${units.id})`,
    })
    .from(units)
    .orderBy(asc(units.id));
}

async function wardId(db: Db) {
  const [row] = await db.select({ wardId: units.wardId }).from(units).limit(1);
  if (row) return row.wardId;
  const [ward] = await db.select({ id: wards.id }).from(wards).limit(1);
  if (ward) return ward.id;
  const [created] = await db
    .insert(wards)
    .values({ name: "Phường", province: "" })
    .returning({ id: wards.id });
  return created.id;
}

export async function unitNameTaken(db: Db, name: string, exceptId?: number) {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(sql`lower(${units.name}) = lower(${name.trim()})`);
  return Boolean(row && row.id !== exceptId);
}

export async function createUnits(db: Db, inputs: UnitInput[], actor: Actor, now = Date.now()) {
  authorize(actor, "unit.manage");
  const ward = await wardId(db);
  const rows = inputs.map((u) => ({ ...u, wardId: ward, createdAt: now }));
  await db.batch([
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: inputs.length > 1 ? "unit.import" : "unit.create",
        entity: "unit",
        after: inputs.length > 1 ? { count: inputs.length } : inputs[0],
      },
      now,
    ),
    ...chunks(rows, 1000).map((part) => db.insert(units).values(part)),
  ]);
}

export async function updateUnit(db: Db, id: number, input: UnitInput, actor: Actor, now = Date.now()) {
  authorize(actor, "unit.manage");
  const [before] = await db.select().from(units).where(eq(units.id, id));
  await db.batch([
    db.update(units).set(input).where(eq(units.id, id)),
    auditInsert(
      db,
      { actorUserId: actor.id, action: "unit.update", entity: "unit", entityId: id, before, after: input },
      now,
    ),
  ]);
}

export async function setUnitRetired(db: Db, id: number, retired: boolean, actor: Actor, now = Date.now()) {
  authorize(actor, "unit.manage");
  await db.batch([
    db
      .update(units)
      .set({ retiredAt: retired ? now : null })
      .where(eq(units.id, id)),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: retired ? "unit.retire" : "unit.restore",
        entity: "unit",
        entityId: id,
      },
      now,
    ),
  ]);
}

/** Residents who chose "Khác" and are not yet mapped onto a unit. */
export function listUnmappedResidents(db: Db) {
  return db
    .select({ id: users.id, fullName: users.fullName, phone: users.phone, unitOther: users.unitOther })
    .from(users)
    .where(and(isNull(users.unitId), isNotNull(users.unitOther)))
    .orderBy(asc(users.unitOther));
}

export async function mapResidentToUnit(
  db: Db,
  userId: number,
  unitId: number,
  actor: Actor,
  now = Date.now(),
) {
  authorize(actor, "unit.manage");
  await db.batch([
    db
      .update(users)
      .set({ unitId })
      .where(and(eq(users.id, userId), isNull(users.unitId))),
    auditInsert(
      db,
      {
        actorUserId: actor.id,
        action: "unit.mapResident",
        entity: "user",
        entityId: userId,
        after: { unitId },
      },
      now,
    ),
  ]);
}

const columns = [
  { key: "code", header: "Mã" },
  { key: "name", header: "Tên đơn vị", required: true },
  { key: "kind", header: "Loại", required: true },
  { key: "denominator", header: "Mẫu số" },
  { key: "denominatorKind", header: "Mẫu số tính theo" },
] as const;

export const UNIT_HEADERS = columns.map((c) => c.header);
export const UNIT_TEMPLATE_ROWS = [
  ["TDP01", "Tổ dân phố 1", "Tổ dân phố", 420, "Dân số"],
  ["THCS", "Trường THCS Hòa Thuận", "Trường học", 62, "Thành viên"],
];

function lookup<T extends string>(value: string, labels: Record<T, string>): T | null {
  const wanted = normaliseHeader(value);
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (normaliseHeader(code) === wanted || normaliseHeader(label) === wanted) return code;
  }
  return null;
}

/** Units from a file; every bad row is reported and nothing is imported unless all are good. */
export function parseUnitTable(table: Table, existingNames: Set<string>) {
  const { get, problems: headerProblems } = mapColumns(table, [...columns]);
  const problems = [...headerProblems];
  const inputs: UnitInput[] = [];
  if (problems.length) return { inputs, problems };
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const here: Message[] = [];
    const name = get(cells, "name");
    const key = name.toLowerCase();
    if (!name) here.push("unitImport.nameMissing");
    else if (name.length > 120) here.push("unitImport.nameLong");
    else if (existingNames.has(key)) here.push(message("unitImport.nameExists", { name }));
    else if (seen.has(key))
      here.push(message("unitImport.nameRepeated", { name, line: seen.get(key) ?? "" }));
    if (name) seen.set(key, line);
    const kind = lookup(get(cells, "kind"), UNIT_KIND_LABELS);
    if (!kind)
      here.push(
        message("unitImport.kindInvalid", {
          value: get(cells, "kind"),
          kinds: UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]).join(", "),
        }),
      );
    // "1.200", "1,200" and "1 200" are the same; "7.5" is refused, never read as 75.
    const parsedDenominator = parseVnNumber(get(cells, "denominator"), { max: 999_999_999 });
    const denominator = parsedDenominator.ok ? parsedDenominator.value : null;
    if (!parsedDenominator.ok) {
      here.push(message("unitImport.denominatorInvalid", { value: get(cells, "denominator") }));
    }
    const denominatorKind = get(cells, "denominatorKind")
      ? lookup(get(cells, "denominatorKind"), DENOMINATOR_LABELS)
      : null;
    if (get(cells, "denominatorKind") && !denominatorKind) {
      here.push(message("unitImport.denominatorKindInvalid", { value: get(cells, "denominatorKind") }));
    }
    if (get(cells, "code").length > 20)
      here.push(message("unitImport.codeLong", { code: get(cells, "code").slice(0, 20) }));
    for (const message of here) problems.push({ line, message });
    if (here.length === 0 && kind) {
      inputs.push({
        name,
        code: get(cells, "code") || null,
        kind,
        denominator,
        denominatorKind:
          denominatorKind ??
          (denominator === null ? null : kind === "school" || kind === "agency" ? "members" : "population"),
      });
    }
  }
  return { inputs, problems: mergeProblems(table.problems, problems) };
}

/** The ward's active units for the registration form. */
export function listActiveUnits(db: Db) {
  return db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(isNull(units.retiredAt))
    .orderBy(asc(units.id));
}

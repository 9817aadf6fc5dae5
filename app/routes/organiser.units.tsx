import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { UNIT_KINDS } from "#db/schema";
import { ImportForm } from "~/components/import-form";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import {
  createUnits,
  listUnits,
  listUnmappedResidents,
  mapResidentToUnit,
  parseUnitTable,
  setUnitRetired,
  unitNameTaken,
  updateUnit,
} from "~/models/units.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { isMultipart, runImport } from "~/forms/import.server";
import { useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { parseVnNumber } from "~/utils/numbers";

const UnitSchema = z.object({
  name: z.string().trim().min(1, "units.nameRequired").max(120, "units.nameRequired"),
  code: z.string().trim().max(20).optional(),
  kind: z.enum(UNIT_KINDS),
  // "1.200", "1,200" and "1200" people are the same; "7,5" is refused, never 75.
  denominator: z
    .string()
    .max(30)
    .optional()
    .transform((text, ctx) => {
      const parsed = parseVnNumber(text ?? "", { max: 999_999_999 });
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: "units.denominatorInvalid" });
      return z.NEVER;
    }),
  denominatorKind: z.enum(["population", "households", "members"]).optional(),
});

const IntentSchema = z.discriminatedUnion("intent", [
  UnitSchema.extend({ intent: z.literal("create") }),
  UnitSchema.extend({ intent: z.literal("update"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("retire"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("restore"), id: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal("map"),
    userId: z.coerce.number().int().positive(),
    unitId: z.coerce.number().int().positive(),
  }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const [units, unmapped] = await Promise.all([listUnits(db), listUnmappedResidents(db)]);
  return { units, unmapped };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  if (isMultipart(request)) {
    return runImport(
      request,
      async (table) => parseUnitTable(table, new Set((await listUnits(db)).map((u) => u.name.toLowerCase()))),
      (inputs) => createUnits(db, inputs, user),
    );
  }
  const raw = Object.fromEntries(await readForm(request));
  const parsed = IntentSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, MessageKey> = {};
    for (const issue of parsed.error.issues)
      fieldErrors[String(issue.path[0])] ??= issue.message as MessageKey;
    return { fieldErrors, values: raw };
  }
  const v = parsed.data;
  if (v.intent === "create" || v.intent === "update") {
    if (await unitNameTaken(db, v.name, v.intent === "update" ? v.id : undefined)) {
      return { fieldErrors: { name: "units.nameTaken" as MessageKey }, values: raw };
    }
    const input = {
      name: v.name,
      code: v.code || null,
      kind: v.kind,
      denominator: v.denominator,
      denominatorKind: v.denominator !== null ? (v.denominatorKind ?? "population") : null,
    };
    if (v.intent === "create") await createUnits(db, [input], user);
    else await updateUnit(db, v.id, input, user);
  } else if (v.intent === "retire" || v.intent === "restore") {
    await setUnitRetired(db, v.id, v.intent === "retire", user);
  } else {
    await mapResidentToUnit(db, v.userId, v.unitId, user);
  }
  return { saved: true };
}

export default function UnitsPage() {
  const { units, unmapped } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const t = useT();
  const editing = units.find((u) => String(u.id) === searchParams.get("edit"));
  const errors: Record<string, MessageKey | undefined> =
    (result && "fieldErrors" in result ? result.fieldErrors : undefined) ?? {};
  const values = (result && "values" in result ? result.values : (editing ?? {})) as Record<string, unknown>;
  const str = (k: string) => (values[k] === null || values[k] === undefined ? "" : String(values[k]));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("units.title")}</h1>
      {result && "saved" in result ? <Alert tone="success">{t("org.saved")}</Alert> : null}

      <section
        className="rounded-xl border border-slate-200 bg-white p-4"
        aria-label={editing ? t("org.edit") : t("units.add")}
      >
        <h2 className="mb-3 text-xl font-bold">
          {editing ? `${t("org.edit")}: ${editing.name}` : t("units.add")}
        </h2>
        <Form method="post" className="grid grid-cols-1 gap-3 sm:grid-cols-2" key={editing?.id ?? "new"}>
          <input type="hidden" name="intent" value={editing ? "update" : "create"} />
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <Field
            label={t("units.name")}
            name="name"
            required
            defaultValue={str("name")}
            error={errors.name && t(errors.name)}
          />
          <Field label={t("units.code")} name="code" defaultValue={str("code")} />
          <label className="flex flex-col gap-1 text-lg font-semibold">
            {t("units.kind")}
            <select
              name="kind"
              defaultValue={str("kind") || "to_dan_pho"}
              className="min-h-12 rounded-lg border-2 border-slate-400 bg-white px-3 font-normal"
            >
              {UNIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`unitKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <Field
            label={t("units.denominator")}
            name="denominator"
            inputMode="numeric"
            defaultValue={str("denominator")}
            error={errors.denominator && t(errors.denominator)}
          />
          <label className="flex flex-col gap-1 text-lg font-semibold">
            {t("units.denominatorKind")}
            <select
              name="denominatorKind"
              defaultValue={str("denominatorKind") || "population"}
              className="min-h-12 rounded-lg border-2 border-slate-400 bg-white px-3 font-normal"
            >
              {(["population", "households", "members"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`denominatorKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="flex items-end gap-3">
            <Button disabled={navigation.state !== "idle"}>{editing ? t("org.save") : t("org.add")}</Button>
            {editing ? (
              <Link to="/organiser/units" className="text-lg underline">
                {t("org.cancel")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <ImportForm title={t("units.import")} templateHref="/organiser/templates/units.xlsx" result={result} />

      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-base">
          <thead className="bg-slate-100">
            <tr>
              <th className="p-2">{t("units.code")}</th>
              <th className="p-2">{t("units.name")}</th>
              <th className="p-2">{t("units.kind")}</th>
              <th className="p-2 text-right">{t("units.denominator")}</th>
              <th className="p-2">{t("org.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id} className={`border-t border-slate-200 ${u.retiredAt ? "text-slate-500" : ""}`}>
                <td className="p-2">{u.code}</td>
                <td className="p-2">
                  {u.name} {u.retiredAt ? `(${t("org.retired")})` : ""}
                </td>
                <td className="p-2">{t(`unitKind.${u.kind}`)}</td>
                <td className="p-2 text-right tabular-nums">
                  {u.denominator === null
                    ? "—"
                    : `${u.denominator.toLocaleString("vi-VN")} (${t(`denominatorKind.${u.denominatorKind ?? "population"}`)})`}
                </td>
                <td className="flex gap-3 p-2">
                  <Link
                    to={`?edit=${u.id}`}
                    className="text-brand-700 font-semibold underline"
                    aria-label={`${t("org.edit")} ${u.name}`}
                  >
                    {t("org.edit")}
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="id" value={u.id} />
                    <button
                      name="intent"
                      value={u.retiredAt ? "restore" : "retire"}
                      className="text-brand-700 underline"
                      aria-label={`${u.retiredAt ? t("org.restore") : t("org.retire")} ${u.name}`}
                    >
                      {u.retiredAt ? t("org.restore") : t("org.retire")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-label={t("units.other")}>
        <h2 className="text-xl font-bold">{t("units.other")}</h2>
        <p className="mb-2 text-base text-slate-700">{t("units.otherHint")}</p>
        {unmapped.length === 0 ? <p>{t("org.none")}</p> : null}
        <ul className="flex flex-col gap-2">
          {unmapped.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <Form method="post" className="flex flex-wrap items-center gap-3">
                <span>
                  {r.fullName} — “{r.unitOther}”
                </span>
                <input type="hidden" name="intent" value="map" />
                <input type="hidden" name="userId" value={r.id} />
                <select
                  name="unitId"
                  aria-label={`${t("units.map")} ${r.fullName}`}
                  className="min-h-10 rounded border-2 border-slate-400 bg-white px-2"
                >
                  {units
                    .filter((u) => !u.retiredAt)
                    .map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                </select>
                <Button variant="secondary">{t("units.map")}</Button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgUnits", {}, { app: false });

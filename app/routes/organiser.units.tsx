import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { UNIT_KINDS } from "#db/constants";
import { ImportForm } from "~/components/import-form";
import { Button } from "~/components/ui/button";
import { usePageForm, type PageFormResult } from "~/components/use-page-form";
import { PageForm, selectProps } from "~/components/form-controls";
import { Alert, Field, SelectField } from "~/components/ui/field";
import { DENOMINATOR_KINDS, UnitSchema, UnitsFormSchema } from "~/forms/units";
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
import { useT, metaTitle } from "~/utils/i18n";

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
  const submission = parseWithZod(await readForm(request), { schema: UnitsFormSchema });
  if (submission.status !== "success") return submission.reply();
  const v = submission.value;
  if (v.intent === "create" || v.intent === "update") {
    if (await unitNameTaken(db, v.name, v.intent === "update" ? v.id : undefined))
      return submission.reply({ fieldErrors: { name: ["units.nameTaken"] } });
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
  const [searchParams] = useSearchParams();
  const t = useT();
  const editing = units.find((u) => String(u.id) === searchParams.get("edit"));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("units.title")}</h1>
      {result && "saved" in result ? <Alert tone="success">{t("org.saved")}</Alert> : null}

      <UnitForm
        key={editing?.id ?? "new"}
        editing={editing}
        result={result && "status" in result ? result : undefined}
      />

      <ImportForm title={t("units.import")} templateHref="/organiser/templates/units.xlsx" result={result} />

      <UnitsTable units={units} />

      <UnmappedResidents unmapped={unmapped} units={units} />
    </div>
  );
}

type UnitsData = SerializeFrom<typeof loader>;

/** Every unit with its denominator and the edit and retire / restore buttons. */
function UnitsTable({ units }: { units: UnitsData["units"] }) {
  const t = useT();
  return (
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
  );
}

/** Residents who named a unit not in the list, each with a select to map them to one. */
function UnmappedResidents({
  unmapped,
  units,
}: {
  unmapped: UnitsData["unmapped"];
  units: UnitsData["units"];
}) {
  const t = useT();
  return (
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
  );
}

/** A unit added, or the one being edited (?edit=id). */
function UnitForm({
  editing,
  result,
}: {
  editing: SerializeFrom<typeof loader>["units"][number] | undefined;
  result: PageFormResult | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const { form, fields } = usePageForm(UnitSchema, {
    id: editing ? `unit-${editing.id}` : "unit-new",
    result,
    match: editing ? { intent: "update", id: editing.id } : { intent: "create" },
    defaultValue: {
      name: editing?.name,
      code: editing?.code ?? "",
      kind: editing?.kind ?? "to_dan_pho",
      denominator: editing?.denominator?.toString() ?? "",
      denominatorKind: editing?.denominatorKind ?? "population",
    },
  });
  return (
    <section
      className="rounded-xl border border-slate-200 bg-white p-4"
      aria-label={editing ? t("org.edit") : t("units.add")}
    >
      <h2 className="mb-3 text-xl font-bold">
        {editing ? `${t("org.edit")}: ${editing.name}` : t("units.add")}
      </h2>
      <PageForm form={form} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value={editing ? "update" : "create"} />
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <Field meta={fields.name} label={t("units.name")} required />
        <Field meta={fields.code} label={t("units.code")} />
        <SelectField
          key={fields.kind.key}
          {...selectProps(fields.kind)}
          label={t("units.kind")}
          options={UNIT_KINDS.map((k) => [k, t(`unitKind.${k}`)])}
          className="text-lg"
        />
        <Field meta={fields.denominator} label={t("units.denominator")} inputMode="numeric" />
        <SelectField
          key={fields.denominatorKind.key}
          {...selectProps(fields.denominatorKind)}
          label={t("units.denominatorKind")}
          options={DENOMINATOR_KINDS.map((k) => [k, t(`denominatorKind.${k}`)])}
          className="text-lg"
        />
        <div className="flex items-end gap-3">
          <Button disabled={navigation.state !== "idle"}>{editing ? t("org.save") : t("org.add")}</Button>
          {editing ? (
            <Link to="/organiser/units" className="text-lg underline">
              {t("org.cancel")}
            </Link>
          ) : null}
        </div>
      </PageForm>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgUnits", {}, { app: false });

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { teams } from "#db/schema";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { listActiveUnits } from "~/models/units.server";
import { loadSettings } from "~/models/contest-admin.server";
import {
  addMember,
  assertEditable,
  createTeam,
  deleteTeam,
  listTeams,
  removeMember,
  setCaptain,
  updateTeam,
} from "~/models/teams.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";
import { normalisePhone } from "~/utils/validation";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const id = z.coerce.number().int().positive();
/** A unit chosen from the list, or none (""). */
const unitId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null));
const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), unitId, name: z.string().trim().max(120) }),
  z.object({ intent: z.literal("rename"), teamId: id, unitId, name: z.string().trim().max(120) }),
  z.object({
    intent: z.literal("member"),
    teamId: id,
    phone: z.string().trim().max(30),
    name: z.string().trim().max(100),
  }),
  z.object({ intent: z.literal("captain"), teamId: id, userId: id }),
  z.object({ intent: z.literal("delete"), teamId: id }),
  z.object({ intent: z.literal("removeMember"), teamId: id, name: z.string().max(200) }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const { contest } = await orHttpError(() => loadSettings(db, contestId));
  const [teamList, units] = await Promise.all([listTeams(db, contestId), listActiveUnits(db)]);
  return {
    contest: { id: contest.id, title: contest.title, kind: contest.kind, entryModes: contest.entryModes },
    teams: teamList,
    units,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  await orHttpError(() => loadSettings(db, contestId));
  const parsed = IntentSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success)
    return {
      error: parsed.error.issues.some((i) => i.code === "too_big")
        ? ("teams.nameTooLong" as const)
        : ("field.required" as const),
    };
  const v = parsed.data;
  if (v.intent !== "create") {
    // The team must belong to this contest, whatever the form says.
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, v.teamId), eq(teams.contestId, contestId)));
    if (!team) throw new Response("Not found", { status: 404 });
  }
  try {
    await assertEditable(db, contestId);
    if (v.intent === "create") await createTeam(db, contestId, { unitId: v.unitId, name: v.name }, user);
    else if (v.intent === "rename") {
      await updateTeam(db, contestId, v.teamId, { unitId: v.unitId, name: v.name }, user);
      return { error: null, renamed: true };
    } else if (v.intent === "member") {
      const phone = v.phone ? normalisePhone(v.phone) : null;
      if (v.phone && !phone) return { error: "field.phoneInvalid" as const };
      await addMember(db, v.teamId, { phone, name: v.name }, user);
    } else if (v.intent === "captain") await setCaptain(db, v.teamId, v.userId, user);
    else if (v.intent === "delete") await deleteTeam(db, contestId, v.teamId, user);
    else await removeMember(db, contestId, v.teamId, v.name, user);
  } catch (error) {
    if (error instanceof DomainError) return { error: error.code, vars: error.vars };
    throw error;
  }
  return { error: null };
}

const input = "min-h-11 rounded-lg border-2 border-slate-400 px-2 text-base";

export default function Teams() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">
        {t("teams.title")}:{" "}
        <Link to={`/organiser/contests/${data.contest.id}`} className="underline">
          {data.contest.title}
        </Link>
      </h1>
      {data.contest.kind === "quiz" ? (
        <Alert tone="info">
          {t(data.contest.entryModes === "individual" ? "teamEntry.organiserOff" : "teamEntry.organiserHint")}
        </Alert>
      ) : null}
      {result?.error ? <Alert>{t(result.error, "vars" in result ? result.vars : undefined)}</Alert> : null}
      {result && "renamed" in result ? <Alert tone="success">{t("teams.renamed")}</Alert> : null}
      <Form
        method="post"
        className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-3"
        aria-label={t("teams.create")}
      >
        <input type="hidden" name="intent" value="create" />
        <label className="flex flex-col text-base font-semibold">
          {t("teams.unit")}
          <select name="unitId" className={`${input} bg-white`}>
            <option value="">—</option>
            {data.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-base font-semibold">
          {t("teams.name")}
          <input name="name" className={input} />
        </label>
        <Button>{t("teams.create")}</Button>
      </Form>
      {data.teams.length === 0 ? <p>{t("teams.none")}</p> : null}
      {data.teams.map((team) => (
        <section
          key={team.id}
          className="rounded-xl border border-slate-200 bg-white p-4"
          aria-label={team.name}
        >
          <h2 className="text-xl font-bold">
            {team.name} {team.unitName ? `— ${team.unitName}` : ""}
          </h2>
          <details className="my-2">
            <summary className="text-brand-700 min-h-11 cursor-pointer py-2 text-base font-semibold underline">
              {t("teams.rename")}
            </summary>
            <Form
              method="post"
              className="flex flex-wrap items-end gap-2"
              aria-label={`${t("teams.rename")}: ${team.name}`}
            >
              <input type="hidden" name="intent" value="rename" />
              <input type="hidden" name="teamId" value={team.id} />
              <label className="flex flex-col text-base font-semibold">
                {t("teams.unit")}
                <select name="unitId" defaultValue={team.unitId ?? ""} className={`${input} bg-white`}>
                  <option value="">—</option>
                  {/* A unit retired since keeps its place until the team is moved. */}
                  {team.unitId !== null && !data.units.some((u) => u.id === team.unitId) ? (
                    <option value={team.unitId}>{team.unitName}</option>
                  ) : null}
                  {data.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col text-base font-semibold">
                {t("teams.name")}
                <input name="name" defaultValue={team.name} className={input} />
              </label>
              <Button variant="secondary">{t("teams.renameSave")}</Button>
              <p className="w-full text-base text-slate-600">{t("teams.renameHint")}</p>
            </Form>
          </details>
          <ul className="my-2 list-disc pl-6">
            {team.members.map((m, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2">
                {m.displayName} {m.phone ? `(${m.phone})` : ""}
                {m.userId && m.userId === team.captainUserId ? <strong>· {t("teams.captain")}</strong> : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="removeMember" />
                  <input type="hidden" name="teamId" value={team.id} />
                  <input type="hidden" name="name" value={m.displayName} />
                  <button
                    className="text-accent-600 underline"
                    aria-label={`${t("teams.removeMember")}: ${m.displayName}`}
                  >
                    {t("teams.removeMember")}
                  </button>
                </Form>
                {m.userId && m.userId !== team.captainUserId ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="captain" />
                    <input type="hidden" name="teamId" value={team.id} />
                    <input type="hidden" name="userId" value={m.userId} />
                    <button className="text-brand-700 underline">{t("teams.makeCaptain")}</button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="member" />
            <input type="hidden" name="teamId" value={team.id} />
            <label className="flex flex-col text-base">
              {t("teams.memberPhone")}
              <input name="phone" type="tel" className={input} />
            </label>
            <label className="flex flex-col text-base">
              {t("teams.memberName")}
              <input name="name" className={input} />
            </label>
            <Button variant="secondary">{t("teams.addMember")}</Button>
          </Form>
          <Form
            method="post"
            className="mt-2"
            onSubmit={(e) => {
              if (!window.confirm(`${t("teams.delete")}: ${team.name}?`)) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="teamId" value={team.id} />
            <Button variant="danger" className="min-h-10 text-base">
              {t("teams.delete")}
            </Button>
          </Form>
        </section>
      ))}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgTeams", {}, { app: false });

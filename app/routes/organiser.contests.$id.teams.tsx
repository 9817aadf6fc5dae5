import { type FieldMetadata } from "@conform-to/react";
import { formProps } from "~/components/form-controls";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { and, eq } from "drizzle-orm";
import type { FormEvent, ReactNode } from "react";
import { z } from "zod";
import { teams } from "#db/schema";
import { ContestHeading } from "~/components/contest-heading";
import { answerAlerts, usePageForm, type PageFormResult } from "~/components/use-page-form";
import { Button } from "~/components/ui/button";
import { Alert, Field, FormAlerts, initial } from "~/components/ui/field";
import { TeamsFormSchema } from "~/forms/teams";
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
import { message, useT, metaTitle } from "~/utils/i18n";
import type { Actor } from "~/utils/permissions.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

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

/** What one of the page's forms asks, done by the model (which checks the contest is still editable). */
async function applyIntent(contestId: number, v: z.output<typeof TeamsFormSchema>, user: Actor) {
  await assertEditable(db, contestId);
  switch (v.intent) {
    case "create":
      return createTeam(db, contestId, { unitId: v.unitId, name: v.name }, user);
    case "rename":
      return updateTeam(db, contestId, v.teamId, { unitId: v.unitId, name: v.name }, user);
    case "member":
      return addMember(db, v.teamId, { phone: v.phone, name: v.name }, user);
    case "captain":
      return setCaptain(db, v.teamId, v.userId, user);
    case "delete":
      return deleteTeam(db, contestId, v.teamId, user);
    case "removeMember":
      return removeMember(db, contestId, v.teamId, v.name, user);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  await orHttpError(() => loadSettings(db, contestId));
  const submission = parseWithZod(await readForm(request), { schema: TeamsFormSchema });
  if (submission.status !== "success") return submission.reply();
  const v = submission.value;
  if (v.intent !== "create") {
    // The team must belong to this contest, whatever the form says.
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, v.teamId), eq(teams.contestId, contestId)));
    if (!team) throw new Response("Not found", { status: 404 });
  }
  try {
    await applyIntent(contestId, v, user);
  } catch (error) {
    if (error instanceof DomainError)
      return submission.reply({ formErrors: [message(error.code, error.vars)] });
    throw error;
  }
  return submission.reply();
}

type Data = Awaited<ReturnType<typeof loader>>;
type Team = Data["teams"][number];

const input = "min-h-11 rounded-lg border-2 border-slate-400 px-2 text-base";

export default function Teams() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-5">
      <ContestHeading
        label={t("teams.title")}
        title={data.contest.title}
        to={`/organiser/contests/${data.contest.id}`}
      />
      {data.contest.kind === "quiz" ? (
        <Alert tone="info">
          {t(data.contest.entryModes === "individual" ? "teamEntry.organiserOff" : "teamEntry.organiserHint")}
        </Alert>
      ) : null}
      <FormAlerts form={answerAlerts(result)} />
      {result?.status === "success" && result.initialValue?.intent === "rename" ? (
        <Alert tone="success">{t("teams.renamed")}</Alert>
      ) : null}
      <CreateTeamForm units={data.units} />
      {data.teams.length === 0 ? <p>{t("teams.none")}</p> : null}
      {data.teams.map((team) => (
        <TeamCard key={team.id} team={team} units={data.units} />
      ))}
    </div>
  );
}

/** The page's form for `intent` (and the ids in `match`), with the action's answer when it was this one. */
function useTeamsForm(
  id: string,
  match: Record<string, string | number>,
  defaultValue?: { unitId: number | null; name: string },
) {
  const result = useActionData<typeof action>() satisfies PageFormResult | undefined;
  return usePageForm(TeamsFormSchema, { id, result, match, defaultValue });
}

function CreateTeamForm({ units }: { units: Data["units"] }) {
  const t = useT();
  const { form, fields } = useTeamsForm("team-create", { intent: "create" });
  return (
    <Form
      method="post"
      {...formProps(form)}
      className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-3"
      aria-label={t("teams.create")}
    >
      <input type="hidden" name="intent" value="create" />
      <UnitSelect meta={fields.unitId} units={units} />
      <Field label={t("teams.name")} meta={fields.name} />
      <Button>{t("teams.create")}</Button>
    </Form>
  );
}

/** The unit a team belongs to, or none; a unit retired since keeps its place until the team is moved. */
function UnitSelect({
  meta,
  units,
  current,
}: {
  meta: FieldMetadata<number | null | undefined>;
  units: Data["units"];
  current?: Pick<Team, "unitId" | "unitName">;
}) {
  const t = useT();
  const retired = current?.unitId != null && !units.some((u) => u.id === current.unitId);
  return (
    <label className="flex flex-col text-base font-semibold">
      {t("teams.unit")}
      <select
        key={meta.key}
        name={meta.name}
        defaultValue={initial(meta) ?? ""}
        className={`${input} bg-white`}
      >
        <option value="">—</option>
        {retired ? <option value={current.unitId ?? ""}>{current.unitName}</option> : null}
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function TeamCard({ team, units }: { team: Team; units: Data["units"] }) {
  const t = useT();
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" aria-label={team.name}>
      <h2 className="text-xl font-bold">
        {team.name} {team.unitName ? `— ${team.unitName}` : ""}
      </h2>
      <details className="my-2">
        <summary className="text-brand-700 min-h-11 cursor-pointer py-2 text-base font-semibold underline">
          {t("teams.rename")}
        </summary>
        <RenameForm team={team} units={units} />
      </details>
      <ul className="my-2 list-disc pl-6">
        {team.members.map((m, i) => (
          <li key={i} className="flex flex-wrap items-center gap-2">
            {m.displayName} {m.phone ? `(${m.phone})` : ""}
            {m.userId && m.userId === team.captainUserId ? <strong>· {t("teams.captain")}</strong> : null}
            <ButtonForm
              id={`team-remove-${team.id}-${i}`}
              intent="removeMember"
              fields={{ teamId: team.id, name: m.displayName }}
            >
              <button
                className="text-accent-600 underline"
                aria-label={`${t("teams.removeMember")}: ${m.displayName}`}
              >
                {t("teams.removeMember")}
              </button>
            </ButtonForm>
            {m.userId && m.userId !== team.captainUserId ? (
              <ButtonForm
                id={`team-captain-${team.id}-${m.userId}`}
                intent="captain"
                fields={{ teamId: team.id, userId: m.userId }}
              >
                <button className="text-brand-700 underline">{t("teams.makeCaptain")}</button>
              </ButtonForm>
            ) : null}
          </li>
        ))}
      </ul>
      <MemberForm teamId={team.id} />
      <ButtonForm
        id={`team-delete-${team.id}`}
        intent="delete"
        fields={{ teamId: team.id }}
        className="mt-2"
        confirm={`${t("teams.delete")}: ${team.name}?`}
      >
        <Button variant="danger" className="min-h-10 text-base">
          {t("teams.delete")}
        </Button>
      </ButtonForm>
    </section>
  );
}

function RenameForm({ team, units }: { team: Team; units: Data["units"] }) {
  const t = useT();
  const { form, fields } = useTeamsForm(
    `team-rename-${team.id}`,
    { intent: "rename", teamId: team.id },
    { unitId: team.unitId, name: team.name },
  );
  return (
    <Form
      method="post"
      {...formProps(form)}
      className="flex flex-wrap items-end gap-2"
      aria-label={`${t("teams.rename")}: ${team.name}`}
    >
      <input type="hidden" name="intent" value="rename" />
      <input type="hidden" name="teamId" value={team.id} />
      <UnitSelect meta={fields.unitId} units={units} current={team} />
      <Field label={t("teams.name")} meta={fields.name} />
      <Button variant="secondary">{t("teams.renameSave")}</Button>
      <p className="w-full text-base text-slate-600">{t("teams.renameHint")}</p>
    </Form>
  );
}

function MemberForm({ teamId }: { teamId: number }) {
  const t = useT();
  const { form, fields } = useTeamsForm(`team-member-${teamId}`, { intent: "member", teamId });
  return (
    <Form method="post" {...formProps(form)} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="member" />
      <input type="hidden" name="teamId" value={teamId} />
      <Field label={t("teams.memberPhone")} meta={fields.phone} type="tel" />
      <Field label={t("teams.memberName")} meta={fields.name} />
      <Button variant="secondary">{t("teams.addMember")}</Button>
    </Form>
  );
}

/** A form that is one button (remove a member, make captain, delete the team): its ids ride in hidden fields. */
function ButtonForm({
  id,
  intent,
  fields,
  confirm,
  className,
  children,
}: {
  id: string;
  intent: "removeMember" | "captain" | "delete";
  fields: Record<string, string | number>;
  confirm?: string;
  className?: string;
  children: ReactNode;
}) {
  const match = { intent, ...fields };
  const { form } = useTeamsForm(id, match);
  const props = formProps(form);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (confirm && !window.confirm(confirm)) event.preventDefault();
    else props.onSubmit(event);
  };
  return (
    <Form method="post" {...props} onSubmit={onSubmit} className={className}>
      {Object.entries(match).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgTeams", {}, { app: false });

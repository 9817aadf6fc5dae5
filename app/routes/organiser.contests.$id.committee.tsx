import { formProps } from "~/components/form-controls";

import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contests } from "#db/schema";
import { Button } from "~/components/ui/button";
import { usePageForm } from "~/components/use-page-form";
import { Alert, Field, FormAlerts } from "~/components/ui/field";
import { RosterSchema } from "~/forms/roster";
import { listRoster, rosterCandidates, rosterFrozen, setRoster } from "~/models/committee.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { parseParams, readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";
import { can } from "~/utils/permissions.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

async function loadContest(id: number) {
  const [contest] = await db
    .select({
      id: contests.id,
      kind: contests.kind,
      title: contests.title,
      state: contests.state,
      closesAt: contests.closesAt,
      lockQuorum: contests.lockQuorum,
    })
    .from(contests)
    .where(eq(contests.id, id));
  if (!contest) throw data({ code: "error.notFound" }, { status: 404 });
  return contest;
}

/** Organisers see who decides the results; only an admin sets them, before the close. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const contest = await loadContest(id);
  const [roster, candidates] = await Promise.all([listRoster(db, id), rosterCandidates(db)]);
  return {
    contest,
    roster,
    candidates,
    frozen: rosterFrozen(contest, Date.now()),
    mayEdit: can(user, "contest.roster"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const { id } = parseParams(ParamsSchema, params);
  const submission = parseWithZod(await readForm(request), { schema: RosterSchema });
  if (submission.status !== "success")
    return data(submission.reply({ formErrors: ["roster.notCommittee"] }), { status: 422 });
  const { member, quorum } = submission.value;
  try {
    await setRoster(db, { contestId: id, userIds: member, quorum }, user);
    return submission.reply();
  } catch (error) {
    if (error instanceof DomainError)
      return data(submission.reply({ formErrors: [error.code] }), { status: error.status });
    throw error;
  }
}

export default function ContestCommittee() {
  const { contest, roster, candidates, frozen, mayEdit } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const { form, fields, result } = usePageForm(RosterSchema, {
    id: "roster",
    result: useActionData<typeof action>(),
    defaultValue: { member: roster.map((m) => m.userId), quorum: String(contest.lockQuorum) },
  });
  // The members as last posted (or saved): a refused form keeps its ticks without JavaScript too.
  const ticked = new Set([fields.member.initialValue ?? []].flat());
  const back =
    contest.kind === "stage" ? `/organiser/stage/${contest.id}` : `/organiser/contests/${contest.id}`;
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("roster.title")}</h1>
      <p className="text-lg">
        <Link to={back} className="underline">
          {contest.title}
        </Link>
      </p>
      <p className="text-lg">{t("roster.intro")}</p>
      <FormAlerts form={form} />
      {result?.status === "success" ? <Alert tone="success">{t("roster.saved")}</Alert> : null}
      {frozen ? <Alert tone="info">{t("roster.frozen")}</Alert> : null}
      {mayEdit && !frozen ? (
        <Form method="post" {...formProps(form)} className="flex flex-col gap-4">
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-xl font-bold">{t("roster.members")}</legend>
            {candidates.map((c) => (
              <label key={c.userId} className="flex min-h-12 items-center gap-3 text-lg">
                <input
                  type="checkbox"
                  name={fields.member.name}
                  value={c.userId}
                  defaultChecked={ticked.has(String(c.userId))}
                  className="size-6"
                />
                {c.fullName} · {c.phone} · {t(`role.${c.role}`)}
              </label>
            ))}
          </fieldset>
          <Field label={t("roster.quorum")} meta={fields.quorum} inputMode="numeric" />
          <Button disabled={busy} className="self-start">
            {t("roster.save")}
          </Button>
        </Form>
      ) : (
        <section aria-label={t("roster.members")}>
          {roster.length ? (
            <p className="text-lg">
              {t("roster.summary", {
                names: roster.map((m) => m.fullName).join(", "),
                quorum: contest.lockQuorum,
              })}
            </p>
          ) : (
            <p className="text-lg">{t("roster.none")}</p>
          )}
        </section>
      )}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgCommittee");

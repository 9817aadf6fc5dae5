import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contests } from "#db/schema";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import { listRoster, rosterCandidates, rosterFrozen, setRoster } from "~/models/committee.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { parseParams, readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";
import { can } from "~/utils/permissions.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
/** Ticked members and the quorum; a quorum that is not a whole number is the model's range message. */
const RosterSchema = z.object({
  members: z.array(z.coerce.number().int().positive()).max(200),
  quorum: z.coerce.number().int().catch(0),
});

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
  const form = await readForm(request);
  const parsed = RosterSchema.safeParse({ members: form.getAll("member"), quorum: form.get("quorum") });
  if (!parsed.success) return data({ error: "roster.notCommittee" as const, saved: false }, { status: 422 });
  try {
    await setRoster(db, { contestId: id, userIds: parsed.data.members, quorum: parsed.data.quorum }, user);
    return { error: null, saved: true };
  } catch (error) {
    if (error instanceof DomainError)
      return data({ error: error.code, saved: false }, { status: error.status });
    throw error;
  }
}

export default function ContestCommittee() {
  const { contest, roster, candidates, frozen, mayEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const members = new Set(roster.map((m) => m.userId));
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
      {result?.error ? <Alert>{t(result.error)}</Alert> : null}
      {result?.saved ? <Alert tone="success">{t("roster.saved")}</Alert> : null}
      {frozen ? <Alert tone="info">{t("roster.frozen")}</Alert> : null}
      {mayEdit && !frozen ? (
        <Form method="post" className="flex flex-col gap-4">
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-xl font-bold">{t("roster.members")}</legend>
            {candidates.map((c) => (
              <label key={c.userId} className="flex min-h-12 items-center gap-3 text-lg">
                <input
                  type="checkbox"
                  name="member"
                  value={c.userId}
                  defaultChecked={members.has(c.userId)}
                  className="size-6"
                />
                {c.fullName} · {c.phone} · {t(`role.${c.role}`)}
              </label>
            ))}
          </fieldset>
          <Field
            label={t("roster.quorum")}
            name="quorum"
            inputMode="numeric"
            defaultValue={String(contest.lockQuorum)}
          />
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

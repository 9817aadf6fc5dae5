import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { useLiveRefresh } from "~/components/use-live-refresh";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { AudienceVoteSchema } from "~/forms/audience-vote";
import { audienceTally, castAudienceVote, myAudienceVote } from "~/models/audience-vote.server";
import { getContestBySlug } from "~/models/contest.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { metaTitle, useT } from "~/utils/i18n";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** While the vote has not opened, the page asks again this often, so the teams appear without a reload. */
const WAIT_REFRESH_MS = 5000;

/** A stage contest's audience vote, for the signed-in person (others go to sign in and come back here). */
async function stageContest(request: Request, params: unknown) {
  const user = await requireUser(request);
  const { slug } = parseParams(ParamsSchema, params);
  const contest = await orHttpError(() => getContestBySlug(db, slug));
  if (contest.kind !== "stage") throw data({ code: "contest.notFound" }, { status: 404 });
  return { user, contest };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, contest } = await stageContest(request, params);
  const [tally, mine] = await Promise.all([
    audienceTally(db, contest.id),
    myAudienceVote(db, contest.id, user.id),
  ]);
  return {
    contest: { slug: contest.slug, title: contest.title },
    state: tally.state,
    teams: tally.votes.filter((v) => !v.disqualified).map((v) => ({ id: v.teamId, name: v.name })),
    mine: tally.votes.find((v) => v.teamId === mine)?.name ?? null,
    mineId: mine,
    winners: tally.winners.map((w) => w.name),
    top: tally.top,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, contest } = await stageContest(request, params);
  const parsed = AudienceVoteSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "audienceVote.noTeam" as const }, { status: 422 });
  try {
    await castAudienceVote(db, { contestId: contest.id, teamId: parsed.data.teamId, user });
  } catch (error) {
    if (error instanceof DomainError) return data({ error: error.code }, { status: error.status });
    throw error;
  }
  // After the post, a page of its own: a reload does not send the vote again.
  return redirect(`/contests/${contest.slug}/vote?da-binh-chon=1`);
}

/** Asks the server again every few seconds while mounted (only while the vote has not opened). */
function WaitForOpening() {
  useLiveRefresh(WAIT_REFRESH_MS);
  return null;
}

export default function AudienceVote() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const thanks = useSearchParams()[0].has("da-binh-chon") && !reply;
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("audienceVote.pageTitle")}</h1>
      <p className="text-xl">
        {t("audienceVote.prize")} — {data.contest.title}
      </p>
      {reply ? <Alert>{t(reply.error)}</Alert> : null}
      {data.mine ? (
        <Alert tone="success">
          {thanks ? `${t("audienceVote.thanks")} ` : ""}
          <strong>{t("audienceVote.youVoted", { team: data.mine })}</strong>
          {data.state === "open" ? <span className="mt-1 block">{t("audienceVote.canChange")}</span> : null}
        </Alert>
      ) : null}
      {data.state === "notOpened" ? (
        <Alert tone="info">
          <strong className="block">{t("audienceVote.stateNotOpened")}</strong>
          {t("audienceVote.waitOpen")}
          <WaitForOpening />
        </Alert>
      ) : null}
      {data.state === "off" ? <Alert tone="info">{t("audienceVote.off")}</Alert> : null}
      {data.state === "closed" ? (
        <Alert tone="info">
          <strong className="block">{t("audienceVote.closedText")}</strong>
          {data.winners.length
            ? t("audienceVote.winner", { teams: data.winners.join("; "), n: data.top })
            : t("audienceVote.noWinner")}
        </Alert>
      ) : null}
      {data.state === "open" ? (
        <Form method="post" className="flex flex-col gap-4">
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-1 text-2xl font-bold">{t("audienceVote.choose")}</legend>
            <p className="text-lg text-slate-700">{t("audienceVote.oneVote")}</p>
            {data.teams.map((team) => (
              <label
                key={team.id}
                className="has-checked:border-brand-700 has-checked:bg-brand-50 flex min-h-16 cursor-pointer items-center gap-4 rounded-xl border-2 border-slate-300 bg-white p-4 text-xl font-semibold"
              >
                <input
                  type="radio"
                  name="teamId"
                  value={team.id}
                  required
                  defaultChecked={team.id === data.mineId}
                  className="size-7 shrink-0"
                />
                {team.name}
              </label>
            ))}
          </fieldset>
          <Button disabled={busy} className="min-h-14 w-full text-xl">
            {t("audienceVote.submit")}
          </Button>
        </Form>
      ) : null}
      <p className="text-lg">
        <Link to={`/contests/${data.contest.slug}`} className="text-brand-700 font-semibold underline">
          {t("audienceVote.backToContest")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? metaTitle(matches, "title.audienceVote", { contest: data.contest.title })
    : metaTitle(matches, "title.audienceVoteNone");

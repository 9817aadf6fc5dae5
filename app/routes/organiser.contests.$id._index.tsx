import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContestAdminHeader } from "~/components/contest-admin-header";
import { ContestForm } from "~/components/contest-form";
import { Button } from "~/components/ui/button";
import { ContestFormSchema } from "~/forms/contest-form";
import {
  cloneContest,
  hasStarted,
  loadSettings,
  pickSettings,
  publishContest,
  slugTaken,
  unpublishContest,
  updateQuizContest,
} from "~/models/contest-admin.server";
import { contestStatus } from "~/models/contest.server";
import { requireRole } from "~/utils/auth.server";
import {
  contestFieldErrors,
  contestFormContext,
  contestFormValues,
  readContestForm,
} from "~/forms/contest-form.server";
import { db } from "~/utils/db.server";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** The page's forms: the state buttons and the settings (saved, or saved with the thể lệ written anew). */
const ContestPageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("unpublish") }),
  z.object({ intent: z.literal("clone") }),
  ContestFormSchema.extend({ intent: z.enum(["save", "regenerate"]) }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const { contest, prizes, exclusions } = await orHttpError(() => loadSettings(db, id));
  if (contest.kind === "stage") throw redirect(`/organiser/stage/${id}`);
  if (contest.kind === "season") throw redirect(`/organiser/seasons/${id}`);
  const [context, started] = await Promise.all([contestFormContext(db), hasStarted(db, id)]);
  return {
    ...context,
    contest: {
      id: contest.id,
      slug: contest.slug,
      title: contest.title,
      kind: contest.kind,
      state: contest.state,
      status: contestStatus(contest, Date.now()),
      seasonId: contest.seasonId,
      roundNo: contest.roundNo,
    },
    values: await contestFormValues(db, pickSettings(contest), prizes, exclusions),
    started,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const { contest } = await orHttpError(() => loadSettings(db, id));
  const form = await readForm(request);
  if (!form.has("intent")) form.set("intent", "save");
  const submission = parseWithZod(form, { schema: ContestPageSchema });
  if (submission.status !== "success") return { kind: "form" as const, reply: submission.reply() };
  const { value } = submission;
  if (value.intent === "publish" || value.intent === "unpublish") {
    const publish = value.intent === "publish";
    const messages = publish ? await publishContest(db, id, user) : await unpublishContest(db, id, user);
    return {
      kind: "state" as const,
      messages,
      done: publish ? "contests.published" : "contests.unpublished",
    } as const;
  }
  if (value.intent === "clone")
    return redirect(`/organiser/contests/${await cloneContest(db, id, user)}?saved=1`);
  const { settings, prizes, exclusions, problems } = await readContestForm(db, form, contest.wardName);
  if (!problems.slug && (await slugTaken(db, settings.slug, id))) problems.slug = "contestForm.slugTaken";
  if (Object.keys(problems).length === 0)
    Object.assign(
      problems,
      await updateQuizContest(
        db,
        id,
        { settings, prizes, exclusions, reason: value.amendmentReason.slice(0, 1000) },
        user,
      ),
    );
  if (Object.keys(problems).length)
    return { kind: "form" as const, reply: submission.reply({ fieldErrors: contestFieldErrors(problems) }) };
  return redirect(`/organiser/contests/${id}?saved=1`);
}

export default function EditContest() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const { contest } = data;
  return (
    <div className="flex flex-col gap-4">
      <ContestAdminHeader
        title={contest.title}
        status={contest.status}
        result={result?.kind === "state" ? result : undefined}
        acted={Boolean(result)}
      />
      {contest.seasonId !== null ? (
        <p className="text-lg">
          {t("season.round", { n: contest.roundNo ?? 0 })} ·{" "}
          <Link
            to={`/organiser/seasons/${contest.seasonId}`}
            className="text-brand-700 font-semibold underline"
          >
            {t("season.view")}
          </Link>
        </p>
      ) : null}
      <Form method="post" className="flex flex-wrap gap-3">
        {contest.state === "draft" ? (
          <Button name="intent" value="publish">
            {t("contests.publish")}
          </Button>
        ) : null}
        {contest.state === "published" && !data.started ? (
          <Button name="intent" value="unpublish" variant="secondary">
            {t("contests.unpublish")}
          </Button>
        ) : null}
        <Button name="intent" value="clone" variant="secondary">
          {t("contests.clone")}
        </Button>
        <Link
          to={`/contests/${contest.slug}`}
          className="text-brand-700 self-center text-lg font-semibold underline"
        >
          {t("contests.preview")}
        </Link>
        <Link
          to={`/staff/contests/${contest.id}/stats`}
          className="text-brand-700 self-center text-lg font-semibold underline"
        >
          {t("stats.title")}
        </Link>
        <Link
          to={`/organiser/contests/${contest.id}/teams`}
          className="text-brand-700 self-center text-lg font-semibold underline"
        >
          {t("contests.teams")}
        </Link>
        <Link
          to={`/organiser/contests/${contest.id}/committee`}
          className="text-brand-700 self-center text-lg font-semibold underline"
        >
          {t("roster.link")}
        </Link>
        {contest.kind === "quiz" ? (
          <>
            <a
              href={`/organiser/contests/${contest.id}/paper`}
              className="text-brand-700 self-center text-lg font-semibold underline"
              download
            >
              {t("questionPapers.paper")}
            </a>
            <a
              href={`/organiser/contests/${contest.id}/key`}
              className="text-brand-700 self-center text-lg font-semibold underline"
              download
            >
              {t("questionPapers.key")}
            </a>
          </>
        ) : null}
      </Form>
      {contest.kind === "quiz" ? (
        <ContestForm
          key={JSON.stringify(data.values)}
          values={data.values}
          lastResult={result?.kind === "form" ? result.reply : undefined}
          units={data.units}
          bank={data.bank}
          categories={data.categories}
          locked={data.started}
        />
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgContestEdit", {}, { app: false });

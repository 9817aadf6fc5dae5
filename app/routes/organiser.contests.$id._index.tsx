import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ContestForm } from "~/components/contest-form";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
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
  contestFormContext,
  contestFormValues,
  rawFormValues,
  readContestForm,
} from "~/forms/contest-form.server";
import { db } from "~/utils/db.server";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useT, type MessageKey, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const { contest, prizes, exclusions } = await orHttpError(() => loadSettings(db, id));
  if (contest.kind === "stage") throw redirect(`/organiser/stage/${id}`);
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
  const intent = String(form.get("intent") ?? "save");
  if (intent === "publish" || intent === "unpublish") {
    const messages =
      intent === "publish" ? await publishContest(db, id, user) : await unpublishContest(db, id, user);
    const done: MessageKey = intent === "publish" ? "contests.published" : "contests.unpublished";
    return { kind: "state" as const, messages, done };
  }
  if (intent === "clone") return redirect(`/organiser/contests/${await cloneContest(db, id, user)}?saved=1`);
  const { settings, prizes, exclusions, problems } = await readContestForm(db, form, contest.wardName);
  if (!problems.slug && (await slugTaken(db, settings.slug, id)))
    problems.slug = "Đường dẫn này đã được dùng cho cuộc thi khác.";
  if (Object.keys(problems).length === 0)
    Object.assign(
      problems,
      await updateQuizContest(
        db,
        id,
        { settings, prizes, exclusions, reason: String(form.get("amendmentReason") ?? "").slice(0, 1000) },
        user,
      ),
    );
  if (Object.keys(problems).length) return { kind: "form" as const, problems, values: rawFormValues(form) };
  return redirect(`/organiser/contests/${id}?saved=1`);
}

export default function EditContest() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const { contest } = data;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{contest.title}</h1>
      <p className="text-lg">
        {t("contests.state")}: <strong>{t(`contest.status.${contest.status}` as MessageKey)}</strong>
      </p>
      {searchParams.get("saved") && !result ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      {result?.kind === "state" ? (
        result.messages.length ? (
          <Alert>
            <ul className="list-disc pl-6">
              {result.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Alert tone="success">{t(result.done)}</Alert>
        )
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
      </Form>
      {contest.kind === "quiz" ? (
        <ContestForm
          key={JSON.stringify(data.values)}
          values={result?.kind === "form" ? result.values : data.values}
          problems={result?.kind === "form" ? result.problems : {}}
          units={data.units}
          bank={data.bank}
          locked={data.started}
        />
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgContestEdit", {}, { app: false });

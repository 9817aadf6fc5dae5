import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContestAdminHeader } from "~/components/contest-admin-header";
import { StageSettingsForm } from "~/components/stage/stage-settings-form";
import { Button } from "~/components/ui/button";
import { contestFieldErrors } from "~/forms/contest-form.server";
import { StageFormSchema } from "~/forms/stage-form";
import { slugTaken } from "~/models/contest-admin.server";
import { contestStatus } from "~/models/contest.server";
import { stageScored } from "~/models/contest-amendments.server";
import { publishStage, setJudges, stageSetup, updateStageSettings } from "~/models/stage.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";
import { readStageForm, stageValues } from "~/forms/stage-form.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** The page's forms: publish, the jury, and the settings. */
const StagePageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("judges"), judge: z.array(z.number().int().catch(Number.NaN)).catch([]) }),
  StageFormSchema.extend({ intent: z.literal("settings") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const setup = await orHttpError(() => stageSetup(db, id));
  const { contest } = setup;
  return {
    scored: await stageScored(db, id),
    contest: {
      id,
      slug: contest.slug,
      title: contest.title,
      state: contest.state,
      status: contestStatus(contest, Date.now()),
    },
    values: stageValues(contest, setup.prizes),
    judges: setup.judges,
    counts: { parts: setup.parts.length, teams: setup.teams.length },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  await orHttpError(() => stageSetup(db, id));
  const form = await readForm(request);
  if (!form.has("intent")) form.set("intent", "settings");
  const submission = parseWithZod(form, { schema: StagePageSchema });
  if (submission.status !== "success") return { kind: "form" as const, reply: submission.reply() };
  const { value } = submission;
  try {
    if (value.intent === "publish") {
      const messages = await publishStage(db, id, user);
      return { kind: "state" as const, messages, done: "contests.published" as const };
    }
    if (value.intent === "judges") {
      await setJudges(db, id, value.judge.filter(Number.isInteger), user);
      return { kind: "state" as const, messages: [], done: "stage.judgesSaved" as const };
    }
    const { settings, prizes, problems } = readStageForm(form);
    if (!problems.slug && (await slugTaken(db, settings.slug, id))) problems.slug = "contestForm.slugTaken";
    if (Object.keys(problems).length === 0)
      Object.assign(
        problems,
        await updateStageSettings(
          db,
          id,
          { settings, prizes, reason: value.amendmentReason.slice(0, 1000) },
          user,
        ),
      );
    if (Object.keys(problems).length)
      return {
        kind: "form" as const,
        reply: submission.reply({ fieldErrors: contestFieldErrors(problems) }),
      };
    return { kind: "state" as const, messages: [], done: "org.saved" as const };
  } catch (error) {
    if (error instanceof DomainError) return { kind: "error" as const, error: error.code };
    throw error;
  }
}

const link = "text-brand-700 text-lg font-semibold underline";

export default function StageOverview() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const { contest } = data;
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <ContestAdminHeader
        title={contest.title}
        status={contest.status}
        kind={t("stage.kind")}
        result={result?.kind === "form" ? undefined : result}
        acted={Boolean(result)}
      />
      <nav aria-label={t("stage.steps")} className="flex flex-wrap gap-x-5 gap-y-2">
        <Link to="parts" className={link}>
          {t("stage.parts")} ({data.counts.parts})
        </Link>
        <Link to={`/organiser/contests/${contest.id}/teams`} className={link}>
          {t("contests.teams")} ({data.counts.teams})
        </Link>
        <Link to={`/organiser/contests/${contest.id}/committee`} className={link}>
          {t("roster.link")}
        </Link>
        <Link to="order" className={link}>
          {t("stage.order")}
        </Link>
        <Link to="live" className={link}>
          {t("stage.live")}
        </Link>
        <Link to="paper-scores" className={link}>
          {t("stagePaper.link")}
        </Link>
        <Link to="timer" className={link}>
          {t("stageTiming.link")}
        </Link>
        <Link to={`/contests/${contest.slug}/scoreboard`} className={link}>
          {t("stage.scoreboard")}
        </Link>
        <Link to={`/contests/${contest.slug}`} className={link}>
          {t("contests.preview")}
        </Link>
      </nav>
      {contest.state === "draft" ? (
        <Form method="post">
          <Button name="intent" value="publish">
            {t("contests.publish")}
          </Button>
        </Form>
      ) : null}

      <Form method="post" className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
        <input type="hidden" name="intent" value="judges" />
        <fieldset className="flex min-w-0 flex-col gap-2">
          <legend className="text-xl font-bold">{t("stage.judges")}</legend>
          <p className="text-base text-slate-600">{t("stage.judgesHint")}</p>
          {data.judges.length === 0 ? <p>{t("stage.noJudgeAccounts")}</p> : null}
          {data.judges.map((j) => (
            <label key={j.id} className="flex min-h-11 items-center gap-3 text-lg">
              <input
                type="checkbox"
                name="judge"
                value={j.id}
                defaultChecked={j.assigned}
                className="size-6"
              />
              {j.fullName} · {j.phone}
              {j.unitName ? ` · ${j.unitName}` : ""}
            </label>
          ))}
        </fieldset>
        <Button variant="secondary" className="self-start">
          {t("stage.saveJudges")}
        </Button>
      </Form>

      <StageSettingsForm
        key={JSON.stringify(data.values)}
        values={data.values}
        lastResult={result?.kind === "form" ? result.reply : undefined}
        scored={data.scored}
        submitLabel={t("org.save")}
      />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgStage", {}, { app: false });

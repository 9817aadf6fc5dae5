import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { StageSettingsForm } from "~/components/stage/stage-settings-form";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { slugTaken } from "~/models/contest-admin.server";
import { contestStatus } from "~/models/contest.server";
import { stageScored } from "~/models/contest-amendments.server";
import { publishStage, setJudges, stageSetup, updateStageSettings } from "~/models/stage.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { rawStageValues, readStageForm, stageValues } from "~/forms/stage-form.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

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
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "publish") {
      const messages = await publishStage(db, id, user);
      return { kind: "messages" as const, messages, done: "contests.published" as MessageKey };
    }
    if (intent === "judges") {
      const ids = form.getAll("judge").map(Number).filter(Number.isInteger);
      await setJudges(db, id, ids, user);
      return { kind: "messages" as const, messages: [], done: "stage.judgesSaved" as MessageKey };
    }
    const { settings, prizes, problems } = readStageForm(form);
    if (!problems.slug && (await slugTaken(db, settings.slug, id)))
      problems.slug = "Đường dẫn này đã được dùng cho cuộc thi khác.";
    if (Object.keys(problems).length)
      return { kind: "form" as const, problems, values: rawStageValues(form) };
    const refused = await updateStageSettings(
      db,
      id,
      { settings, prizes, reason: String(form.get("amendmentReason") ?? "").slice(0, 1000) },
      user,
    );
    if (Object.keys(refused).length)
      return {
        kind: "form" as const,
        problems: refused as Record<string, string>,
        values: rawStageValues(form),
      };
    return { kind: "messages" as const, messages: [], done: "org.saved" as MessageKey };
  } catch (error) {
    if (error instanceof DomainError) return { kind: "error" as const, error: error.code };
    throw error;
  }
}

const link = "text-brand-700 text-lg font-semibold underline";

export default function StageOverview() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const { contest } = data;
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <h1 className="text-3xl font-bold">{contest.title}</h1>
      <p className="text-lg">
        {t("stage.kind")} · {t("contests.state")}:{" "}
        <strong>{t(`contest.status.${contest.status}` as MessageKey)}</strong>
      </p>
      {searchParams.get("saved") && !result ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      {result?.kind === "error" ? <Alert>{t(result.error)}</Alert> : null}
      {result?.kind === "messages" ? (
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
        values={result?.kind === "form" ? result.values : data.values}
        problems={result?.kind === "form" ? result.problems : {}}
        scored={data.scored}
        submitLabel={t("org.save")}
      />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgStage", {}, { app: false });

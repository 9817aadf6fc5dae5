import { formProps } from "~/components/form-controls";

import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContestHeading } from "~/components/contest-heading";
import { AudienceVotePanel } from "~/components/stage/audience-vote-panel";
import { KnowledgeCueButtons, KnowledgeCuePanel } from "~/components/stage/knowledge-cue";
import { LIVE_REFRESH_MS, ScoringAlerts } from "~/components/stage/scoring-alerts";
import { useLiveRefresh } from "~/components/use-live-refresh";
import { usePageForm, type PageFormResult } from "~/components/use-page-form";
import { Button } from "~/components/ui/button";
import { Alert, Field, FormAlerts } from "~/components/ui/field";
import { knowledgeMarks, readOvertime, StageLiveSchema } from "~/forms/stage-live";
import { stageAlerts } from "~/models/stage-alerts.server";
import { audienceTally } from "~/models/audience-vote.server";
import { computeStage, eligibleJudges } from "~/models/stage-results.server";
import { knowledgeSheet, saveKnowledgeMarks, saveOvertime } from "~/models/stage-judging.server";
import { paperEntries } from "~/models/stage-paper.server";
import { loadStageContest, stageSetup } from "~/models/stage.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { formatNumber } from "~/utils/format";
import { message, useLocale, useT, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const contest = await orHttpError(() => loadStageContest(db, contestId));
  const [setup, stage, marks, paper, alerts] = await Promise.all([
    stageSetup(db, contestId),
    computeStage(db, contest),
    knowledgeSheet(db, contestId),
    paperEntries(db, contestId),
    stageAlerts(db, contestId),
  ]);
  const teams = [...stage.teams].sort(
    (a, b) =>
      (setup.teams.find((x) => x.id === a.id)?.performanceOrder ?? a.number) -
      (setup.teams.find((x) => x.id === b.id)?.performanceOrder ?? b.number),
  );
  return {
    contest: { id: contestId, title: contest.title },
    parts: setup.parts,
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      eligibleJudges: eligibleJudges(stage, t),
      conflictedJudges: t.conflictedJudges,
      parts: t.parts,
    })),
    marks,
    paper,
    alerts,
    audienceVote: contest.audienceVote ? await audienceTally(db, contestId) : null,
    // The server's time, for the MC's countdown of the question on the projector.
    at: Date.now(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const submission = parseWithZod(await readForm(request), { schema: StageLiveSchema });
  if (submission.status !== "success") return submission.reply();
  const v = submission.value;
  try {
    if (v.intent === "knowledge")
      await saveKnowledgeMarks(db, { contestId, partId: v.partId, right: knowledgeMarks(v), actor: user });
    else {
      const overtime = readOvertime(v.overtimeSec);
      if (!overtime.ok)
        return submission.reply({ formErrors: [message(overtime.problem.key, overtime.problem.vars)] });
      await saveOvertime(db, {
        contestId,
        partId: v.partId,
        teamId: v.teamId,
        overtimeSec: overtime.sec,
        actor: user,
      });
    }
  } catch (error) {
    if (error instanceof DomainError) return submission.reply({ formErrors: [error.code] });
    throw error;
  }
  return submission.reply();
}

type Data = Awaited<ReturnType<typeof loader>>;
type Part = Data["parts"][number];
type Team = Data["teams"][number];

export default function StageLive() {
  const { contest, parts, teams, marks, paper, alerts, at } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { audienceVote } = useLoaderData<typeof loader>();
  // Judges' progress and the alerts follow their saves without a reload.
  useLiveRefresh(LIVE_REFRESH_MS);
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <ContestHeading label={t("stage.live")} title={contest.title} to={`/organiser/stage/${contest.id}`} />
      <ScoringAlerts alerts={alerts} />
      {audienceVote ? <AudienceVotePanel tally={audienceVote} /> : null}
      {parts.map((part) => (
        <section
          key={part.id}
          aria-label={part.name}
          className="min-w-0 rounded-xl border border-slate-200 bg-white p-4"
        >
          <h2 className="text-xl font-bold">
            {part.name} — {t("stage.maxPoints", { n: part.maxScore })}
            {part.closedAt ? ` · ${t("stage.partClosedLabel")}` : ""}
          </h2>
          {part.scoring === "judges" ? (
            <JudgesProgress part={part} teams={teams} paper={paper} />
          ) : (
            <>
              <KnowledgeCuePanel part={part} contestId={contest.id} at={at} />
              <KnowledgeForm part={part} teams={teams} marks={marks} />
            </>
          )}
          {part.timeLimitSec ? (
            <div className="mt-2 flex flex-col gap-2">
              <h3 className="text-lg font-semibold">
                {t("stage.overtime", {
                  min: formatNumber(part.timeLimitSec / 60, locale),
                  pen: formatNumber(part.overtimePenaltyPerMin ?? 0, locale),
                })}
              </h3>
              {teams.map((team) => (
                <OvertimeForm key={team.id} part={part} team={team} />
              ))}
            </div>
          ) : null}
        </section>
      ))}
    </div>
  );
}

/** How many of the judges who may score each team have scored it in a part. */
function JudgesProgress({ part, teams, paper }: { part: Part; teams: Team[]; paper: Data["paper"] }) {
  const t = useT();
  const fromPaper = paper.filter((p) => p.partId === part.id);
  return (
    <>
      <ul className="my-2">
        {teams.map((team) => {
          const score = team.parts.find((p) => p.partId === part.id);
          return (
            <li key={team.id}>
              {team.name}: {t("stage.judgesScored", { n: score?.judges ?? 0, of: team.eligibleJudges })}
              {team.conflictedJudges ? ` — ${t("stage.flag.conflicts", { n: team.conflictedJudges })}` : ""}
            </li>
          );
        })}
      </ul>
      {fromPaper.length ? (
        <div className="my-2">
          <h3 className="text-lg font-semibold">{t("stagePaper.paperEntries")}</h3>
          <ul>
            {fromPaper.map((p) => (
              <li key={`${p.teamId}-${p.judgeName}`}>
                {t("stagePaper.paperEntry", {
                  team: teams.find((team) => team.id === p.teamId)?.name ?? "",
                  judge: p.judgeName,
                  name: p.enteredByName ?? "",
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** The live page's form for `match` (intent and ids), with the action's answer when it was this one. */
function useLiveForm(
  id: string,
  match: Record<string, string | number>,
  defaultValue?: { overtimeSec: string },
) {
  const result = useActionData<typeof action>() satisfies PageFormResult | undefined;
  return usePageForm(StageLiveSchema, { id, result, match, defaultValue });
}

/** A knowledge part's right answers, question by team: boxes, or one team per question with a buzzer. */
function KnowledgeForm({ part, teams, marks }: { part: Part; teams: Team[]; marks: string[] }) {
  const t = useT();
  const { form, result } = useLiveForm(`knowledge-${part.id}`, {
    intent: "knowledge",
    partId: part.id,
  });
  const marked = new Set(marks);
  const buzzer = part.knowledgeMode === "buzzer";
  const questions = Array.from({ length: part.knowledgeQuestions ?? 0 }, (_, i) => i + 1);
  return (
    <Form method="post" {...formProps(form)} className="my-2 flex min-w-0 flex-col gap-2">
      <FormAlerts form={form} />
      {result?.status === "success" ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      <input type="hidden" name="intent" value="knowledge" />
      <input type="hidden" name="partId" value={part.id} />
      <p className="text-base text-slate-600">
        {buzzer ? t("stage.knowledgeHintBuzzer") : t("stage.knowledgeHintAll")}
      </p>
      <div className="overflow-x-auto">
        <table className="text-base">
          <thead>
            <tr>
              <th className="p-1 text-left">{t("stage.question")}</th>
              {teams.map((team) => (
                <th key={team.id} className="p-1">
                  {team.name.split(" — ")[0]}
                </th>
              ))}
              <th className="p-1 text-left">{t("stageKnowledge.cue")}</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q} className="border-t border-slate-200">
                <th className="p-1 text-left">{t("stage.questionN", { n: q })}</th>
                {teams.map((team) => (
                  <td key={team.id} className="p-1 text-center">
                    <input
                      type={buzzer ? "radio" : "checkbox"}
                      name={buzzer ? `right-${q}` : "right"}
                      value={`${q}:${team.id}`}
                      defaultChecked={marked.has(`${part.id}:${q}:${team.id}`)}
                      aria-label={t("stage.rightAnswer", { q, team: team.name })}
                      className="size-6"
                    />
                  </td>
                ))}
                <td className="p-1">
                  <KnowledgeCueButtons part={part} no={q} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button className="self-start" disabled={Boolean(part.closedAt)}>
        {t("stage.saveMarks")}
      </Button>
    </Form>
  );
}

/** One team's seconds over a part's time limit. */
function OvertimeForm({ part, team }: { part: Part; team: Team }) {
  const t = useT();
  const overtimeSec = team.parts.find((p) => p.partId === part.id)?.overtimeSec ?? 0;
  const { form, fields, result } = useLiveForm(
    `overtime-${part.id}-${team.id}`,
    { intent: "overtime", partId: part.id, teamId: team.id },
    { overtimeSec: String(overtimeSec) },
  );
  return (
    <Form method="post" {...formProps(form)} className="flex flex-wrap items-end gap-2">
      <div className="flex w-full flex-col gap-2 empty:hidden">
        <FormAlerts form={form} />
        {result?.status === "success" ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      </div>
      <input type="hidden" name="intent" value="overtime" />
      <input type="hidden" name="partId" value={part.id} />
      <input type="hidden" name="teamId" value={team.id} />
      <Field
        label={t("stage.overtimeSec", { team: team.name })}
        meta={fields.overtimeSec}
        inputMode="numeric"
      />
      <Button variant="secondary" disabled={Boolean(part.closedAt)}>
        {t("org.save")}
      </Button>
    </Form>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgStageLive", {}, { app: false });

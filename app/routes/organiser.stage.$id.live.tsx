import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { computeStage, eligibleJudges } from "~/models/stage-results.server";
import { knowledgeSheet, saveKnowledgeMarks, saveOvertime } from "~/models/stage-judging.server";
import { loadStageContest, stageSetup } from "~/models/stage.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { formatNumber } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";
import { parseVnNumber } from "~/utils/numbers";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const id = z.coerce.number().int().positive();
const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("knowledge"), partId: id }),
  z.object({
    intent: z.literal("overtime"),
    partId: id,
    teamId: id,
    overtimeSec: z.string().max(30),
  }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const contest = await orHttpError(() => loadStageContest(db, contestId));
  const [setup, stage, marks] = await Promise.all([
    stageSetup(db, contestId),
    computeStage(db, contest),
    knowledgeSheet(db, contestId),
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
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const form = await readForm(request);
  const parsed = IntentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "stage.overtimeRange" as const, saved: false };
  const v = parsed.data;
  const overtime = v.intent === "overtime" ? parseVnNumber(v.overtimeSec) : null;
  if (overtime && !overtime.ok)
    return { error: overtime.problem.key, vars: overtime.problem.vars, saved: false };
  try {
    if (v.intent === "knowledge") {
      const right: Record<number, number[]> = {};
      const values = [...form.entries()].filter(([k]) => k === "right" || k.startsWith("right-"));
      for (const [, value] of values) {
        const [q, team] = String(value).split(":").map(Number);
        if (Number.isInteger(q) && Number.isInteger(team)) right[q] = [...(right[q] ?? []), team];
      }
      await saveKnowledgeMarks(db, { contestId, partId: v.partId, right, actor: user });
    } else
      await saveOvertime(db, {
        contestId,
        partId: v.partId,
        teamId: v.teamId,
        overtimeSec: overtime?.ok ? (overtime.value ?? 0) : Number.NaN,
        actor: user,
      });
  } catch (error) {
    if (error instanceof DomainError) return { error: error.code, saved: false };
    throw error;
  }
  return { error: null, saved: true };
}

export default function StageLive() {
  const { contest, parts, teams, marks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const marked = new Set(marks);
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <h1 className="text-3xl font-bold">
        {t("stage.live")}:{" "}
        <Link to={`/organiser/stage/${contest.id}`} className="underline">
          {contest.title}
        </Link>
      </h1>
      {result?.error ? <Alert>{t(result.error, "vars" in result ? result.vars : undefined)}</Alert> : null}
      {result?.saved ? <Alert tone="success">{t("org.saved")}</Alert> : null}
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
            <ul className="my-2">
              {teams.map((team) => {
                const score = team.parts.find((p) => p.partId === part.id);
                return (
                  <li key={team.id}>
                    {team.name}: {t("stage.judgesScored", { n: score?.judges ?? 0, of: team.eligibleJudges })}
                    {team.conflictedJudges
                      ? ` — ${t("stage.flag.conflicts", { n: team.conflictedJudges })}`
                      : ""}
                  </li>
                );
              })}
            </ul>
          ) : (
            <Form method="post" className="my-2 flex min-w-0 flex-col gap-2">
              <input type="hidden" name="intent" value="knowledge" />
              <input type="hidden" name="partId" value={part.id} />
              <p className="text-base text-slate-600">
                {part.knowledgeMode === "buzzer"
                  ? t("stage.knowledgeHintBuzzer")
                  : t("stage.knowledgeHintAll")}
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
                    </tr>
                  </thead>
                  <tbody>
                    {Array.from({ length: part.knowledgeQuestions ?? 0 }, (_, i) => i + 1).map((q) => (
                      <tr key={q} className="border-t border-slate-200">
                        <th className="p-1 text-left">{t("stage.questionN", { n: q })}</th>
                        {teams.map((team) => (
                          <td key={team.id} className="p-1 text-center">
                            <input
                              type={part.knowledgeMode === "buzzer" ? "radio" : "checkbox"}
                              name={part.knowledgeMode === "buzzer" ? `right-${q}` : "right"}
                              value={`${q}:${team.id}`}
                              defaultChecked={marked.has(`${part.id}:${q}:${team.id}`)}
                              aria-label={t("stage.rightAnswer", { q, team: team.name })}
                              className="size-6"
                            />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Button className="self-start" disabled={Boolean(part.closedAt)}>
                {t("stage.saveMarks")}
              </Button>
            </Form>
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
                <Form key={team.id} method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="overtime" />
                  <input type="hidden" name="partId" value={part.id} />
                  <input type="hidden" name="teamId" value={team.id} />
                  <label className="flex flex-col text-base">
                    {t("stage.overtimeSec", { team: team.name })}
                    <input
                      name="overtimeSec"
                      inputMode="numeric"
                      defaultValue={team.parts.find((p) => p.partId === part.id)?.overtimeSec ?? 0}
                      className="min-h-11 w-32 rounded-lg border-2 border-slate-400 px-2"
                    />
                  </label>
                  <Button variant="secondary" disabled={Boolean(part.closedAt)}>
                    {t("org.save")}
                  </Button>
                </Form>
              ))}
            </div>
          ) : null}
        </section>
      ))}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgStageLive", {}, { app: false });

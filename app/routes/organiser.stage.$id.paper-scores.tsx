import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContestHeading } from "~/components/contest-heading";
import { PaperSheetForm } from "~/components/stage/paper-sheet-form";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { readPaperRows, type PaperProblem } from "~/forms/stage-paper";
import { paperBoard, savePaperSheet } from "~/models/stage-paper.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { metaTitle, useT } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
/** The sheet shown: a judge and a part (the first of each when not chosen). */
const ChoiceSchema = z.object({
  judge: z.coerce.number().int().positive().optional().catch(undefined),
  part: z.coerce.number().int().positive().optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const board = await orHttpError(() => paperBoard(db, id));
  const choice = ChoiceSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const judge = board.judges.find((j) => j.id === choice.judge) ?? board.judges[0] ?? null;
  const part = board.parts.find((p) => p.id === choice.part) ?? board.parts[0] ?? null;
  const rows =
    judge && part
      ? board.teams.map((team) => {
          const score = board.scores.find(
            (s) => s.judgeUserId === judge.id && s.partId === part.id && s.teamId === team.id,
          );
          return {
            team: { id: team.id, name: team.name },
            ownUnit: team.unitId !== null && team.unitId === judge.unitId,
            values: score ? score.criteria : null,
            comment: score?.comment ?? "",
            version: score?.version ?? 0,
            source: score?.source ?? null,
            enteredByName: score?.enteredByName ?? null,
          };
        })
      : [];
  return {
    contest: board.contest,
    judges: board.judges.map((j) => ({ id: j.id, name: j.name })),
    parts: board.parts.map((p) => ({ id: p.id, name: p.name })),
    judge: judge && { id: judge.id, name: judge.name },
    part: part && {
      id: part.id,
      name: part.name,
      maxScore: part.maxScore,
      closed: part.closedAt !== null,
      criteria: part.criteria,
    },
    rows,
  };
}

type Reply = { problems: PaperProblem[]; saved: number; typed: Record<string, string> | null };

export async function action({ request, params }: ActionFunctionArgs): Promise<Reply> {
  const user = await requireRole(request, ["organiser"]);
  const data = await loader({ request, params, context: {} });
  if (!data.judge || !data.part) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const typed = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const { rows, problems } = readPaperRows(
    form,
    data.part.criteria,
    data.rows.map((r) => ({ ...r.team, ownUnit: r.ownUnit })),
  );
  if (problems.length) return { problems, saved: 0, typed };
  if (!rows.length) return { problems: [{ key: "stagePaper.nothing" }], saved: 0, typed };
  try {
    const outcomes = await savePaperSheet(db, {
      contestId: data.contest.id,
      partId: data.part.id,
      judgeUserId: data.judge.id,
      rows,
      actor: user,
    });
    const conflicts = outcomes.filter((o) => o.outcome === "conflict");
    return {
      problems: conflicts.map((o) => ({
        key: "stagePaper.conflict" as const,
        vars: { team: data.rows.find((r) => r.team.id === o.teamId)?.team.name ?? "" },
      })),
      saved: outcomes.length - conflicts.length,
      typed: null,
    };
  } catch (error) {
    if (error instanceof DomainError)
      return { problems: [{ key: error.code, vars: error.vars }], saved: 0, typed };
    throw error;
  }
}

export default function PaperScores() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const { contest, judge, part } = data;
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <ContestHeading
        label={t("stagePaper.title")}
        title={contest.title}
        to={`/organiser/stage/${contest.id}`}
      />
      <p className="text-lg">{t("stagePaper.intro")}</p>
      {!judge ? <Alert tone="info">{t("stagePaper.noJudges")}</Alert> : null}
      {!part ? <Alert tone="info">{t("stagePaper.noParts")}</Alert> : null}
      {judge && part ? (
        <>
          <Form method="get" className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col gap-1 text-lg font-semibold">
              {t("stagePaper.judge")}
              <select
                name="judge"
                defaultValue={judge.id}
                className="min-h-12 rounded-lg border-2 border-slate-400 px-2"
              >
                {data.judges.map((j) => (
                  <option key={j.id} value={j.id}>
                    {j.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1 text-lg font-semibold">
              {t("stagePaper.part")}
              <select
                name="part"
                defaultValue={part.id}
                className="min-h-12 rounded-lg border-2 border-slate-400 px-2"
              >
                {data.parts.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="secondary">{t("stagePaper.choose")}</Button>
          </Form>
          <p className="flex flex-wrap gap-x-5 gap-y-2 text-lg">
            <Link
              className="text-brand-700 font-semibold underline"
              to={`/organiser/stage/${contest.id}/sheets?judge=${judge.id}&part=${part.id}`}
              reloadDocument
            >
              {t("stagePaper.printBlank")}
            </Link>
            <Link
              className="text-brand-700 font-semibold underline"
              to={`/organiser/stage/${contest.id}/judges/${judge.id}/summary`}
              reloadDocument
            >
              {t("stagePaper.printSummary")}
            </Link>
          </p>
          {reply?.saved ? <Alert tone="success">{t("stagePaper.saved", { n: reply.saved })}</Alert> : null}
          {reply?.problems.map((p, i) => (
            <Alert key={i}>{t(p.key, p.vars)}</Alert>
          ))}
          <PaperSheetForm judge={judge} part={part} rows={data.rows} typed={reply?.typed ?? null} />
        </>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.stagePaper");

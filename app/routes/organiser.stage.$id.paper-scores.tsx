import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContestHeading } from "~/components/contest-heading";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { paperBoard, savePaperSheet, type PaperRow } from "~/models/stage-paper.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { metaTitle, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { parseVnNumber, toInputNumber } from "~/utils/numbers";

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

type Problem = { key: MessageKey; vars?: Record<string, string | number> };
type Reply = { problems: Problem[]; saved: number; typed: Record<string, string> | null };

/** Reads the sheet's rows (an empty row is skipped), or the problems of its boxes. */
function readRows(form: FormData, data: Awaited<ReturnType<typeof loader>>) {
  const problems: Problem[] = [];
  const rows: PaperRow[] = [];
  for (const row of data.rows) {
    if (row.ownUnit) continue;
    const texts = data.part!.criteria.map((c) => String(form.get(`s-${row.team.id}-${c.key}`) ?? ""));
    if (texts.every((text) => text.trim() === "")) continue;
    const values: Record<string, number> = {};
    for (const [i, c] of data.part!.criteria.entries()) {
      const parsed = parseVnNumber(texts[i], { decimals: 1 });
      if (!parsed.ok) problems.push({ key: parsed.problem.key, vars: parsed.problem.vars });
      else if (parsed.value === null)
        problems.push({ key: "stagePaper.rowIncomplete", vars: { team: row.team.name } });
      else values[c.key] = parsed.value;
    }
    rows.push({
      teamId: row.team.id,
      values,
      comment: String(form.get(`c-${row.team.id}`) ?? ""),
      base: Number(form.get(`b-${row.team.id}`) ?? 0) || 0,
    });
  }
  return { rows, problems };
}

export async function action({ request, params }: ActionFunctionArgs): Promise<Reply> {
  const user = await requireRole(request, ["organiser"]);
  const data = await loader({ request, params, context: {} });
  if (!data.judge || !data.part) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const typed = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const { rows, problems } = readRows(form, data);
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
          <SheetForm />
        </>
      ) : null}
    </div>
  );
}

/** The judge's paper sheet as it looks on paper: a row per team, a box per criterion, then the comment. */
function SheetForm() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const part = data.part!;
  const judge = data.judge!;
  const typed = reply?.typed ?? null;
  // A new sheet (or new versions after a save) mounts fresh boxes; a refused one keeps what was typed.
  const key = `${judge.id}-${part.id}-${data.rows.map((r) => r.version).join(".")}`;
  const cell = "border border-slate-300 p-2";
  return (
    <Form
      method="post"
      action={`?judge=${judge.id}&part=${part.id}`}
      key={key}
      aria-label={t("stagePaper.sheet", { judge: judge.name, part: part.name })}
      className="flex min-w-0 flex-col gap-3"
    >
      <h2 className="text-xl font-bold">
        {t("stagePaper.sheet", { judge: judge.name, part: part.name })} —{" "}
        {t("stage.maxPoints", { n: part.maxScore })}
      </h2>
      {part.closed ? <Alert>{t("stage.partClosed")}</Alert> : null}
      <p className="text-base text-slate-600">{t("stagePaper.hint")}</p>
      <div className="overflow-x-auto">
        <table className="border-collapse text-base">
          <thead>
            <tr>
              <th className={`${cell} text-left`}>{t("stagePaper.team")}</th>
              {part.criteria.map((c) => (
                <th key={c.key} className={cell}>
                  {c.name || part.name} ({formatNumber(c.maxScore, locale)})
                </th>
              ))}
              <th className={cell}>{t("stagePaper.total")}</th>
              <th className={cell}>{t("stagePaper.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.team.id}>
                <th scope="row" className={`${cell} text-left`}>
                  {row.team.name}
                  {row.source === "paper" ? (
                    <span className="block text-sm font-normal text-slate-700">
                      {t("stagePaper.fromPaper", { name: row.enteredByName ?? "" })}
                    </span>
                  ) : row.source === "judge" ? (
                    <span className="block text-sm font-normal text-slate-700">
                      {t("stagePaper.byJudge")}
                    </span>
                  ) : null}
                </th>
                {row.ownUnit ? (
                  <td colSpan={part.criteria.length + 2} className={cell}>
                    {t("stagePaper.ownUnit")}
                  </td>
                ) : (
                  <>
                    {part.criteria.map((c) => {
                      const name = `s-${row.team.id}-${c.key}`;
                      const held = row.values?.[c.key];
                      return (
                        <td key={c.key} className={cell}>
                          <input
                            name={name}
                            inputMode="decimal"
                            defaultValue={
                              typed ? (typed[name] ?? "") : held !== undefined ? toInputNumber(held / 10) : ""
                            }
                            aria-label={t("stagePaper.cell", {
                              team: row.team.name,
                              criterion: c.name || part.name,
                              max: c.maxScore,
                            })}
                            className="min-h-11 w-20 rounded-lg border-2 border-slate-400 px-2 text-lg"
                            disabled={part.closed}
                          />
                        </td>
                      );
                    })}
                    <td className={`${cell} text-right`}>
                      {row.values
                        ? formatNumber(Object.values(row.values).reduce((s, v) => s + v, 0) / 10, locale)
                        : ""}
                    </td>
                    <td className={cell}>
                      <input
                        name={`c-${row.team.id}`}
                        defaultValue={typed ? (typed[`c-${row.team.id}`] ?? "") : row.comment}
                        maxLength={1000}
                        aria-label={t("stagePaper.cellComment", { team: row.team.name })}
                        className="min-h-11 w-56 rounded-lg border-2 border-slate-400 px-2 text-base"
                        disabled={part.closed}
                      />
                      <input type="hidden" name={`b-${row.team.id}`} value={row.version} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button className="self-start" disabled={part.closed}>
        {t("stagePaper.save")}
      </Button>
    </Form>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.stagePaper");

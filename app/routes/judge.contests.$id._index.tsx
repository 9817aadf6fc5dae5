import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { z } from "zod";
import { useScoreOutbox } from "~/components/stage/use-score-outbox";
import { Alert } from "~/components/ui/field";
import { judgeBoard } from "~/models/stage-judging.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const { id } = parseParams(ParamsSchema, params);
  const board = await orHttpError(() => judgeBoard(db, id, user.id));
  return {
    contest: { id, title: board.contest.title, state: board.contest.state },
    judgeId: user.id,
    parts: board.parts.map((p) => ({
      id: p.id,
      name: p.name,
      maxScore: p.maxScore,
      closed: p.closedAt !== null,
    })),
    teams: board.teams.map((t) => ({
      id: t.id,
      name: t.name,
      order: t.performanceOrder,
      ownUnit: t.ownUnit,
    })),
    scores: board.scores.map((s) => ({ key: `${s.partId}:${s.teamId}`, totalTenths: s.totalTenths })),
  };
}

/** The judge's overview: every part and team in order of performance, and what they have scored. */
export default function JudgeBoard() {
  const { contest, judgeId, parts, teams, scores } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const revalidator = useRevalidator();
  const outbox = useScoreOutbox(contest.id, judgeId, () => revalidator.revalidate());
  const unsent = outbox.unsentKeys();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{contest.title}</h1>
      {unsent.length ? <Alert tone="info">{t("judge.unsent", { n: unsent.length })}</Alert> : null}
      {parts.map((part) => (
        <section key={part.id} aria-label={part.name} className="flex flex-col gap-2">
          <h2 className="text-xl font-bold">
            {part.name} — {t("stage.maxPoints", { n: part.maxScore })}
            {part.closed ? ` · ${t("stage.partClosedLabel")}` : ""}
          </h2>
          <ul className="flex flex-col gap-2">
            {teams.map((team) => {
              const mine = scores.find((s) => s.key === `${part.id}:${team.id}`);
              const label = team.ownUnit
                ? t("judge.ownUnit")
                : mine
                  ? t("judge.scored", { score: formatNumber(mine.totalTenths / 10, locale) })
                  : t("judge.notScored");
              const body = (
                <>
                  <span className="font-semibold">
                    {team.order ? `${team.order}. ` : ""}
                    {team.name}
                  </span>
                  <span className={mine ? "text-green-800" : "text-slate-700"}>{label}</span>
                </>
              );
              return (
                <li key={team.id}>
                  {team.ownUnit ? (
                    <div className="flex flex-col rounded-lg border border-slate-200 bg-slate-100 p-3 text-lg">
                      {body}
                    </div>
                  ) : (
                    <Link
                      to={`parts/${part.id}/teams/${team.id}`}
                      aria-label={`${t("judge.score")}: ${part.name} — ${team.name}`}
                      className="hover:border-brand-600 flex min-h-12 flex-col rounded-lg border-2 border-slate-300 bg-white p-3 text-lg"
                    >
                      {body}
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.judge");

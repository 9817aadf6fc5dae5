import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { StatsOverview } from "~/components/stats-overview";
import { PictureImg } from "~/components/quiz/question-card";
import { contestQuestionStats, contestStats, listParticipants } from "~/models/stats.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** The organisers' and committee's statistics, with names and phones. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser", "committee"]);
  const { id } = parseParams(ParamsSchema, params);
  const stats = await orHttpError(() => contestStats(db, id));
  // The page shows the latest entries; the export has them all.
  return {
    stats,
    questions: await contestQuestionStats(db, stats),
    participants: await listParticipants(db, id, 100),
  };
}

export default function PrivateStats() {
  const { stats, questions, participants } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const exportLinks = (table: string) => (
    <p className="no-print flex gap-4 text-base">
      {(["csv", "xlsx"] as const).map((f) => (
        <a
          key={f}
          href={`/staff/contests/${stats.contest.id}/stats/export/${table}/${f}`}
          className="text-brand-700 font-semibold underline"
          download
        >
          {t("stats.export")} {f.toUpperCase()}
        </a>
      ))}
    </p>
  );
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("stats.private")}</h1>
      <p className="text-xl">{stats.contest.title}</p>
      <p className="text-base text-slate-700" data-testid="stats-as-of">
        {t("stats.asOf", { time: formatDateTime(stats.computedAt, locale) })}
      </p>
      <StatsOverview stats={stats} detailed exportLinks={exportLinks} />
      <QuestionTable questions={questions} exportLinks={exportLinks("questions")} />
      <section aria-label={t("stats.devices")}>
        <h2 className="text-2xl font-bold">{t("stats.devices")}</h2>
        {exportLinks("devices")}
        <ul className="list-disc pl-6 text-lg">
          {stats.devices.map((d) => (
            <li key={d.device}>
              {d.device}: {d.entries.toLocaleString("vi-VN")}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label={t("stats.participantsList")}>
        <h2 className="text-2xl font-bold">{t("stats.participantsList")}</h2>
        <p className="text-base text-slate-700">
          {t("stats.latestOnly", { n: participants.length, total: stats.totals.entries })}
        </p>
        {exportLinks("participants")}
        <div className="max-h-96 overflow-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-base">
            <tbody>
              {participants.map((p, i) => (
                <tr key={i} className="border-t border-slate-200">
                  <td className="p-2">{p.name}</td>
                  <td className="p-2">{p.phone}</td>
                  <td className="p-2">{p.unit}</td>
                  <td className="p-2 tabular-nums">{p.score}</td>
                  <td className="p-2">{formatDateTime(p.submittedAt, locale)}</td>
                  <td className="p-2">{p.assisted ? t("accounts.assisted") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

type Data = Awaited<ReturnType<typeof loader>>;

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

/** Each question: how many answered it, how many got it right, how well it told strong from weak. */
function QuestionTable({ questions, exportLinks }: { questions: Data["questions"]; exportLinks: ReactNode }) {
  const t = useT();
  return (
    <section aria-label={t("stats.questions")} className="flex flex-col gap-2">
      <h2 className="text-2xl font-bold">{t("stats.questions")}</h2>
      {exportLinks}
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-base">
          <thead className="bg-slate-100">
            <tr>
              <th className="p-2">{t("q.prompt")}</th>
              <th className="p-2">{t("stats.entries")}</th>
              <th className="p-2">{t("stats.facility")}</th>
              <th className="p-2">{t("stats.discrimination")}</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q.questionId} className={`border-t border-slate-200 ${q.flag ? "bg-amber-50" : ""}`}>
                <td className="p-2">
                  {q.image ? <PictureImg picture={q.image} className="mb-1 block max-h-20 w-auto" /> : null}
                  {q.prompt}{" "}
                  {q.flag ? <strong className="text-accent-600">({t(`stats.flag.${q.flag}`)})</strong> : null}
                </td>
                <td className="p-2 tabular-nums">{q.answered}</td>
                <td className="p-2 tabular-nums">{pct(q.correctRate)}</td>
                <td className="p-2 tabular-nums">
                  {q.discrimination === null ? "—" : q.discrimination.toFixed(2)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.staffStats", {}, { app: false });

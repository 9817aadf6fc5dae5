import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LockPanel } from "~/components/results/lock-panel";
import { RankingTable, useSeparatedBy } from "~/components/results/ranking-table";
import { ReviewAlerts } from "~/components/results/review-alerts";
import { AudienceVoteResult } from "~/components/stage/audience-vote-result";
import { Button } from "~/components/ui/button";
import { decideTie, judgeScoreSheet, setPartClosed } from "~/models/stage-judging.server";
import { loadStageContest } from "~/models/stage.server";
import { audienceVoteResults } from "~/models/audience-vote.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useLocale, useT, type Locale, metaTitle } from "~/utils/i18n";
import { reviewIntents, reviewPageData, reviewReply, runReviewIntent } from "~/forms/review.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const id = z.coerce.number().int().positive();
const IntentSchema = z.discriminatedUnion("intent", [
  ...reviewIntents,
  z.object({ intent: z.literal("closePart"), partId: id }),
  z.object({ intent: z.literal("reopenPart"), partId: id }),
  z.object({ intent: z.literal("tie"), reason: z.string().trim().max(500) }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["committee"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const contest = await orHttpError(() => loadStageContest(db, contestId));
  const [{ results, disqualifications, ...page }, sheet] = await Promise.all([
    reviewPageData(contest, user),
    judgeScoreSheet(db, contestId),
  ]);
  const stage = results.stage!;
  return {
    ...page,
    parts: stage.parts,
    // Each team carries how many judges may score it (the jury minus its unit's and its performers).
    teams: stage.teams,
    undecidedTies: stage.undecidedTies,
    sheet,
    disqualifications: disqualifications.filter((d) => !d.revokedAt),
    audienceVote: await audienceVoteResults(db, contest),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["committee"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const form = await readForm(request);
  const parsed = IntentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "review.reasonRequired" as const };
  const v = parsed.data;
  // The tied group in the order the committee chose, best first.
  const teamIds = form.getAll("order").map(Number);
  if (v.intent === "tie" && teamIds.some((t) => !Number.isInteger(t)))
    return { error: "stage.tieOrderInvalid" as const };
  return reviewReply(async () => {
    if (v.intent === "closePart" || v.intent === "reopenPart")
      await setPartClosed(db, { contestId, partId: v.partId, closed: v.intent === "closePart", actor: user });
    else if (v.intent === "tie") await decideTie(db, { contestId, teamIds, reason: v.reason, actor: user });
    else return runReviewIntent(v, contestId, user);
  });
}

const cell = "p-2";
const points = (hundredths: number | null, locale: Locale) =>
  hundredths === null ? "—" : formatNumber(hundredths / 100, locale);

export default function StageReview() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { contest, parts, teams } = data;
  const final = contest.state === "locked" || contest.state === "announced";
  const pts = (hundredths: number | null) => points(hundredths, locale);
  const teamName = (teamId: number) => teams.find((x) => x.id === teamId)?.name ?? "";
  const sep = useSeparatedBy();
  return (
    <div className="flex min-w-0 flex-col gap-5">
      <h1 className="text-3xl font-bold">
        {t("review.title")}: {contest.title}
      </h1>
      <p className="text-lg">
        {t("stage.kind")} · {t("contests.state")}: <strong>{t(`contest.status.${contest.status}`)}</strong>
      </p>
      <ReviewAlerts reply={reply} final={final} />

      <PartsSection parts={parts} final={final} />

      {parts.every((p) => p.closedAt)
        ? data.undecidedTies.map((group) => (
            <TieForm key={group.join("-")} group={group} teamName={teamName} />
          ))
        : null}

      <LockPanel contest={contest} committee={data.committee}>
        <Link
          to={`/contests/${contest.slug}/scoreboard`}
          className="text-brand-700 text-lg font-semibold underline"
        >
          {t("stage.scoreboard")}
        </Link>
      </LockPanel>

      <RankingTable
        title={t("review.teams")}
        rows={teams}
        rowKey={(team) => team.id}
        final={final}
        columns={[
          { header: t("stage.team"), cell: (team) => team.name, className: "font-semibold" },
          ...parts.map((part) => ({
            header: part.name,
            cell: (team: StageTeamRow) => <PartScore team={team} part={part} />,
          })),
          {
            header: t("stage.total"),
            cell: (team) => pts(team.totalHundredths),
            className: "text-lg font-bold",
          },
          { header: t("review.prize"), cell: (team) => team.prize?.label ?? "" },
          { header: t("review.why"), cell: (team) => sep(team.separatedBy), className: "text-sm" },
        ]}
        disqualify={(team) => ({ targets: [[`team:${team.id}`, "review.target.team"]], label: team.name })}
      />

      {data.audienceVote ? <AudienceVoteResult vote={data.audienceVote} /> : null}

      <JudgeSheet sheet={data.sheet} parts={parts} teamName={teamName} />
    </div>
  );
}

type StageData = SerializeFrom<typeof loader>;

/** Each part with its close / reopen button until the results are final. */
function PartsSection({ parts, final }: { parts: StageData["parts"]; final: boolean }) {
  const t = useT();
  return (
    <section aria-label={t("stage.parts")} className="flex flex-col gap-2">
      <h2 className="text-2xl font-bold">{t("stage.parts")}</h2>
      <ul className="flex flex-col gap-2">
        {parts.map((p) => (
          <li
            key={p.id}
            className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-lg"
          >
            <span className="font-semibold">
              {p.name} ({t("stage.maxPoints", { n: p.maxScore })}) ·{" "}
              {p.closedAt ? t("stage.partClosedLabel") : t("stage.partOpen")}
            </span>
            {!final ? (
              <Form method="post">
                <input type="hidden" name="partId" value={p.id} />
                <Button
                  name="intent"
                  value={p.closedAt ? "reopenPart" : "closePart"}
                  variant="secondary"
                  aria-label={`${p.closedAt ? t("stage.reopenPart") : t("stage.closePart")}: ${p.name}`}
                >
                  {p.closedAt ? t("stage.reopenPart") : t("stage.closePart")}
                </Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The committee's order for one group of teams tied on total points. */
function TieForm({
  group,
  teamName,
}: {
  group: StageData["undecidedTies"][number];
  teamName: (teamId: number) => string;
}) {
  const t = useT();
  return (
    <Form method="post" className="flex flex-col gap-2 rounded-xl border-2 border-amber-500 bg-amber-50 p-4">
      <h2 className="text-xl font-bold">{t("stage.tieTitle")}</h2>
      <p>{t("stage.tieText", { teams: group.map(teamName).join("; ") })}</p>
      <input type="hidden" name="intent" value="tie" />
      {group.map((teamId, i) => (
        <label key={teamId} className="flex flex-col font-semibold">
          {t("stage.tiePlace", { n: i + 1 })}
          <select
            name="order"
            defaultValue={teamId}
            className="min-h-11 rounded border-2 border-slate-400 bg-white font-normal"
          >
            {group.map((option) => (
              <option key={option} value={option}>
                {teamName(option)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label className="flex flex-col">
        {t("stage.tieReason")}
        <input
          name="reason"
          required
          minLength={5}
          className="min-h-11 rounded border-2 border-slate-400 px-2"
        />
      </label>
      <Button className="self-start">{t("stage.tieSave")}</Button>
    </Form>
  );
}

/** Every judge's score per part and team. */
function JudgeSheet({
  sheet,
  parts,
  teamName,
}: {
  sheet: StageData["sheet"];
  parts: StageData["parts"];
  teamName: (teamId: number) => string;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer text-xl font-bold">{t("stage.judgeSheet")}</summary>
      <table className="mt-2 w-full text-left text-base">
        <thead>
          <tr>
            <th className={cell}>{t("stage.parts")}</th>
            <th className={cell}>{t("stage.team")}</th>
            <th className={cell}>{t("stage.judge")}</th>
            <th className={cell}>{t("review.score")}</th>
            <th className={cell}>{t("judge.comment")}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.map((s) => (
            <tr key={`${s.partId}-${s.teamId}-${s.judgeName}`} className="border-t border-slate-200">
              <td className={cell}>{parts.find((p) => p.id === s.partId)?.name}</td>
              <td className={cell}>{teamName(s.teamId)}</td>
              <td className={cell}>
                {s.judgeName}
                {s.source === "paper" ? (
                  <span className="block text-sm">
                    {t("stagePaper.fromPaper", { name: s.enteredByName ?? "" })}
                  </span>
                ) : null}
              </td>
              <td className={cell}>{formatNumber(s.totalTenths / 10, locale)}</td>
              <td className={cell}>{s.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

type StageTeamRow = SerializeFrom<typeof loader>["teams"][number];

/** A team's points in one part, with what the committee should know about them (disagreement, penalty …). */
function PartScore({
  team,
  part,
}: {
  team: StageTeamRow;
  part: SerializeFrom<typeof loader>["parts"][number];
}) {
  const t = useT();
  const locale = useLocale();
  const p = team.parts.find((x) => x.partId === part.id);
  if (!p) return null;
  const notes = [
    p.disagreement ? t("stage.flag.disagreement") : null,
    p.penaltyHundredths
      ? t(p.undertimeSec > 0 ? "stage.flag.undertimePenalty" : "stage.flag.penalty", {
          n: p.penaltyHundredths / 100,
        })
      : null,
    p.ownUnitExcluded ? t("stage.flag.ownUnit", { n: p.ownUnitExcluded }) : null,
    p.trimmed ? t("stage.flag.trimmed") : null,
    p.fewerJudges ? t("stage.flag.fewerJudges", { n: p.judges, k: team.conflictedJudges }) : null,
    part.scoring === "judges" && p.judges < team.eligibleJudges
      ? t("stage.flag.missing", { n: p.judges, of: team.eligibleJudges })
      : null,
  ].filter(Boolean);
  return (
    <>
      <span className="font-semibold">{points(p.hundredths, locale)}</span>
      {notes.length ? (
        <span
          className={`block text-sm ${p.disagreement ? "text-accent-600 font-semibold" : "text-slate-700"}`}
        >
          {notes.join("; ")}
        </span>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.reviewStage", {}, { app: false });

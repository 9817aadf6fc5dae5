import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contests } from "#db/schema";
import { DisqualificationList } from "~/components/results/disqualification-list";
import { EntryTable } from "~/components/results/entry-table";
import { LockPanel } from "~/components/results/lock-panel";
import { RankingTable, useSeparatedBy } from "~/components/results/ranking-table";
import { ReviewAlerts } from "~/components/results/review-alerts";
import { RoundPrizes } from "~/components/results/round-prizes";
import { reviewFlags } from "~/models/review-flags.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { parseParams, readForm } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";
import { reviewIntents, reviewPageData, reviewReply, runReviewIntent } from "~/forms/review.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const IntentSchema = z.discriminatedUnion("intent", [...reviewIntents]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["committee"]);
  const { id } = parseParams(ParamsSchema, params);
  const [contest] = await db.select().from(contests).where(eq(contests.id, id));
  if (!contest) throw new Response("Not found", { status: 404 });
  if (contest.kind === "stage") throw redirect(`/committee/stage/${id}`);
  const [page, flags] = await Promise.all([reviewPageData(contest, user), reviewFlags(db, id)]);
  return { ...page, flags };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["committee"]);
  const { id } = parseParams(ParamsSchema, params);
  const parsed = IntentSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return { error: "review.reasonRequired" as const };
  return reviewReply(() => runReviewIntent(parsed.data, id, user));
}

export default function Review() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const { contest, results } = data;
  const final = contest.state === "locked" || contest.state === "announced";
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">
        {t("review.title")}: {contest.title}
      </h1>
      <p className="text-lg">
        {t("contests.state")}: <strong>{t(`contest.status.${contest.status}`)}</strong>
        {results.actual !== null ? ` · ${t("review.actual", { n: results.actual })}` : ""}
      </p>
      <ReviewAlerts reply={reply} final={final} />

      <LockPanel contest={contest} committee={data.committee}>
        <Link
          to={results.season ? `/seasons/${contest.slug}/stats` : `/staff/contests/${contest.id}/stats`}
          className="text-brand-700 text-lg font-semibold underline"
        >
          {t("stats.title")}
        </Link>
      </LockPanel>

      {results.season ? <SeasonRounds season={results.season} /> : null}

      <CollectiveTable rows={results.collective} final={final} />

      <EntryTable
        title={t("review.individual")}
        entries={results.individual}
        flags={data.flags}
        final={final}
        subject="user"
      />

      {results.teams.length ? (
        <EntryTable
          title={t("review.teams")}
          entries={results.teams}
          flags={data.flags}
          final={final}
          subject="team"
        />
      ) : null}

      <DisqualificationList items={data.disqualifications} final={final} />
    </div>
  );
}

/** A round's stored state as its status word; published rounds (open or closed) read as running. */
const ROUND_STATES = ["review", "locked", "announced"] as const;

/** A season's rounds (each locked on its own page first) and its round prizes as the one-prize rule settles them. */
function SeasonRounds({
  season,
}: {
  season: NonNullable<SerializeFrom<typeof loader>["results"]["season"]>;
}) {
  const t = useT();
  return (
    <section aria-labelledby="season-rounds" className="flex flex-col gap-3">
      <h2 id="season-rounds" className="text-2xl font-bold">
        {t("season.rounds")}
      </h2>
      <ul className="flex flex-wrap gap-3 text-lg">
        {season.rounds.map((r) => (
          <li key={r.roundNo}>
            <Link
              to={`/committee/contests/${r.contestId}`}
              className="text-brand-700 font-semibold underline"
            >
              {t("season.round", { n: r.roundNo })}
            </Link>{" "}
            ({t(`contest.status.${ROUND_STATES.find((s) => s === r.state) ?? "open"}`)})
          </li>
        ))}
      </ul>
      <RoundPrizes
        rows={season.roundPrizes.map((p) => ({
          roundNo: p.roundNo,
          name: p.name,
          unit: p.unitName,
          prize: p.prize.label,
          amount: p.prize.amount,
          supersededBy: p.supersededBy,
        }))}
        total={season.roundPrizesAmount}
      />
    </section>
  );
}

/** The units' collective ranking with each unit's participation and prize. */
function CollectiveTable({
  rows,
  final,
}: {
  rows: SerializeFrom<typeof loader>["results"]["collective"];
  final: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const sep = useSeparatedBy();
  return (
    <RankingTable
      title={t("review.collective")}
      rows={rows}
      rowKey={(u) => u.unitId}
      final={final}
      columns={[
        {
          header: t("review.unit"),
          cell: (u) => (
            <>
              {u.name}{" "}
              <span className="text-sm text-slate-600">
                ({formatNumber(u.participants, locale)}/{u.denominator ?? "—"},{" "}
                {formatNumber(u.entries, locale)} bài)
              </span>
            </>
          ),
        },
        { header: t("review.prize"), cell: (u) => u.prize?.label ?? "", className: "font-semibold" },
        {
          header: "%",
          cell: (u) =>
            u.participationRate === null
              ? "—"
              : `${(u.participationRate * 100).toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`,
          className: "tabular-nums",
        },
        { header: t("review.why"), cell: (u) => sep(u.separatedBy), className: "text-sm" },
      ]}
      disqualify={(u) => ({ targets: [[`unit:${u.unitId}`, "review.target.unit"]], label: u.name })}
    />
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.review", {}, { app: false });

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contests } from "#db/schema";
import { Button } from "~/components/ui/button";
import { DisqualifyButton } from "~/components/results/disqualify-button";
import { EntryTable } from "~/components/results/entry-table";
import { LockPanel } from "~/components/results/lock-panel";
import { Alert } from "~/components/ui/field";
import { committeeStatus } from "~/models/committee.server";
import { contestStatus } from "~/models/contest.server";
import {
  announce,
  approveLock,
  currentResults,
  disqualify,
  listDisqualifications,
  reopen,
  undoDisqualification,
} from "~/models/results.server";
import { reviewFlags } from "~/models/review-flags.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { parseParams, readForm } from "~/utils/http.server";
import { useLocale, useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { reviewIntents, runReviewIntent } from "~/forms/review.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const IntentSchema = z.discriminatedUnion("intent", [...reviewIntents]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["committee"]);
  const { id } = parseParams(ParamsSchema, params);
  const [contest] = await db.select().from(contests).where(eq(contests.id, id));
  if (!contest) throw new Response("Not found", { status: 404 });
  if (contest.kind === "stage") throw redirect(`/committee/stage/${id}`);
  const current = currentResults(db, id);
  const [{ results, lockedAt }, flags, dqs, committee] = await Promise.all([
    current,
    reviewFlags(db, id),
    listDisqualifications(db, id),
    current.then((c) => committeeStatus(db, id, user, c.results)),
  ]);
  return {
    contest: {
      id,
      slug: contest.slug,
      title: contest.title,
      state: contest.state,
      status: contestStatus(contest, Date.now()),
    },
    results,
    lockedAt,
    flags,
    disqualifications: dqs,
    committee,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["committee"]);
  const { id } = parseParams(ParamsSchema, params);
  const parsed = IntentSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return { error: "review.reasonRequired" as MessageKey };
  try {
    return { error: null, ...(await runReviewIntent(parsed.data, id, user)) };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.code };
    throw error;
  }
}

export default function Review() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { contest, results } = data;
  const final = contest.state === "locked" || contest.state === "announced";
  const sep = (s: string | null) => (s ? t(`review.sep.${s}` as MessageKey) : "");
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">
        {t("review.title")}: {contest.title}
      </h1>
      <p className="text-lg">
        {t("contests.state")}: <strong>{t(`contest.status.${contest.status}` as MessageKey)}</strong>
        {results.actual !== null ? ` · ${t("review.actual", { n: results.actual })}` : ""}
      </p>
      {result?.error ? (
        <Alert>{t(result.error)}</Alert>
      ) : result && "reopenRequested" in result && result.reopenRequested ? (
        <Alert tone="success">{t("review.reopenRequested", result.reopenRequested)}</Alert>
      ) : result ? (
        <Alert tone="success">{t("review.done")}</Alert>
      ) : null}
      {final ? (
        <Alert tone="info">{t("review.lockedAt")}</Alert>
      ) : (
        <Alert tone="info">{t("review.provisional")}</Alert>
      )}

      <LockPanel contest={contest} committee={data.committee}>
        <Link
          to={`/staff/contests/${contest.id}/stats`}
          className="text-brand-700 text-lg font-semibold underline"
        >
          {t("stats.title")}
        </Link>
      </LockPanel>

      <section aria-label={t("review.collective")}>
        <h2 className="mb-2 text-2xl font-bold">{t("review.collective")}</h2>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-base">
            <thead className="bg-slate-100">
              <tr>
                {["review.rank", "review.unit", "review.prize"].map((k) => (
                  <th key={k} className="p-2">
                    {t(k as MessageKey)}
                  </th>
                ))}
                <th className="p-2">%</th>
                <th className="p-2">{t("review.why")}</th>
                <th className="p-2" />
              </tr>
            </thead>
            <tbody>
              {results.collective.map((u) => (
                <tr key={u.unitId} className="border-t border-slate-200">
                  <td className="p-2">{u.rank ?? t(`review.status.${u.status}` as MessageKey)}</td>
                  <td className="p-2">
                    {u.name}{" "}
                    <span className="text-sm text-slate-600">
                      ({formatNumber(u.participants, locale)}/{u.denominator ?? "—"},{" "}
                      {formatNumber(u.entries, locale)} bài)
                    </span>
                  </td>
                  <td className="p-2 font-semibold">{u.prize?.label ?? ""}</td>
                  <td className="p-2 tabular-nums">
                    {u.participationRate === null
                      ? "—"
                      : `${(u.participationRate * 100).toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`}
                  </td>
                  <td className="p-2 text-sm">{sep(u.separatedBy)}</td>
                  <td className="p-2">
                    {!final && u.status === "ranked" ? (
                      <DisqualifyButton
                        targets={[[`unit:${u.unitId}`, "review.target.unit"]]}
                        label={u.name}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

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

      {data.disqualifications.length ? (
        <section aria-label={t("review.disqualifications")}>
          <h2 className="mb-2 text-2xl font-bold">{t("review.disqualifications")}</h2>
          <ul className="flex flex-col gap-2">
            {data.disqualifications.map((d) => (
              <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3">
                {t(`review.target.${d.targetKind}`)} {d.targetId}: {d.reason} ({d.byName})
                {d.revokedAt ? (
                  <span className="ml-2 text-slate-600">
                    — {t("review.undo")}: {d.revokeReason}
                  </span>
                ) : null}
                {!d.revokedAt && !final ? (
                  <Form method="post" className="mt-2 flex flex-wrap gap-2">
                    <input type="hidden" name="intent" value="undo" />
                    <input type="hidden" name="disqualificationId" value={d.id} />
                    <input
                      name="reason"
                      aria-label={t("review.undoReason")}
                      placeholder={t("review.undoReason")}
                      className="rounded border-2 border-slate-400 px-2"
                    />
                    <Button variant="secondary" className="min-h-9 text-base">
                      {t("review.undo")}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.review", {}, { app: false });

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { PageForm } from "~/components/form-controls";
import { SeasonForm } from "~/components/season-form";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import { usePageForm } from "~/components/use-page-form";
import { NextRoundSchema, SeasonFormSchema } from "~/forms/season";
import { readSeasonForm, seasonFieldErrors, seasonFormValues } from "~/forms/season.server";
import { contestStatus } from "~/models/contest.server";
import {
  addRound,
  loadSeasonSettings,
  seasonStarted,
  suggestedNextWindow,
  updateSeason,
} from "~/models/seasons.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { metaTitle, useLocale, useT } from "~/utils/i18n";
import { fromVnInput, toVnInput } from "~/utils/vietnam-time";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

const SeasonPageSchema = z.discriminatedUnion("intent", [
  SeasonFormSchema.extend({ intent: z.literal("save") }),
  NextRoundSchema.extend({ intent: z.literal("nextRound") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const { season, settings, prizes, rounds } = await orHttpError(() => loadSeasonSettings(db, id));
  const now = Date.now();
  const last = rounds.at(-1);
  const next = last ? suggestedNextWindow(last) : null;
  return {
    season: { id: season.id, slug: season.slug, title: season.title, state: season.state },
    rounds: rounds.map((r) => ({
      id: r.id,
      roundNo: r.roundNo,
      title: r.title,
      status: contestStatus(r, now),
      opensAt: r.opensAt,
      closesAt: r.closesAt,
    })),
    values: seasonFormValues(settings, prizes),
    started: await seasonStarted(db, id),
    nextWindow: next ? { opensAt: toVnInput(next.opensAt), closesAt: toVnInput(next.closesAt) } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: SeasonPageSchema });
  if (submission.status !== "success") return { reply: submission.reply() };
  if (submission.value.intent === "nextRound") {
    const window = {
      opensAt: fromVnInput(submission.value.opensAt),
      closesAt: fromVnInput(submission.value.closesAt),
    };
    const added = await orHttpError(() => addRound(db, id, window, user));
    if ("problems" in added)
      return { reply: submission.reply({ fieldErrors: seasonFieldErrors(added.problems) }) };
    return { reply: submission.reply({ resetForm: true }), created: added.id };
  }
  const { settings, prizes, reason } = readSeasonForm(form);
  const problems = await orHttpError(() => updateSeason(db, id, { settings, prizes, reason }, user));
  if (Object.keys(problems).length)
    return { reply: submission.reply({ fieldErrors: seasonFieldErrors(problems) }) };
  return { reply: submission.reply(), saved: true };
}

export default function SeasonAdmin() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { season } = data;
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">
        {t("season.kind")}: {season.title}
      </h1>
      <div className="flex flex-wrap gap-4 text-lg">
        <Link to={`/seasons/${season.slug}`} className="text-brand-700 font-semibold underline">
          {t("contests.preview")}
        </Link>
        <Link to={`/seasons/${season.slug}/stats`} className="text-brand-700 font-semibold underline">
          {t("season.stats")}
        </Link>
        <Link
          to={`/organiser/contests/${season.id}/committee`}
          className="text-brand-700 font-semibold underline"
        >
          {t("roster.link")}
        </Link>
      </div>
      {result && "saved" in result ? <Alert tone="success">{t("season.saved")}</Alert> : null}
      <section aria-labelledby="rounds-title" className="flex flex-col gap-3">
        <h2 id="rounds-title" className="text-2xl font-bold">
          {t("season.rounds")}
        </h2>
        <ol className="flex flex-col gap-2">
          {data.rounds.map((r) => (
            <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-3 text-lg">
              <strong>{t("season.round", { n: r.roundNo ?? 0 })}</strong> · {r.title} ·{" "}
              {t(`contest.status.${r.status}`)} ·{" "}
              {t("season.window", {
                opens: formatDateTime(r.opensAt, locale),
                closes: formatDateTime(r.closesAt, locale),
              })}{" "}
              <Link to={`/organiser/contests/${r.id}`} className="text-brand-700 font-semibold underline">
                {t("season.manageRound")}
                <span className="sr-only"> {t("season.round", { n: r.roundNo ?? 0 })}</span>
              </Link>
            </li>
          ))}
        </ol>
        {data.nextWindow && season.state === "published" ? (
          <NextRoundForm window={data.nextWindow} result={result} nextNo={data.rounds.length + 1} />
        ) : null}
      </section>
      <SeasonForm
        key={JSON.stringify(data.values)}
        values={data.values}
        result={result?.reply}
        roundCount={data.rounds.length}
        started={data.started}
      />
    </div>
  );
}

function NextRoundForm({
  window,
  result,
  nextNo,
}: {
  window: { opensAt: string; closesAt: string };
  result: ReturnType<typeof useActionData<typeof action>>;
  nextNo: number;
}) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const { form, fields } = usePageForm(NextRoundSchema, {
    id: "next-round",
    result: result?.reply,
    match: { intent: "nextRound" },
    defaultValue: window,
  });
  return (
    <section aria-labelledby="next-round-title" className="rounded-xl border border-slate-200 bg-white p-4">
      <h3 id="next-round-title" className="text-xl font-bold">
        {t("season.nextRound")}
      </h3>
      <p className="mb-3 text-base text-slate-600">{t("season.nextRoundIntro")}</p>
      {result && "created" in result ? (
        <Alert tone="success">
          {t("season.roundCreated", { n: nextNo - 1 })}{" "}
          <Link to={`/organiser/contests/${result.created}`} className="font-semibold underline">
            {t("season.manageRound")}
          </Link>
        </Alert>
      ) : null}
      <PageForm form={form} className="grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="nextRound" />
        <Field type="datetime-local" label={t("season.nextOpens")} meta={fields.opensAt} />
        <Field type="datetime-local" label={t("season.nextCloses")} meta={fields.closesAt} />
        <div className="sm:col-span-2">
          <Button disabled={busy}>{t("season.nextRound")}</Button>
        </div>
      </PageForm>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgSeason", {}, { app: false });

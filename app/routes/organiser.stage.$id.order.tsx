import { formProps } from "~/components/form-controls";

import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ContestHeading } from "~/components/contest-heading";
import { usePageForm } from "~/components/use-page-form";
import { Button } from "~/components/ui/button";
import { FormAlerts } from "~/components/ui/field";
import { drawPerformanceOrder, stageSetup } from "~/models/stage.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
/** The draw's form is its button: nothing to fill in. */
const DrawSchema = z.object({});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const { contest, teams } = await orHttpError(() => stageSetup(db, id));
  return {
    contest: { id, title: contest.title, drawnAt: contest.stageOrderDrawnAt },
    teams: [...teams].sort(
      (a, b) => (a.performanceOrder ?? 99) - (b.performanceOrder ?? 99) || a.number - b.number,
    ),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const submission = parseWithZod(await readForm(request), { schema: DrawSchema });
  try {
    await drawPerformanceOrder(db, id, user);
    return submission.reply();
  } catch (error) {
    if (error instanceof DomainError) return submission.reply({ formErrors: [error.code] });
    throw error;
  }
}

/** The draw on the projector: the order is already recorded; teams appear one by one. */
export default function PerformanceOrder() {
  const { contest, teams } = useLoaderData<typeof loader>();
  const { form, result } = usePageForm(DrawSchema, { id: "draw", result: useActionData<typeof action>() });
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const locale = useLocale();
  const [shown, setShown] = useState(teams.length);
  useEffect(() => {
    if (result?.status !== "success") return;
    setShown(0);
    const timer = setInterval(() => setShown((n) => (n >= teams.length ? n : n + 1)), 900);
    return () => clearInterval(timer);
  }, [result, teams.length]);
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <ContestHeading label={t("stage.order")} title={contest.title} to={`/organiser/stage/${contest.id}`} />
      <FormAlerts form={form} />
      <p className="text-lg">
        {contest.drawnAt
          ? t("stage.drawnAt", { at: formatDateTime(contest.drawnAt, locale) })
          : t("stage.notDrawn")}
      </p>
      <Form method="post" {...formProps(form)}>
        <Button disabled={busy}>{contest.drawnAt ? t("stage.redraw") : t("stage.draw")}</Button>
      </Form>
      <ol aria-label={t("stage.order")} aria-live="polite" className="flex flex-col gap-3">
        {teams.slice(0, contest.drawnAt ? shown : teams.length).map((team) => (
          <li
            key={team.id}
            className="flex items-center gap-4 rounded-xl border-2 border-slate-200 bg-white p-4 text-2xl font-bold"
          >
            <span className="bg-brand-700 flex size-14 shrink-0 items-center justify-center rounded-full text-3xl text-white">
              {contest.drawnAt ? team.performanceOrder : "?"}
            </span>
            <span>
              {team.name}
              {team.unitName && !team.name.includes(team.unitName) ? (
                <span className="block text-lg font-normal">{team.unitName}</span>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgStageOrder", {}, { app: false });

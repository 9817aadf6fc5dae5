import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useLoaderData } from "@remix-run/react";
import { StageSettingsForm } from "~/components/stage/stage-settings-form";
import { prizeRowValues } from "~/forms/prizes";
import { STAGE_PRIZE_ROWS, StageFormSchema, type StageFormValues } from "~/forms/stage-form";
import { slugTaken } from "~/models/contest-admin.server";
import { createStageContest } from "~/models/stage.server";
import { requireRole } from "~/utils/auth.server";
import { contestFieldErrors, contestFormContext } from "~/forms/contest-form.server";
import { db } from "~/utils/db.server";
import { toVnInput } from "~/utils/format";
import { vnDay, vnMidnight } from "~/utils/vietnam-time";
import { readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";
import { readStageForm } from "~/forms/stage-form.server";

const HOUR = 3_600_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  // A sensible start: a week from today, 07:30 to 11:30 (Hà Nội time).
  const day = vnMidnight(vnDay(Date.now()) + 7);
  const values: StageFormValues = {
    title: "",
    slug: "",
    description: "",
    opensAt: toVnInput(day + 7.5 * HOUR),
    closesAt: toVnInput(day + 11.5 * HOUR),
    stageAggregation: "mean",
    stageHideTotals: false,
    stageSpreadPct: "20",
    audienceVote: false,
    prizes: prizeRowValues(
      [
        { label: "Nhất", count: 1, amount: 3_000_000 },
        { label: "Nhì", count: 1, amount: 2_000_000 },
        { label: "Ba", count: 1, amount: 1_500_000 },
        { label: "Khuyến khích", count: 1, amount: 1_000_000 },
      ],
      STAGE_PRIZE_ROWS,
    ),
    amendmentReason: "",
  };
  return { values };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: StageFormSchema });
  if (submission.status !== "success") return submission.reply();
  const { settings, prizes, problems } = readStageForm(form);
  if (!problems.slug && (await slugTaken(db, settings.slug))) problems.slug = "contestForm.slugTaken";
  if (Object.keys(problems).length) return submission.reply({ fieldErrors: contestFieldErrors(problems) });
  const { wardName } = await contestFormContext(db);
  const id = await createStageContest(db, { settings, prizes, wardName }, user);
  return redirect(`/organiser/stage/${id}/parts`);
}

export default function NewStageContest() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("stage.new")}</h1>
      <p className="text-lg">{t("stage.newIntro")}</p>
      <StageSettingsForm values={data.values} lastResult={lastResult} submitLabel={t("stage.create")} />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgStageNew", {}, { app: false });

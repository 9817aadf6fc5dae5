import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ContestForm } from "~/components/contest-form";
import { ContestFormSchema, type ContestFormValues } from "~/forms/contest-form";
import { createQuizContest, slugTaken } from "~/models/contest-admin.server";
import { requireRole } from "~/utils/auth.server";
import {
  contestDefaults,
  contestFieldErrors,
  contestFormContext,
  readContestForm,
} from "~/forms/contest-form.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { toVnInput } from "~/utils/format";
import { HOUR_MS, vnDay, vnMidnight } from "~/utils/vietnam-time";
import { useT, metaTitle } from "~/utils/i18n";

const DAY = 86_400_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const context = await contestFormContext(db);
  // A sensible start: opens tomorrow 08:00, closes two weeks later 17:00 (Hà Nội time).
  const tomorrow0800 = vnMidnight(vnDay(Date.now()) + 1) + 8 * HOUR_MS;
  const values: ContestFormValues = {
    ...contestDefaults({
      counts: { CCHC: 10, CDS: 10 },
      prizes: [
        { category: "individual", label: "Nhất", count: 1, amount: 500000 },
        { category: "individual", label: "Nhì", count: 1, amount: 300000 },
        { category: "individual", label: "Ba", count: 1, amount: 200000 },
        { category: "individual", label: "Khuyến khích", count: 2, amount: 100000 },
      ],
    }),
    opensAt: toVnInput(tomorrow0800),
    closesAt: toVnInput(tomorrow0800 + 14 * DAY + 9 * 3_600_000),
    timeLimitMin: "20",
    pointsPerQuestion: "1",
    shuffleQuestions: true,
    shuffleOptions: true,
    maxAttempts: "1",
    predictionTarget: "entries",
    predictionPrompt: "Theo bạn, cuộc thi có bao nhiêu bài dự thi?",
  };
  return { ...context, values };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: ContestFormSchema });
  if (submission.status !== "success") return submission.reply();
  const { wardName } = await contestFormContext(db);
  const { settings, prizes, exclusions, problems } = await readContestForm(db, form, wardName);
  if (!problems.slug && (await slugTaken(db, settings.slug))) problems.slug = "contestForm.slugTaken";
  if (Object.keys(problems).length) return submission.reply({ fieldErrors: contestFieldErrors(problems) });
  const id = await createQuizContest(db, { settings, prizes, exclusions, wardName }, user);
  return redirect(`/organiser/contests/${id}?saved=1`);
}

export default function NewContest() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("contests.new")}</h1>
      <ContestForm
        values={data.values}
        lastResult={lastResult}
        units={data.units}
        bank={data.bank}
        categories={data.categories}
        locked={false}
      />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgContestNew", {}, { app: false });

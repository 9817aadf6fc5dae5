import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useLoaderData } from "@remix-run/react";
import { and, desc, eq, isNull } from "drizzle-orm";
import { contests } from "#db/schema";
import { SeasonForm } from "~/components/season-form";
import { SeasonFormSchema } from "~/forms/season";
import { readSeasonForm, seasonFieldErrors, seasonFormValues } from "~/forms/season.server";
import { createSeason } from "~/models/seasons.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { metaTitle, useT } from "~/utils/i18n";

/** Quiz contests in no season yet, newest first: what can become a season's round 1. */
function freeQuizzes() {
  return db
    .select({ id: contests.id, title: contests.title })
    .from(contests)
    .where(and(eq(contests.kind, "quiz"), isNull(contests.seasonId)))
    .orderBy(desc(contests.opensAt));
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const firstRounds = await freeQuizzes();
  const values = seasonFormValues(
    {
      title: "",
      slug: "",
      description: "",
      rules: "",
      aggregate: "sum",
      prizeRule: "highest",
      requiredRounds: [],
      collectiveRule: "participation_rate",
    },
    [
      { category: "individual", rank: 1, label: "Nhất", count: 1, amount: 1_000_000 },
      { category: "individual", rank: 2, label: "Nhì", count: 1, amount: 700_000 },
      { category: "individual", rank: 3, label: "Ba", count: 1, amount: 500_000 },
      { category: "collective", rank: 1, label: "Nhất", count: 1, amount: 2_000_000 },
    ],
  );
  return { firstRounds, values: { ...values, firstRoundId: String(firstRounds[0]?.id ?? "") } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: SeasonFormSchema });
  if (submission.status !== "success") return submission.reply();
  const { settings, prizes, firstRoundId } = readSeasonForm(form);
  const created = await createSeason(db, { settings, prizes, firstRoundId }, user);
  if ("problems" in created) return submission.reply({ fieldErrors: seasonFieldErrors(created.problems) });
  return redirect(`/organiser/seasons/${created.id}`);
}

export default function NewSeason() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("season.new")}</h1>
      <p className="text-lg">{t("season.newIntro")}</p>
      <SeasonForm values={data.values} result={result} firstRounds={data.firstRounds} />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgSeasonNew", {}, { app: false });

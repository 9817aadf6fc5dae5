import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { StatsOverview } from "~/components/stats-overview";
import { contestStats, publicStats } from "~/models/stats.server";
import { db } from "~/utils/db.server";
import { orHttpError, parseParams } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** Public statistics: no names or phones, only figures per unit and over time. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const stats = await orHttpError(() => contestStats(db, slug));
  return {
    ...publicStats(stats),
    byDay: stats.byDay,
    byHour: stats.byHour,
    scores: stats.scores,
  };
}

export default function PublicStats() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const revalidator = useRevalidator();
  const live = data.contest.status === "open";
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 30_000);
    return () => clearInterval(timer);
  }, [live, revalidator]);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("stats.title")}</h1>
      <p className="text-xl">
        <Link to={`/contests/${data.contest.slug}`} className="underline">
          {data.contest.title}
        </Link>
      </p>
      {live ? <p className="text-base text-slate-700">{t("stats.live")}</p> : null}
      <StatsOverview stats={data} detailed={false} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? metaTitle(matches, "title.stats", { contest: data.contest.title }, { app: false })
    : metaTitle(matches, "title.statsNone", {}, { app: false });

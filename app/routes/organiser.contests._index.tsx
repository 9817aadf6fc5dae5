import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { desc } from "drizzle-orm";
import { contests } from "#db/schema";
import { buttonClass } from "~/components/ui/button";
import { contestStatus } from "~/models/contest.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const now = Date.now();
  const rows = await db
    .select({
      id: contests.id,
      slug: contests.slug,
      title: contests.title,
      kind: contests.kind,
      state: contests.state,
      opensAt: contests.opensAt,
      closesAt: contests.closesAt,
      roundNo: contests.roundNo,
    })
    .from(contests)
    .orderBy(desc(contests.opensAt));
  return { contests: rows.map((c) => ({ ...c, status: contestStatus(c, now) })) };
}

export default function ContestList() {
  const { contests } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t("contests.title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Link to="/organiser/contests/new" className={buttonClass()}>
            {t("contests.new")}
          </Link>
          <Link to="/organiser/stage/new" className={buttonClass("secondary")}>
            {t("stage.new")}
          </Link>
          <Link to="/organiser/seasons/new" className={buttonClass("secondary")}>
            {t("season.new")}
          </Link>
        </div>
      </div>
      <ul className="flex flex-col gap-2">
        {contests.map((c) => (
          <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3">
            <Link
              to={`/organiser/${c.kind === "quiz" ? "contests" : c.kind === "stage" ? "stage" : "seasons"}/${c.id}`}
              className="text-brand-800 text-lg font-semibold underline-offset-4 hover:underline"
            >
              {c.title}
            </Link>
            <p className="text-base text-slate-700">
              {c.kind === "stage" ? `${t("stage.kind")} · ` : ""}
              {c.kind === "season" ? `${t("season.kind")} · ` : ""}
              {c.roundNo !== null ? `${t("season.round", { n: c.roundNo })} · ` : ""}
              {t(`contest.status.${c.status}`)} · {formatDateTime(c.opensAt, locale)} →{" "}
              {formatDateTime(c.closesAt, locale)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgContests", {}, { app: false });

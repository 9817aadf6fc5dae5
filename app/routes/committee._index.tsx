import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { desc } from "drizzle-orm";
import { contests } from "#db/schema";
import { contestStatus } from "~/models/contest.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["committee"]);
  const now = Date.now();
  const rows = await db.select().from(contests).orderBy(desc(contests.closesAt));
  return {
    contests: rows
      .map((c) => ({
        id: c.id,
        kind: c.kind,
        title: c.title,
        closesAt: c.closesAt,
        status: contestStatus(c, now),
      }))
      .filter((c) => c.status !== "draft"),
  };
}

export default function CommitteeHome() {
  const { contests } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("review.contests")}</h1>
      <ul className="flex flex-col gap-2">
        {contests.map((c) => (
          <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3">
            <Link
              to={c.kind === "stage" ? `/committee/stage/${c.id}` : `/committee/contests/${c.id}`}
              className="text-brand-800 text-lg font-semibold underline-offset-4 hover:underline"
            >
              {c.title}
            </Link>
            <p className="text-base text-slate-700">
              {c.kind === "stage" ? `${t("stage.kind")} · ` : ""}
              {c.kind === "season" ? `${t("season.kind")} · ` : ""}
              {t(`contest.status.${c.status}`)} · {t("contest.closes")}: {formatDateTime(c.closesAt, locale)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.committee");

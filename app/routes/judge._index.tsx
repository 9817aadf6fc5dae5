import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { judgeContests } from "~/models/stage-judging.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  return { contests: await judgeContests(db, user.id) };
}

export default function JudgeHome() {
  const { contests } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("judge.title")}</h1>
      {contests.length === 0 ? <p className="text-lg">{t("judge.none")}</p> : null}
      <ul className="flex flex-col gap-2">
        {contests.map((c) => (
          <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3">
            <Link to={`/judge/contests/${c.id}`} className="text-brand-800 text-lg font-semibold underline">
              {c.title}
            </Link>
            <p className="text-base text-slate-700">{formatDateTime(c.opensAt, locale)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.judge");

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listMyAttempts } from "~/models/attempt-view.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime, formatDuration } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = Date.now();
  const entries = await listMyAttempts(db, user.id);
  return { entries: entries.map((e) => ({ ...e, open: e.status === "open" && e.deadlineAt > now })) };
}

export default function MyEntries() {
  const { entries } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("entries.title")}</h1>
      {entries.length === 0 ? <p className="text-lg">{t("entries.none")}</p> : null}
      <ul className="flex flex-col gap-3">
        {entries.map((e) => (
          <li key={e.id} className="rounded-xl border border-slate-200 bg-white p-4 text-lg">
            <p className="font-semibold">{e.contestTitle}</p>
            {e.teamName ? (
              <p className="text-brand-800 font-semibold">
                {t("teamEntry.ofTeam", { team: e.teamName })}
                {e.own ? "" : ` — ${t("teamEntry.by", { name: e.byName })}`}
              </p>
            ) : null}
            <p className="text-slate-700">
              {t("entries.attemptNo", { n: e.attemptNo })} · {formatDateTime(e.startedAt, locale)}
              {e.counts ? (
                <strong className="ml-2 rounded bg-green-100 px-2 text-green-900">
                  {t("entries.counts")}
                </strong>
              ) : null}
            </p>
            {e.open && !e.own ? (
              <p>{t("teamEntry.inProgress", { name: e.byName })}</p>
            ) : e.open ? (
              <p>
                {t("entries.inProgress")} —{" "}
                <Link
                  to={`/attempts/${e.id}`}
                  className="text-brand-700 font-semibold underline underline-offset-4"
                >
                  {t("entries.continue")}
                </Link>
              </p>
            ) : (
              <p>
                {t("result.score")}:{" "}
                <strong>
                  {e.score ?? "—"}/{e.maxScore}
                </strong>
                {e.durationMs !== null ? ` · ${formatDuration(e.durationMs, locale)}` : ""}
                {e.receipt ? (
                  <>
                    {" "}
                    · {t("result.receipt")}: <span className="font-mono">{e.receipt}</span>
                  </>
                ) : null}
                {/* Only the captain who took it opens the entry itself. */}
                {e.own ? (
                  <>
                    {" "}
                    ·{" "}
                    <Link
                      to={`/attempts/${e.id}/result`}
                      className="text-brand-700 font-semibold underline underline-offset-4"
                    >
                      {t("entries.view")}
                    </Link>
                  </>
                ) : null}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.myEntries");

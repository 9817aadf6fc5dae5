import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { handOver } from "~/models/assisted-entry.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

/** The page staff hand the ward's device over on: whose account it is, and where to enter. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.assistedByUserId === null) throw redirect("/");
  const url = new URL(request.url);
  const { helperName, contests } = await handOver(db, user.assistedByUserId, Date.now());
  return {
    name: user.fullName,
    phone: user.phone,
    registered: url.searchParams.get("new") === "1",
    helperName,
    contests: contests.map((c) => ({ ...c, url: `${url.origin}/contests/${c.slug}` })),
  };
}

export default function HandOver() {
  const { name, phone, registered, helperName, contests } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5 text-lg">
      <h1 className="text-3xl font-bold">{t("handover.title")}</h1>
      <Alert tone="success">
        {t(registered ? "handover.registered" : "handover.opened", { name })}
        <br />
        <strong>{t("handover.phone", { phone })}</strong>
      </Alert>
      {helperName ? <p>{t("handover.helper", { name: helperName })}</p> : null}
      <section aria-labelledby="handover-contests" className="flex flex-col gap-3">
        <h2 id="handover-contests" className="text-2xl font-bold">
          {t("handover.contests")}
        </h2>
        {contests.length === 0 ? <p>{t("handover.none")}</p> : null}
        <ul className="flex flex-col gap-3">
          {contests.map((c) => (
            <li key={c.slug} className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
              <Link to={`/contests/${c.slug}`} className={buttonClass("primary", "self-start")}>
                {t("handover.enter", { title: c.title })}
              </Link>
              <span className="font-mono text-base break-all">{c.url}</span>
              <span className="text-base text-slate-700">
                {t("handover.closes", { at: formatDateTime(c.closesAt, locale) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {registered ? <p>{t("handover.remember")}</p> : null}
      <p>{t("handover.done")}</p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.handover");

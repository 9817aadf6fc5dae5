import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contests } from "#db/schema";
import { contestAudit } from "~/models/committee.server";
import { requireRole } from "~/utils/auth.server";
import { useAuditLabel } from "~/utils/audit-labels";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** The trail of one contest for the members of its committee (and for organisers and admins). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["committee"]);
  const { id } = parseParams(ParamsSchema, params);
  const [contest] = await db
    .select({ id: contests.id, kind: contests.kind, title: contests.title })
    .from(contests)
    .where(eq(contests.id, id));
  if (!contest) throw new Response("Not found", { status: 404 });
  return { contest, rows: await orHttpError(() => contestAudit(db, id, user)) };
}

export default function ContestAudit() {
  const { contest, rows } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const auditLabel = useAuditLabel();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("audit.contestTitle")}</h1>
      <p className="text-lg">
        <Link
          to={
            contest.kind === "stage" ? `/committee/stage/${contest.id}` : `/committee/contests/${contest.id}`
          }
          className="underline"
        >
          {contest.title}
        </Link>
      </p>
      <ol className="flex flex-col gap-2">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3 text-base">
            <strong>{formatDateTime(r.at, locale)}</strong> · {r.actorName ?? "—"} ·{" "}
            {auditLabel(r.action) ? `${auditLabel(r.action)} ` : ""}
            <code>{r.action}</code>
            {r.after ? (
              <pre className="mt-1 max-h-40 overflow-auto rounded bg-slate-100 p-2 text-xs whitespace-pre-wrap">
                {JSON.stringify(r.after, null, 1)}
              </pre>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.contestAudit", {}, { app: false });

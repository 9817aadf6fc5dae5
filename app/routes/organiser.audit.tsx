import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listAudit } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useAuditLabel } from "~/utils/audit-labels";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

const PAGE = 50;
/** `?page=N`, from 1; anything else is the first page. */
const SearchSchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { page } = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total } = await listAudit(db, { limit: PAGE, offset: (page - 1) * PAGE });
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE)) };
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <pre className="max-h-40 overflow-auto rounded bg-slate-100 p-2 text-xs whitespace-pre-wrap">
      {JSON.stringify(value, null, 1)}
    </pre>
  );
}

export default function AuditLog() {
  const { rows, total, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const auditLabel = useAuditLabel();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("org.audit")}</h1>
      <p className="text-lg">{total.toLocaleString("vi-VN")}</p>
      <ol className="flex flex-col gap-2">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3 text-base">
            <p>
              <strong>{formatDateTime(r.at, locale)}</strong> · {r.actorName ?? "—"}{" "}
              {r.actorPhone ? `(${r.actorPhone})` : ""} ·{" "}
              {auditLabel(r.action) ? `${auditLabel(r.action)} ` : ""}
              <code>{r.action}</code> {r.entity ? `${r.entity} #${r.entityId}` : ""} {r.ip ? `· ${r.ip}` : ""}
            </p>
            <details>
              <summary className="text-brand-700 cursor-pointer">before / after</summary>
              <Json value={r.before} />
              <Json value={r.after} />
            </details>
          </li>
        ))}
      </ol>
      <nav className="flex gap-4 text-lg" aria-label="pages">
        {page > 1 ? <Link to={`?page=${page - 1}`}>←</Link> : null}
        <span>
          {page}/{pages}
        </span>
        {page < pages ? <Link to={`?page=${page + 1}`}>→</Link> : null}
      </nav>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgAudit", {}, { app: false });

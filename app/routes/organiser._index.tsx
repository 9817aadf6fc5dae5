import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { count, eq, isNull } from "drizzle-orm";
import { contests, questions, units, users } from "#db/schema";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useT, type MessageKey, metaTitle } from "~/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const [[u], [q], [c], [r]] = await Promise.all([
    db.select({ n: count() }).from(units).where(isNull(units.retiredAt)),
    db.select({ n: count() }).from(questions).where(eq(questions.status, "active")),
    db.select({ n: count() }).from(contests),
    db.select({ n: count() }).from(users).where(eq(users.role, "resident")),
  ]);
  return { units: u.n, questions: q.n, contests: c.n, residents: r.n };
}

export default function OrganiserHome() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const cards: [string, MessageKey, number][] = [
    ["/organiser/units", "org.units", data.units],
    ["/organiser/questions", "org.questions", data.questions],
    ["/organiser/contests", "org.contests", data.contests],
    ["/organiser/accounts", "role.resident", data.residents],
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("org.title")}</h1>
      <ul className="grid grid-cols-2 gap-3">
        {cards.map(([to, label, n]) => (
          <li key={to}>
            <Link to={to} className="hover:bg-brand-50 block rounded-xl border border-slate-200 bg-white p-4">
              <span className="text-brand-800 block text-3xl font-bold">{n.toLocaleString("vi-VN")}</span>
              <span className="text-lg">{t(label)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.organiser");

import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server";
import { useT, type MessageKey } from "~/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  // Cosmetic for the layout: every child loader and action checks the role again.
  await requireRole(request, ["organiser"]);
  return null;
}

const LINKS: [string, MessageKey][] = [
  ["/organiser", "org.overview"],
  ["/organiser/units", "org.units"],
  ["/organiser/questions", "org.questions"],
  ["/organiser/categories", "categories.title"],
  ["/organiser/contests", "org.contests"],
  ["/organiser/accounts", "org.accounts"],
  ["/organiser/assist", "org.assist"],
  ["/organiser/audit", "org.audit"],
];

export default function OrganiserLayout() {
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("org.nav")} className="no-print border-b border-slate-200">
        <ul className="flex flex-wrap gap-1">
          {LINKS.map(([to, label]) => (
            <li key={to}>
              <NavLink
                to={to}
                end={to === "/organiser"}
                className={({ isActive }) =>
                  `inline-block rounded-t-lg px-3 py-2 text-base font-semibold ${isActive ? "bg-brand-700 text-white" : "text-brand-800 hover:bg-brand-50"}`
                }
              >
                {t(label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

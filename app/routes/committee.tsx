import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Cosmetic for the layout: every child loader and action checks the role again.
  await requireRole(request, ["committee"]);
  return null;
}

export default function CommitteeLayout() {
  return <Outlet />;
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireRole } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Cosmetic for the layout: every child loader and action checks the jury again.
  await requireRole(request, ["judge"]);
  return null;
}

export default function JudgeLayout() {
  return <Outlet />;
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { audit } from "~/models/audit.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { destroySession } from "~/utils/session.server";

export async function loader() {
  // Signing out changes data, so it is POST only.
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) await audit(db, { actorUserId: user.id, action: "auth.logout", ip: context.clientIp ?? null });
  return redirect("/", { headers: { "Set-Cookie": await destroySession(db, request) } });
}

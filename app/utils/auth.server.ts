import { redirect } from "@remix-run/node";
import type { Role } from "#db/schema";
import { db } from "./db.server";
import { getSessionUser } from "./session.server";

export function getUser(request: Request) {
  return getSessionUser(db, request);
}

/** The signed-in user, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request) {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** The signed-in user if they hold one of `roles` (admin always does), else 403. */
export async function requireRole(request: Request, roles: Role[]) {
  const user = await requireUser(request);
  if (user.role !== "admin" && !roles.includes(user.role)) {
    // Pages show the error boundary's message; downloads and other resource routes show this text.
    throw new Response("Bạn không có quyền truy cập trang này.", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return user;
}

/** Only same-site relative paths, so the login redirect cannot send people elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  // A Location header holds printable ASCII only (browsers send paths percent-encoded).
  if (to.length > 2000 || !/^[\x21-\x7e]*$/.test(to)) return fallback;
  return to;
}

/** For JSON endpoints: a 401 answer instead of a redirect to the login page. */
export async function requireApiUser(request: Request) {
  const user = await getUser(request);
  if (!user) throw Response.json({ error: "auth.required" }, { status: 401 });
  return user;
}

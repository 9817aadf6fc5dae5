import { createCookie } from "@remix-run/node";
import type { Locale } from "./i18n";

export const localeCookie = createCookie("lang", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });

/** Vietnamese unless the person chose English. */
export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return value === "en" ? "en" : "vi";
}

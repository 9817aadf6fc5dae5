import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { acknowledgePasswordReset, listOwnSessions, signOutEverywhere } from "~/models/own-account.server";
import { requireUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";
import { sessionCookie, sessionIdHash } from "~/utils/session.server";

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("signOutAll") }),
  z.object({ intent: z.literal("ackReset"), redirectTo: z.string().optional() }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const current = await sessionIdHash(request.headers.get("Cookie"));
  return { sessions: await listOwnSessions(db, user, current, Date.now()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = IntentSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  if (parsed.data.intent === "ackReset") {
    await acknowledgePasswordReset(db, user);
    return redirect(safeRedirect(parsed.data.redirectTo, "/me/sessions"));
  }
  await signOutEverywhere(db, user, context.clientIp ?? null);
  return redirect("/login", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

/** A short name for a browser's User-Agent: enough to tell "Android phone" from "Windows PC". */
function deviceName(userAgent: string | null) {
  if (!userAgent) return null;
  // In order of preference: an Android phone's UA also says "Linux", Chrome's also "Safari".
  const os = ["Android", "iPhone", "iPad", "Windows", "Macintosh", "Linux"].find((n) =>
    userAgent.includes(n),
  );
  const browser = ["Zalo", "Edg", "Firefox", "Chrome", "Safari"].find((n) => userAgent.includes(n));
  return [browser === "Edg" ? "Edge" : browser, os === "Macintosh" ? "Mac" : os].filter(Boolean).join(" · ");
}

export default function MySessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("sessions.title")}</h1>
      <p className="text-lg">{t("sessions.intro")}</p>
      <ul aria-label={t("sessions.title")} className="flex flex-col gap-2">
        {sessions.map((s, i) => (
          <li key={i} className="rounded-lg border border-slate-200 bg-white p-3 text-lg">
            <strong>{deviceName(s.userAgent) || t("sessions.unknownDevice")}</strong>
            {s.current ? ` · ${t("sessions.current")}` : ""}
            {s.assisted ? ` · ${t("sessions.assisted")}` : ""}
            <br />
            {t("sessions.since", { at: formatDateTime(s.createdAt, locale) })}
            {s.ip ? ` · ${s.ip}` : ""}
          </li>
        ))}
      </ul>
      <Form method="post">
        <Button name="intent" value="signOutAll" variant="secondary">
          {t("sessions.signOutAll")}
        </Button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.sessions");

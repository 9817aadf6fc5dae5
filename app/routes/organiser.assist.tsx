import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RegistrationForm } from "~/components/registration-form";
import { listActiveUnits, registerResident } from "~/models/account.server";
import { audit } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { DomainError } from "~/utils/errors";
import { useT } from "~/utils/i18n";
import { parseRegistration } from "~/utils/registration.server";
import { createSession, destroySession } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  return { units: await listActiveUnits(db) };
}

/**
 * Staff-assisted registration: the resident's account is created, the staff
 * member's session on this device ends, and the device is signed in as the
 * resident with the helper recorded, so entries are marked "hỗ trợ".
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["organiser"]);
  const form = Object.fromEntries(await readForm(request));
  const parsed = parseRegistration(form);
  if (!parsed.ok) return { errors: parsed.errors, formError: null, values: parsed.values };
  try {
    const now = Date.now();
    const userId = await registerResident(db, { ...parsed.input, assistedBy: staff, now });
    await audit(db, {
      actorUserId: staff.id,
      action: "account.assistedRegistration",
      entity: "user",
      entityId: userId,
      ip: context.clientIp,
    });
    await destroySession(db, request);
    const headers = new Headers();
    headers.append(
      "Set-Cookie",
      await createSession(db, userId, now, staff.id, {
        userAgent: request.headers.get("User-Agent"),
        ip: context.clientIp,
      }),
    );
    return redirect("/", { headers });
  } catch (error) {
    if (error instanceof DomainError) return { errors: {}, formError: error.code, values: parsed.values };
    throw error;
  }
}

export default function AssistedRegistration() {
  const { units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("assist.title")}</h1>
      <p className="text-lg">{t("assist.intro")}</p>
      <RegistrationForm units={units} result={result} submitLabel={t("assist.submit")} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Đăng ký hỗ trợ — Ban tổ chức" }];

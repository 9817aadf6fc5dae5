import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RegistrationForm } from "~/components/registration-form";
import { Button } from "~/components/ui/button";
import { Alert, Field, FieldError } from "~/components/ui/field";
import { registerResident } from "~/models/residents.server";
import { listActiveUnits } from "~/models/units.server";
import { assistExistingResident } from "~/models/assisted-entry.server";
import { audit } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { DomainError } from "~/utils/errors";
import { useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { AssistExistingSchema, parseForm } from "~/forms/own-account.server";
import { parseRegistration } from "~/forms/registration.server";
import { createSession, destroySession } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  return { units: await listActiveUnits(db) };
}

/**
 * Staff-assisted entry, for a new resident (registered here) or an existing
 * one (after staff checked their identity papers): the staff member's
 * session on this device ends, and the device is signed in as the resident
 * with the helper recorded, so entries are marked "hỗ trợ". The hand-over
 * page then shows the resident's phone and the open contests.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireRole(request, ["organiser"]);
  const form = Object.fromEntries(await readForm(request));
  const ip = context.clientIp ?? null;
  const handOver = async (userId: number, now: number, registered: boolean) => {
    await destroySession(db, request);
    const cookie = await createSession(db, userId, now, staff.id, {
      userAgent: request.headers.get("User-Agent"),
      ip,
    });
    return redirect(registered ? "/me/handover?new=1" : "/me/handover", {
      headers: { "Set-Cookie": cookie },
    });
  };

  if (form.intent === "existing") {
    const parsed = parseForm(AssistExistingSchema, form);
    if (!parsed.ok) return data({ existing: { errors: parsed.errors, values: parsed.values } });
    try {
      const now = Date.now();
      const { userId } = await assistExistingResident(
        db,
        { phone: parsed.data.phone, identityChecked: parsed.data.identityChecked === "on" },
        staff,
        ip,
        now,
      );
      return await handOver(userId, now, false);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return data(
        { existing: { errors: { form: error.code } as Record<string, MessageKey>, values: parsed.values } },
        { status: error.status === 429 ? 429 : 200 },
      );
    }
  }

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
      ip,
    });
    return await handOver(userId, now, true);
  } catch (error) {
    if (error instanceof DomainError) return { errors: {}, formError: error.code, values: parsed.values };
    throw error;
  }
}

export default function AssistedEntry() {
  const { units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const existing = result && "existing" in result ? result.existing : undefined;
  const errors = (existing?.errors ?? {}) as Record<string, MessageKey | undefined>;
  const values = (existing?.values ?? {}) as Record<string, string | undefined>;
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("assist.title")}</h1>
      <p className="text-lg">{t("assist.intro")}</p>
      <section aria-labelledby="assist-new" className="flex flex-col gap-4">
        <h2 id="assist-new" className="text-2xl font-bold">
          {t("assist.newTitle")}
        </h2>
        <RegistrationForm
          units={units}
          result={result && !("existing" in result) ? result : undefined}
          submitLabel={t("assist.submit")}
        />
      </section>
      <section
        aria-labelledby="assist-existing"
        className="mt-4 flex flex-col gap-4 border-t border-slate-300 pt-4"
      >
        <h2 id="assist-existing" className="text-2xl font-bold">
          {t("assist.existingTitle")}
        </h2>
        <p className="text-lg">{t("assist.existingIntro")}</p>
        {errors.form ? <Alert>{t(errors.form)}</Alert> : null}
        <Form method="post" className="flex flex-col gap-4" noValidate>
          <input type="hidden" name="intent" value="existing" />
          <Field
            label={t("assist.existingPhone")}
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            required
            defaultValue={values.phone}
            error={errors.phone && t(errors.phone)}
          />
          <div className="flex flex-col gap-1">
            <label className="flex items-start gap-3 text-lg">
              <input
                type="checkbox"
                name="identityChecked"
                required
                aria-invalid={errors.identityChecked ? true : undefined}
                aria-describedby={errors.identityChecked ? "assist-identity-error" : undefined}
                className="mt-1 size-6 shrink-0"
              />
              <span>{t("assist.identityChecked")}</span>
            </label>
            <FieldError
              id="assist-identity-error"
              error={errors.identityChecked && t(errors.identityChecked)}
            />
          </div>
          <Button disabled={navigation.state !== "idle"} variant="secondary" className="self-start">
            {t("assist.openSession")}
          </Button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgAssist", {}, { app: false });

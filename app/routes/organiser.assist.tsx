import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RegistrationForm } from "~/components/registration-form";
import { Button } from "~/components/ui/button";
import { PhoneField } from "~/components/account-fields";
import { usePageForm } from "~/components/use-page-form";
import { CheckField, PageForm } from "~/components/form-controls";
import { registerResident } from "~/models/residents.server";
import { listActiveUnits } from "~/models/units.server";
import { assistExistingResident } from "~/models/assisted-entry.server";
import { audit } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { DomainError } from "~/utils/errors";
import { useT, metaTitle } from "~/utils/i18n";
import { AssistExistingSchema } from "~/forms/own-account";
import { AssistSchema, registrationInput } from "~/forms/registration";
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
  const formData = await readForm(request);
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

  const submission = parseWithZod(formData, { schema: AssistSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const v = submission.value;
  try {
    const now = Date.now();
    if (v.intent === "existing") {
      const { userId } = await assistExistingResident(
        db,
        { phone: v.phone, identityChecked: true },
        staff,
        ip,
        now,
      );
      return await handOver(userId, now, false);
    }
    const userId = await registerResident(db, { ...registrationInput(v), assistedBy: staff, now });
    await audit(db, {
      actorUserId: staff.id,
      action: "account.assistedRegistration",
      entity: "user",
      entityId: userId,
      ip,
    });
    return await handOver(userId, now, true);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data(submission.reply({ formErrors: [error.code], hideFields: ["password"] }), {
      status: error.status === 429 ? 429 : 200,
    });
  }
}

export default function AssistedEntry() {
  const { units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const { form, fields } = usePageForm(AssistExistingSchema, {
    id: "assist-existing-form",
    result,
    match: { intent: "existing" },
  });
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
          result={result}
          match={{ intent: "register" }}
          hidden={<input type="hidden" name="intent" value="register" />}
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
        <PageForm form={form}>
          <input type="hidden" name="intent" value="existing" />
          <PhoneField meta={fields.phone} label={t("assist.existingPhone")} autoComplete="off" />
          <CheckField meta={fields.identityChecked} label={t("assist.identityChecked")} required />
          <Button disabled={navigation.state !== "idle"} variant="secondary" className="self-start">
            {t("assist.openSession")}
          </Button>
        </PageForm>
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.orgAssist", {}, { app: false });

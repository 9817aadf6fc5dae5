import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { NewPasswordFields, UnitChoice } from "~/components/account-fields";
import { usePageForm } from "~/components/use-page-form";
import { PageForm } from "~/components/form-controls";
import { Alert, Field, FormAlerts } from "~/components/ui/field";
import { listActiveUnits } from "~/models/units.server";
import { changeOwnPassword, getProfile, updateProfile } from "~/models/own-account.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";
import { OTHER_UNIT } from "~/forms/account-fields";
import { PasswordChangeSchema, profileInput, ProfilePageSchema, ProfileSchema } from "~/forms/own-account";
import { sessionIdHash } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(db, user.id);
  return { profile, units: profile.frozenSince === null ? await listActiveUnits(db) : [] };
}

const hideFields = ["current", "password", "confirm"];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: ProfilePageSchema });
  if (submission.status !== "success") return submission.reply({ hideFields });
  const v = submission.value;
  const ip = context.clientIp ?? null;
  try {
    if (v.intent === "password") {
      const keepSessionHash = await sessionIdHash(request.headers.get("Cookie"));
      await changeOwnPassword(db, user, { current: v.current, next: v.password }, { ip, keepSessionHash });
    } else await updateProfile(db, user, profileInput(v), ip);
  } catch (error) {
    // An expected refusal is shown beside the form it came from: a wrong current password at its field.
    if (!(error instanceof DomainError)) throw error;
    const refusal =
      error.code === "profile.currentWrong"
        ? { fieldErrors: { current: [error.code] } }
        : { formErrors: [error.code] };
    return data(submission.reply({ ...refusal, hideFields }), { status: error.status === 429 ? 429 : 200 });
  }
  return {
    ...submission.reply({ hideFields }),
    done: v.intent === "password" ? ("profile.passwordChanged" as const) : ("profile.saved" as const),
  };
}

export default function Profile() {
  const { profile, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const details = usePageForm(ProfileSchema, {
    id: "profile",
    result,
    match: { intent: "profile" },
    defaultValue: {
      fullName: profile.fullName,
      unit: profile.unitId !== null ? String(profile.unitId) : profile.unitOther ? OTHER_UNIT : "",
      unitOther: profile.unitOther ?? "",
    },
  });
  const password = usePageForm(PasswordChangeSchema, {
    id: "password",
    result,
    match: { intent: "password" },
  });
  const done = (which: "profile" | "password") =>
    result && "done" in result && result.initialValue?.intent === which ? (
      <Alert tone="success">{t(result.done)}</Alert>
    ) : null;
  const busy = navigation.state !== "idle";
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("profile.title")}</h1>
      <p className="text-lg">{t("profile.intro", { phone: profile.phone })}</p>

      <ProfileDetails profile={profile} units={units} details={details} busy={busy} done={done("profile")} />

      <section aria-labelledby="profile-password" className="flex flex-col gap-4">
        <h2 id="profile-password" className="text-2xl font-bold">
          {t("profile.password")}
        </h2>
        <p className="text-lg">{t("profile.passwordIntro")}</p>
        {done("password")}
        <PageForm form={password.form}>
          <input type="hidden" name="intent" value="password" />
          <Field
            meta={password.fields.current}
            label={t("profile.currentPassword")}
            type="password"
            autoComplete="current-password"
            required
          />
          <NewPasswordFields
            password={password.fields.password}
            confirm={password.fields.confirm}
            label={t("profile.newPassword")}
          />
          <Button disabled={busy} className="self-start">
            {t("profile.changePassword")}
          </Button>
        </PageForm>
      </section>
      <p className="text-lg">
        <Link to="/me/sessions" className="text-brand-700 font-semibold underline underline-offset-4">
          {t("profile.sessionsLink")}
        </Link>
      </p>
    </div>
  );
}

type ProfileData = Awaited<ReturnType<typeof loader>>;

/** Name and unit: a form, or as they stand once the account is frozen. */
function ProfileDetails({
  profile,
  units,
  details,
  busy,
  done,
}: ProfileData & {
  details: ReturnType<typeof usePageForm<typeof ProfileSchema>>;
  busy: boolean;
  done: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="profile-details" className="flex flex-col gap-4">
      <h2 id="profile-details" className="text-2xl font-bold">
        {t("profile.details")}
      </h2>
      {done}
      {profile.frozenSince !== null ? (
        <>
          <FormAlerts form={details.form} />
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-lg">
            <dt className="font-semibold">{t("profile.fullName")}</dt>
            <dd>{profile.fullName}</dd>
            <dt className="font-semibold">{t("profile.unit")}</dt>
            <dd>{profile.unitName ?? profile.unitOther ?? t("profile.unitNone")}</dd>
          </dl>
          <Alert tone="info">
            {t("profile.frozenSince", { at: formatDateTime(profile.frozenSince, locale) })}
          </Alert>
        </>
      ) : (
        <>
          <PageForm form={details.form}>
            <input type="hidden" name="intent" value="profile" />
            <Field
              meta={details.fields.fullName}
              label={t("profile.fullName")}
              autoComplete="name"
              required
            />
            <UnitChoice
              unit={details.fields.unit}
              unitOther={details.fields.unitOther}
              units={units}
              label={t("profile.unit")}
            />
            <Button disabled={busy} className="self-start">
              {t("profile.save")}
            </Button>
          </PageForm>
        </>
      )}
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.profile");

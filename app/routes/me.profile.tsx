import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Alert, Field, FieldError } from "~/components/ui/field";
import { listActiveUnits } from "~/models/units.server";
import { changeOwnPassword, getProfile, updateProfile } from "~/models/own-account.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/http.server";
import { useLocale, useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { parseForm, PasswordChangeSchema, ProfileSchema } from "~/forms/own-account.server";
import { sessionIdHash } from "~/utils/session.server";

/** The unit select's "Khác" (other) value, as in the registration form. */
const OTHER = "other";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(db, user.id);
  return { profile, units: profile.frozenSince === null ? await listActiveUnits(db) : [] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await readForm(request));
  const ip = context.clientIp ?? null;
  /** Runs the change; an expected refusal is shown beside the form it came from. */
  async function attempt(
    which: "profile" | "password",
    values: Record<string, string>,
    work: () => Promise<void>,
  ) {
    try {
      await work();
      return data({
        which,
        done: which === "password" ? "profile.passwordChanged" : "profile.saved",
      } as const);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors: Record<string, MessageKey> =
        error.code === "profile.currentWrong" ? { current: error.code } : { form: error.code };
      return data({ which, errors, values }, { status: error.status === 429 ? 429 : 200 });
    }
  }
  if (form.intent === "password") {
    const parsed = parseForm(PasswordChangeSchema, form);
    if (!parsed.ok) return data({ which: "password" as const, errors: parsed.errors, values: parsed.values });
    const keepSessionHash = await sessionIdHash(request.headers.get("Cookie"));
    return attempt("password", parsed.values, async () => {
      await changeOwnPassword(
        db,
        user,
        { current: parsed.data.current, next: parsed.data.password },
        { ip, keepSessionHash },
      );
    });
  }
  const parsed = parseForm(ProfileSchema, form);
  if (!parsed.ok) return data({ which: "profile" as const, errors: parsed.errors, values: parsed.values });
  return attempt("profile", parsed.values, () => updateProfile(db, user, parsed.data, ip));
}

export default function Profile() {
  const { profile, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const of = (which: "profile" | "password") => (result?.which === which ? result : undefined);
  const p = of("profile");
  const w = of("password");
  const pErr = (p && "errors" in p ? p.errors : {}) as Record<string, MessageKey | undefined>;
  const wErr = (w && "errors" in w ? w.errors : {}) as Record<string, MessageKey | undefined>;
  const pValues = (p && "values" in p ? p.values : {}) as Record<string, string | undefined>;
  const initialUnit = profile.unitId !== null ? String(profile.unitId) : profile.unitOther ? OTHER : "";
  const [unit, setUnit] = useState(pValues.unit ?? initialUnit);
  const busy = navigation.state !== "idle";
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <h1 className="text-3xl font-bold">{t("profile.title")}</h1>
      <p className="text-lg">{t("profile.intro", { phone: profile.phone })}</p>

      <section aria-labelledby="profile-details" className="flex flex-col gap-4">
        <h2 id="profile-details" className="text-2xl font-bold">
          {t("profile.details")}
        </h2>
        {p && "done" in p ? <Alert tone="success">{t(p.done)}</Alert> : null}
        {pErr.form ? <Alert>{t(pErr.form)}</Alert> : null}
        {profile.frozenSince !== null ? (
          <>
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
          <Form method="post" className="flex flex-col gap-4" noValidate>
            <input type="hidden" name="intent" value="profile" />
            <Field
              label={t("profile.fullName")}
              name="fullName"
              autoComplete="name"
              required
              defaultValue={pValues.fullName ?? profile.fullName}
              error={pErr.fullName && t(pErr.fullName)}
            />
            <div className="flex flex-col gap-1">
              <label htmlFor="profile-unit" className="text-lg font-semibold">
                {t("profile.unit")}
              </label>
              <select
                id="profile-unit"
                name="unit"
                required
                value={unit}
                onChange={(ev) => setUnit(ev.target.value)}
                aria-invalid={pErr.unit ? true : undefined}
                aria-describedby={pErr.unit ? "profile-unit-error" : undefined}
                className="min-h-12 rounded-lg border-2 border-slate-400 bg-white px-3 py-2 text-lg"
              >
                <option value="">{t("register.unitChoose")}</option>
                {units.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.name}
                  </option>
                ))}
                <option value={OTHER}>{t("register.unitOther")}</option>
              </select>
              <FieldError id="profile-unit-error" error={pErr.unit && t(pErr.unit)} />
            </div>
            {unit === OTHER ? (
              <Field
                label={t("register.unitOtherLabel")}
                name="unitOther"
                required
                defaultValue={pValues.unitOther ?? profile.unitOther ?? ""}
                error={pErr.unitOther && t(pErr.unitOther)}
              />
            ) : null}
            <Button disabled={busy} className="self-start">
              {t("profile.save")}
            </Button>
          </Form>
        )}
      </section>

      <section aria-labelledby="profile-password" className="flex flex-col gap-4">
        <h2 id="profile-password" className="text-2xl font-bold">
          {t("profile.password")}
        </h2>
        <p className="text-lg">{t("profile.passwordIntro")}</p>
        {w && "done" in w ? <Alert tone="success">{t(w.done)}</Alert> : null}
        {wErr.form ? <Alert>{t(wErr.form)}</Alert> : null}
        <Form method="post" className="flex flex-col gap-4" noValidate>
          <input type="hidden" name="intent" value="password" />
          <Field
            label={t("profile.currentPassword")}
            name="current"
            type="password"
            autoComplete="current-password"
            required
            error={wErr.current && t(wErr.current)}
          />
          <Field
            label={t("profile.newPassword")}
            hint={t("register.passwordHint")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            error={wErr.password && t(wErr.password)}
          />
          <Field
            label={t("profile.confirmPassword")}
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={wErr.confirm && t(wErr.confirm)}
          />
          <Button disabled={busy} className="self-start">
            {t("profile.changePassword")}
          </Button>
        </Form>
      </section>
      <p className="text-lg">
        <Link to="/me/sessions" className="text-brand-700 font-semibold underline underline-offset-4">
          {t("profile.sessionsLink")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.profile");

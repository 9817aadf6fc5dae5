import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { IssuedCode, ResetCodeForm } from "~/components/reset-code";
import { Button } from "~/components/ui/button";
import { PhoneField } from "~/components/account-fields";
import { answerAlerts, usePageForm } from "~/components/use-page-form";
import { PageForm, selectProps } from "~/components/form-controls";
import { Alert, Field, FormAlerts, SelectField } from "~/components/ui/field";
import {
  changeRole,
  createStaff,
  listAccounts,
  resetPassword,
  setDisabled,
} from "~/models/staff-accounts.server";
import { liftSignInLock, signInLocks } from "~/models/login-throttle.server";
import { formatCode, issueResetCode } from "~/models/reset-codes.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { DomainError } from "~/utils/errors";
import { formatDateTime } from "~/utils/format";
import { AccountsFormSchema, CreateStaffSchema } from "~/forms/staff-accounts";
import { useLocale, useT, metaTitle } from "~/utils/i18n";
import { can, manageableRoles } from "~/utils/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const q = z
    .string()
    .trim()
    .max(50)
    .catch("")
    .parse(new URL(request.url).searchParams.get("q") ?? "");
  const accounts = await listAccounts(db, { q, staffOnly: !q });
  const locks = new Map(
    (
      await signInLocks(
        db,
        accounts.map((a) => a.id),
        Date.now(),
      )
    ).map((l) => [l.userId, l.lockedUntil]),
  );
  return {
    accounts: accounts.map((a) => ({ ...a, lockedUntil: locks.get(a.id) ?? null })),
    q,
    // Cosmetic: the models refuse whatever the matrix does not allow.
    may: {
      create: manageableRoles(user, "create").filter((r) => r !== "resident"),
      reset: manageableRoles(user, "reset"),
      resetCode: manageableRoles(user, "resetCode"),
      disable: manageableRoles(user, "disable"),
      role: manageableRoles(user, "role"),
      unlock: manageableRoles(user, "unlock"),
    },
    isAdmin: can(user, "account.create:admin"),
    me: user.id,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const submission = parseWithZod(await readForm(request), { schema: AccountsFormSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const v = submission.value;
  try {
    if (v.intent === "create") await createStaff(db, v, user);
    else if (v.intent === "reset") {
      const { password, fullName } = await resetPassword(db, v.userId, user);
      return { newPassword: { name: fullName, password } };
    } else if (v.intent === "resetCode") {
      const issued = await issueResetCode(db, v.userId, v, user, context.clientIp ?? null);
      const url = `${new URL(request.url).origin}/reset-password`;
      return { resetCode: { ...issued, code: formatCode(issued.code), url } };
    } else if (v.intent === "disable" || v.intent === "enable")
      await setDisabled(db, v.userId, v.intent === "disable", user);
    else if (v.intent === "unlock") {
      await liftSignInLock(db, user, v.userId, Date.now());
      const [target] = await listAccounts(db, { id: v.userId, staffOnly: false });
      return { unlocked: target?.fullName ?? "" };
    } else await changeRole(db, v.userId, v.role, user);
  } catch (error) {
    if (error instanceof DomainError)
      return data(submission.reply({ formErrors: [error.code], hideFields: ["password"] }), {
        status: error.status,
      });
    throw error;
  }
  return { saved: true };
}

export default function Accounts() {
  const { accounts, q, may, isAdmin, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  // A row's button refused (the last admin, a role not ours to manage): said at the top of the page.
  const rowAlerts = answerAlerts(
    result && "status" in result && result.initialValue?.intent !== "create" ? result : undefined,
  );
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("accounts.title")}</h1>
      {result && "newPassword" in result && result.newPassword ? (
        <Alert tone="success">{t("accounts.newPassword", result.newPassword)}</Alert>
      ) : null}
      {result && "resetCode" in result && result.resetCode ? <IssuedCode issued={result.resetCode} /> : null}
      <FormAlerts form={rowAlerts} />
      {result && "saved" in result ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      {result && "unlocked" in result ? (
        <Alert tone="success">{t("accounts.unlocked", { name: result.unlocked ?? "" })}</Alert>
      ) : null}
      {!isAdmin ? <p className="text-lg">{t("accounts.onlyAdmin")}</p> : null}

      <CreateStaffSection roles={may.create} />

      <section aria-labelledby="reset-code-help" className="text-lg">
        <h2 id="reset-code-help" className="text-xl font-bold">
          {t("resetCode.section")}
        </h2>
        <p>{t("resetCode.howTo")}</p>
      </section>
      <Form method="get" className="flex items-end gap-2">
        <Field label={t("accounts.search")} name="q" defaultValue={q} />
        <Button variant="secondary">{t("org.search")}</Button>
      </Form>
      {!q ? <h2 className="text-xl font-bold">{t("accounts.staff")}</h2> : null}
      <ul className="flex flex-col gap-2">
        {accounts.map((a) => (
          <AccountRow key={a.id} account={a} may={may} me={me} />
        ))}
      </ul>
    </div>
  );
}

type AccountsData = SerializeFrom<typeof loader>;

/** The form adding a staff account, with the roles this organiser may create. */
function CreateStaffSection({ roles }: { roles: AccountsData["may"]["create"] }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const create = usePageForm(CreateStaffSchema, {
    id: "create-staff",
    result: result && "status" in result ? result : undefined,
    match: { intent: "create" },
    defaultValue: { role: "judge" },
  });
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" aria-label={t("accounts.create")}>
      <h2 className="mb-3 text-xl font-bold">{t("accounts.create")}</h2>
      <PageForm form={create.form} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="create" />
        <Field meta={create.fields.fullName} label={t("accounts.fullName")} />
        <PhoneField meta={create.fields.phone} label={t("accounts.phone")} autoComplete="off" />
        <Field
          meta={create.fields.password}
          label={t("accounts.password")}
          type="password"
          autoComplete="new-password"
        />
        <SelectField
          key={create.fields.role.key}
          {...selectProps(create.fields.role)}
          label={t("accounts.role")}
          options={roles.map((r) => [r, t(`role.${r}`)])}
        />
        <Button disabled={navigation.state !== "idle"} className="self-end">
          {t("org.add")}
        </Button>
      </PageForm>
    </section>
  );
}

/** One account: who it is, its sign-in lock and the buttons this organiser may use on it. */
function AccountRow({
  account: a,
  may,
  me,
}: {
  account: AccountsData["accounts"][number];
  may: AccountsData["may"];
  me: number;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <span className="min-w-48 flex-1">
        <strong>{a.fullName}</strong> · {a.phone} · {t(`role.${a.role}`)}
        {a.unitName ? ` · ${a.unitName}` : ""}
        {a.assistedByUserId ? ` · ${t("accounts.assisted")}` : ""}
        {a.disabledAt ? (
          <span className="text-accent-600 ml-2 font-semibold">{t("accounts.disabled")}</span>
        ) : null}
      </span>
      {a.lockedUntil ? (
        <span className="text-accent-600 font-semibold">
          {t("accounts.signInLocked", { until: formatDateTime(a.lockedUntil, locale) })}
        </span>
      ) : null}
      {a.id !== me ? <AccountButtons account={a} may={may} /> : null}
      {a.id !== me && may.resetCode.includes(a.role) ? (
        <ResetCodeForm userId={a.id} name={a.fullName} />
      ) : null}
      {a.id !== me && may.role.includes(a.role) ? (
        <Form method="post" className="flex gap-2">
          <input type="hidden" name="intent" value="role" />
          <input type="hidden" name="userId" value={a.id} />
          <select
            name="role"
            defaultValue={a.role}
            aria-label={`${t("accounts.role")}: ${a.fullName}`}
            className="min-h-10 rounded border-2 border-slate-400 bg-white"
          >
            {may.role.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <Button variant="secondary">{t("accounts.changeRole")}</Button>
        </Form>
      ) : null}
    </li>
  );
}

/** Reset the password, disable / enable, lift a sign-in lock: those this organiser may use on the account. */
function AccountButtons({
  account: a,
  may,
}: {
  account: AccountsData["accounts"][number];
  may: AccountsData["may"];
}) {
  const t = useT();
  return (
    <Form method="post" className="flex flex-wrap gap-2">
      <input type="hidden" name="userId" value={a.id} />
      {may.reset.includes(a.role) ? (
        <Button
          name="intent"
          value="reset"
          variant="ghost"
          aria-label={`${t("accounts.reset")}: ${a.fullName}`}
        >
          {t("accounts.reset")}
        </Button>
      ) : null}
      {may.disable.includes(a.role) ? (
        <Button
          name="intent"
          value={a.disabledAt ? "enable" : "disable"}
          variant="ghost"
          aria-label={`${a.disabledAt ? t("accounts.enable") : t("accounts.disable")}: ${a.fullName}`}
        >
          {a.disabledAt ? t("accounts.enable") : t("accounts.disable")}
        </Button>
      ) : null}
      {a.lockedUntil && may.unlock.includes(a.role) ? (
        <Button
          name="intent"
          value="unlock"
          variant="ghost"
          aria-label={`${t("accounts.unlock")}: ${a.fullName}`}
        >
          {t("accounts.unlock")}
        </Button>
      ) : null}
    </Form>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgAccounts", {}, { app: false });

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "#db/schema";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import { changeRole, createStaff, listAccounts, resetPassword, setDisabled } from "~/models/accounts.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { DomainError } from "~/utils/errors";
import { useT, type MessageKey } from "~/utils/i18n";
import { normalisePhone } from "~/utils/validation";

const STAFF_ROLES = ["organiser", "committee", "judge", "admin"] as const;

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    fullName: z.string().trim().min(2, "field.fullNameInvalid").max(100, "field.fullNameInvalid"),
    phone: z
      .string()
      .transform(
        (v, ctx) =>
          normalisePhone(v) ?? (ctx.addIssue({ code: "custom", message: "field.phoneInvalid" }), ""),
      ),
    password: z.string().min(8, "field.passwordShort").max(200, "field.passwordShort"),
    role: z.enum(STAFF_ROLES),
  }),
  z.object({ intent: z.literal("reset"), userId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("disable"), userId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("enable"), userId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("role"), userId: z.coerce.number().int().positive(), role: z.enum(ROLES) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const q = z
    .string()
    .trim()
    .max(50)
    .catch("")
    .parse(new URL(request.url).searchParams.get("q") ?? "");
  return {
    accounts: await listAccounts(db, { q, staffOnly: !q }),
    q,
    isAdmin: user.role === "admin",
    me: user.id,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const raw = Object.fromEntries(await readForm(request));
  const parsed = IntentSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, MessageKey> = {};
    for (const issue of parsed.error.issues)
      fieldErrors[String(issue.path[0])] ??= issue.message as MessageKey;
    return { fieldErrors, values: { ...raw, password: "" } };
  }
  const v = parsed.data;
  // Only an administrator hands out the administrator role or changes roles.
  if ((v.intent === "create" && v.role === "admin") || v.intent === "role") {
    if (user.role !== "admin") throw new Response("Forbidden", { status: 403 });
  }
  try {
    if (v.intent === "create") await createStaff(db, v, user.id);
    else if (v.intent === "reset") {
      const password = await resetPassword(db, v.userId, user.id);
      const [target] = (await listAccounts(db, { staffOnly: false })).filter((a) => a.id === v.userId);
      return { newPassword: { name: target?.fullName ?? "", password } };
    } else if (v.intent === "disable" || v.intent === "enable")
      await setDisabled(db, v.userId, v.intent === "disable", user.id);
    else await changeRole(db, v.userId, v.role, user.id);
  } catch (error) {
    if (error instanceof DomainError) return { formError: error.code, values: { ...raw, password: "" } };
    throw error;
  }
  return { saved: true };
}

export default function Accounts() {
  const { accounts, q, isAdmin, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errors: Record<string, MessageKey | undefined> =
    (result && "fieldErrors" in result ? result.fieldErrors : undefined) ?? {};
  const values = (result && "values" in result ? result.values : {}) as Record<string, string | undefined>;
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("accounts.title")}</h1>
      {result && "newPassword" in result && result.newPassword ? (
        <Alert tone="success">{t("accounts.newPassword", result.newPassword)}</Alert>
      ) : null}
      {result && "formError" in result && result.formError ? <Alert>{t(result.formError)}</Alert> : null}
      {result && "saved" in result ? <Alert tone="success">{t("org.saved")}</Alert> : null}

      <section className="rounded-xl border border-slate-200 bg-white p-4" aria-label={t("accounts.create")}>
        <h2 className="mb-3 text-xl font-bold">{t("accounts.create")}</h2>
        <Form method="post" className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <input type="hidden" name="intent" value="create" />
          <Field
            label={t("accounts.fullName")}
            name="fullName"
            defaultValue={values.fullName}
            error={errors.fullName && t(errors.fullName)}
          />
          <Field
            label={t("accounts.phone")}
            name="phone"
            type="tel"
            defaultValue={values.phone}
            error={errors.phone && t(errors.phone)}
          />
          <Field
            label={t("accounts.password")}
            name="password"
            type="password"
            autoComplete="new-password"
            error={errors.password && t(errors.password)}
          />
          <label className="flex flex-col gap-1 text-lg font-semibold">
            {t("accounts.role")}
            <select
              name="role"
              defaultValue={values.role ?? "committee"}
              className="min-h-12 rounded-lg border-2 border-slate-400 bg-white px-3 font-normal"
            >
              {STAFF_ROLES.filter((r) => isAdmin || r !== "admin").map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <Button disabled={navigation.state !== "idle"} className="self-end">
            {t("org.add")}
          </Button>
        </Form>
      </section>

      <Form method="get" className="flex items-end gap-2">
        <Field label={t("accounts.search")} name="q" defaultValue={q} />
        <Button variant="secondary">{t("org.search")}</Button>
      </Form>
      {!q ? <h2 className="text-xl font-bold">{t("accounts.staff")}</h2> : null}
      <ul className="flex flex-col gap-2">
        {accounts.map((a) => (
          <li
            key={a.id}
            className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3"
          >
            <span className="min-w-48 flex-1">
              <strong>{a.fullName}</strong> · {a.phone} · {t(`role.${a.role}`)}
              {a.unitName ? ` · ${a.unitName}` : ""}
              {a.assistedByUserId ? ` · ${t("accounts.assisted")}` : ""}
              {a.disabledAt ? (
                <span className="text-accent-600 ml-2 font-semibold">{t("accounts.disabled")}</span>
              ) : null}
            </span>
            {a.id !== me ? (
              <Form method="post" className="flex flex-wrap gap-2">
                <input type="hidden" name="userId" value={a.id} />
                <Button
                  name="intent"
                  value="reset"
                  variant="ghost"
                  aria-label={`${t("accounts.reset")}: ${a.fullName}`}
                >
                  {t("accounts.reset")}
                </Button>
                <Button
                  name="intent"
                  value={a.disabledAt ? "enable" : "disable"}
                  variant="ghost"
                  aria-label={`${a.disabledAt ? t("accounts.enable") : t("accounts.disable")}: ${a.fullName}`}
                >
                  {a.disabledAt ? t("accounts.enable") : t("accounts.disable")}
                </Button>
              </Form>
            ) : null}
            {isAdmin && a.id !== me ? (
              <Form method="post" className="flex gap-2">
                <input type="hidden" name="intent" value="role" />
                <input type="hidden" name="userId" value={a.id} />
                <select
                  name="role"
                  defaultValue={a.role}
                  aria-label={`${t("accounts.role")}: ${a.fullName}`}
                  className="min-h-10 rounded border-2 border-slate-400 bg-white"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
                <Button variant="secondary">{t("accounts.changeRole")}</Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Tài khoản — Ban tổ chức" }];

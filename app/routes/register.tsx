import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Alert, Field, FieldError } from "~/components/ui/field";
import { listActiveUnits, registerResident } from "~/models/account.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { useT, type MessageKey } from "~/utils/i18n";
import { createSession } from "~/utils/session.server";
import { normalisePhone } from "~/utils/validation";

const OTHER = "other";

const RegisterSchema = z
  .object({
    fullName: z.string().trim().min(2, "field.fullNameInvalid").max(100, "field.fullNameInvalid"),
    birthYear: z.coerce
      .number({ invalid_type_error: "field.birthYearInvalid" })
      .int("field.birthYearInvalid")
      .min(1900, "field.birthYearInvalid")
      .refine((y) => y <= new Date().getFullYear(), "field.birthYearInvalid"),
    phone: z
      .string()
      .max(30, "field.phoneInvalid")
      .transform((v, ctx) => {
        const phone = normalisePhone(v);
        if (!phone) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "field.phoneInvalid" });
        return phone ?? "";
      }),
    password: z.string().min(8, "field.passwordShort").max(200, "field.passwordShort"),
    unit: z.string({ required_error: "field.unitRequired" }).min(1, "field.unitRequired"),
    unitOther: z.string().trim().max(120).optional(),
    address: z.string().trim().max(200).optional(),
    consent: z.literal("on", { errorMap: () => ({ message: "field.consentRequired" }) }),
  })
  .superRefine((v, ctx) => {
    if (v.unit === OTHER && !v.unitOther) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unitOther"], message: "field.unitOtherRequired" });
    } else if (v.unit !== OTHER && !/^\d+$/.test(v.unit)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["unit"], message: "field.unitRequired" });
    }
  });

type FieldErrors = Partial<Record<"fullName" | "birthYear" | "phone" | "password" | "unit" | "unitOther" | "consent", MessageKey>>;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return { units: await listActiveUnits(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const values = {
    fullName: String(form.fullName ?? ""),
    birthYear: String(form.birthYear ?? ""),
    phone: String(form.phone ?? ""),
    unit: String(form.unit ?? ""),
    unitOther: String(form.unitOther ?? ""),
    address: String(form.address ?? ""),
  };
  const parsed = RegisterSchema.safeParse(form);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof FieldErrors;
      errors[field] ??= issue.message as MessageKey;
    }
    return { errors, formError: null, values };
  }
  const v = parsed.data;
  try {
    const userId = await registerResident(db, {
      fullName: v.fullName,
      birthYear: v.birthYear,
      phone: v.phone,
      password: v.password,
      unitId: v.unit === OTHER ? null : Number(v.unit),
      unitOther: v.unit === OTHER ? (v.unitOther ?? null) : null,
      address: v.address || null,
      now: Date.now(),
    });
    return redirect(safeRedirect(form.redirectTo), {
      headers: { "Set-Cookie": await createSession(db, userId, Date.now()) },
    });
  } catch (error) {
    if (error instanceof DomainError) return { errors: {} as FieldErrors, formError: error.code, values };
    throw error;
  }
}

export default function Register() {
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const t = useT();
  const errors: FieldErrors = actionData?.errors ?? {};
  const values = actionData?.values;
  const [unit, setUnit] = useState(values?.unit ?? "");
  const e = (key: keyof FieldErrors) => (errors[key] ? t(errors[key]) : undefined);
  return (
    <div className="mx-auto flex max-w-md flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("register.title")}</h1>
      {Object.keys(errors).length ? <Alert>{t("form.fixErrors")}</Alert> : null}
      {actionData?.formError ? <Alert>{t(actionData.formError)}</Alert> : null}
      <Form method="post" className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field label={t("register.fullName")} name="fullName" autoComplete="name" required defaultValue={values?.fullName} error={e("fullName")} />
        <Field
          label={t("register.birthYear")}
          name="birthYear"
          inputMode="numeric"
          pattern="[0-9]{4}"
          maxLength={4}
          required
          defaultValue={values?.birthYear}
          error={e("birthYear")}
        />
        <Field
          label={t("register.phone")}
          hint={t("register.phoneHint")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          defaultValue={values?.phone}
          error={e("phone")}
        />
        <Field
          label={t("register.password")}
          hint={t("register.passwordHint")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          error={e("password")}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="unit" className="text-lg font-semibold">
            {t("register.unit")}
          </label>
          <p id="unit-hint" className="text-base text-slate-600">
            {t("register.unitHint")}
          </p>
          <select
            id="unit"
            name="unit"
            required
            value={unit}
            onChange={(ev) => setUnit(ev.target.value)}
            aria-describedby={errors.unit ? "unit-hint unit-error" : "unit-hint"}
            aria-invalid={errors.unit ? true : undefined}
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
          <FieldError id="unit-error" error={e("unit")} />
        </div>
        {unit === OTHER ? (
          <Field label={t("register.unitOtherLabel")} name="unitOther" required defaultValue={values?.unitOther} error={e("unitOther")} />
        ) : null}
        <Field label={t("register.address")} name="address" autoComplete="street-address" defaultValue={values?.address} />
        <div className="flex flex-col gap-1">
          <label className="flex items-start gap-3 text-lg">
            <input
              type="checkbox"
              name="consent"
              required
              aria-describedby={errors.consent ? "consent-error" : undefined}
              aria-invalid={errors.consent ? true : undefined}
              className="mt-1 size-6 shrink-0"
            />
            <span>{t("register.consent")}</span>
          </label>
          <FieldError id="consent-error" error={e("consent")} />
        </div>
        <Button disabled={navigation.state !== "idle"}>{t("register.submit")}</Button>
      </Form>
      <p className="text-lg">
        {t("register.haveAccount")}{" "}
        <Link to={`/login?${searchParams}`} className="font-semibold text-brand-700 underline underline-offset-4">
          {t("register.loginLink")}
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Đăng ký — Hội Thi" }];

import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import {
  checkReceipt,
  countReceiptCheck,
  normaliseReceiptCode,
  type ReceiptCheck,
} from "~/models/receipts.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

type Outcome =
  | { kind: "none" }
  | { kind: "empty" }
  | { kind: "malformed"; typed: string }
  | { kind: "tooMany"; seconds: number }
  | { kind: "checked"; check: ReceiptCheck };

/**
 * GET /receipts, /receipts/:code and /receipts?code=…: the form works without
 * JavaScript, and a QR code or link can point straight at a result. Unknown
 * codes answer 200 with the message (a page, not an API; the JSON route says 404).
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const typed = (params.code ?? new URL(request.url).searchParams.get("code") ?? "").slice(0, 100);
  const respond = (outcome: Outcome, init?: ResponseInit) => data({ typed, outcome }, init);
  if (params.code === undefined && !new URL(request.url).searchParams.has("code"))
    return respond({ kind: "none" });
  if (typed.trim() === "") return respond({ kind: "empty" });
  if (normaliseReceiptCode(typed) === null) return respond({ kind: "malformed", typed });
  const wait = await countReceiptCheck(db, context.clientIp ?? "unknown", Date.now());
  if (wait !== null)
    return respond(
      { kind: "tooMany", seconds: wait },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  return respond({ kind: "checked", check: await checkReceipt(db, typed) });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export default function ReceiptCheckPage() {
  const { typed, outcome } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "loading";
  const inputError =
    outcome.kind === "empty"
      ? t("receipts.empty")
      : outcome.kind === "malformed"
        ? t("receipts.malformed", { code: outcome.typed })
        : undefined;
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("receipts.title")}</h1>
      <p className="text-lg">{t("receipts.intro")}</p>
      <Form method="get" action="/receipts" className="flex flex-col gap-3">
        <Field
          // A new key per result, so the typed value follows the URL after each check.
          key={typed}
          label={t("receipts.codeLabel")}
          hint={t("receipts.codeHint")}
          error={inputError}
          name="code"
          defaultValue={typed}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          className="font-mono tracking-wider"
        />
        <div>
          <Button disabled={busy}>{t("receipts.submit")}</Button>
        </div>
      </Form>
      <Result outcome={outcome} locale={locale} />
    </div>
  );
}

function Result({ outcome, locale }: { outcome: Outcome; locale: ReturnType<typeof useLocale> }) {
  const t = useT();
  if (outcome.kind === "tooMany") return <Alert>{t("receipts.tooMany", { seconds: outcome.seconds })}</Alert>;
  if (outcome.kind !== "checked") return null;
  // Not labelled regions: only the input may be named "Mã xác nhận" (getByLabel, screen readers' field list).
  const check = outcome.check;
  if (!check.valid)
    return (
      <section role="status" className="border-accent-600 rounded-xl border-l-4 bg-red-50 p-5">
        <h2 className="text-2xl font-bold text-red-900">{t("receipts.notFound", { code: check.code })}</h2>
        <p className="mt-2 text-lg text-red-900">{t("receipts.notFoundHint")}</p>
      </section>
    );
  return (
    <section role="status" className="rounded-xl border-l-4 border-green-700 bg-green-50 p-5">
      <h2 className="text-2xl font-bold text-green-900">{t("receipts.valid")}</h2>
      <p className="mt-2 text-lg">{t("receipts.validLead", { code: check.code })}</p>
      <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 text-lg sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("receipts.contest")}</dt>
        <dd>
          <Link to={`/contests/${check.contest.slug}`} className="text-brand-700 underline">
            {check.contest.title}
          </Link>
        </dd>
        <dt className="font-semibold">{t("receipts.name")}</dt>
        <dd>{check.name}</dd>
        {check.team ? (
          <>
            <dt className="font-semibold">{t("receipts.team")}</dt>
            <dd>{check.team.name}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("receipts.submittedAt")}</dt>
        <dd>{formatDateTime(Date.parse(check.submittedAt), locale)}</dd>
      </dl>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.receipts");

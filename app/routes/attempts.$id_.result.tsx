import { PictureImg } from "~/components/quiz/question-card";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { getAttemptResult } from "~/models/attempt-view.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime, formatDuration, formatNumber } from "~/utils/format";
import { AttemptParamsSchema } from "~/utils/attempt-schemas";
import { orHttpError, parseParams } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id } = parseParams(AttemptParamsSchema, params);
  const user = await requireUser(request);
  const result = await orHttpError(() => getAttemptResult(db, id, user.id, Date.now()));
  if (result.status === "open") throw redirect(`/attempts/${id}`);
  // Sent here by a quiz page whose save or clock found the attempt already closed.
  return { ...result, closedWhileOpen: new URL(request.url).searchParams.has("closed") };
}

export default function ResultPage() {
  const r = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t(r.practice ? "practice.resultTitle" : "result.title")}</h1>
      <p className="text-xl">{r.contestTitle}</p>
      {r.teamName ? (
        <p className="text-lg font-semibold">{t("teamEntry.ofTeam", { team: r.teamName })}</p>
      ) : null}
      {r.practice ? (
        <div
          role="note"
          className="rounded-xl border-2 border-dashed border-amber-600 bg-amber-50 p-3 text-lg"
        >
          {t("practice.noReceipt")}
        </div>
      ) : null}
      {r.submitKind === "auto" ? (
        <Alert tone="info">{t("result.auto")}</Alert>
      ) : r.closedWhileOpen ? (
        <Alert tone="info">{t("result.closed")}</Alert>
      ) : null}
      <ResultSummary r={r} />

      <ResultReview r={r} />
      {r.practiceAgain ? (
        <Form method="post" action={`/contests/${r.contestSlug}`}>
          <input type="hidden" name="thi-thu" value="1" />
          <Button variant="secondary" className="w-full sm:w-auto">
            {t("practice.again")}
          </Button>
        </Form>
      ) : null}
      <Link
        to={`/contests/${r.contestSlug}`}
        className="text-brand-700 text-lg font-semibold underline underline-offset-4"
      >
        {t("result.backToContest")}
      </Link>
    </div>
  );
}

type Result = Awaited<ReturnType<typeof loader>>;

/** Score, answers right, time taken, prediction and (unless practice) the receipt. */
function ResultSummary({
  r,
}: {
  r: Pick<
    Result,
    | "score"
    | "maxScore"
    | "correctCount"
    | "questionCount"
    | "durationMs"
    | "submittedAt"
    | "prediction"
    | "practice"
    | "receipt"
  >;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <dl className="grid grid-cols-2 gap-4 rounded-xl border border-slate-200 bg-white p-4 text-lg">
      <div>
        <dt className="font-semibold">{t("result.score")}</dt>
        <dd className="text-brand-800 text-3xl font-bold">
          {r.score ?? "—"}/{r.maxScore}
        </dd>
      </div>
      <div>
        <dt className="font-semibold">{t("result.correct")}</dt>
        <dd className="text-brand-800 text-3xl font-bold">
          {r.correctCount ?? "—"}/{r.questionCount}
        </dd>
      </div>
      <div>
        <dt className="font-semibold">{t("result.duration")}</dt>
        <dd>{r.durationMs !== null ? formatDuration(r.durationMs, locale) : "—"}</dd>
      </div>
      <div>
        <dt className="font-semibold">{t("result.submittedAt")}</dt>
        <dd>{r.submittedAt ? formatDateTime(r.submittedAt, locale) : "—"}</dd>
      </div>
      {r.prediction !== null ? (
        <div>
          <dt className="font-semibold">{t("result.prediction")}</dt>
          <dd>{formatNumber(r.prediction, locale)}</dd>
        </div>
      ) : null}
      {r.practice ? null : (
        <div className="bg-brand-50 col-span-2 rounded-lg p-3">
          <dt className="font-semibold">{t("result.receipt")}</dt>
          <dd className="font-mono text-3xl font-bold tracking-wider" data-testid="receipt">
            {r.receipt}
          </dd>
          <dd className="text-base text-slate-700">{t("result.receiptHint")}</dd>
          {r.receipt ? (
            <dd>
              <Link to={`/receipts/${r.receipt}`} className="text-brand-700 text-base underline">
                {t("receipts.checkLink")}
              </Link>
            </dd>
          ) : null}
        </div>
      )}
    </dl>
  );
}

/** Each question with the answer given and the right one, when the review policy shows them. */
function ResultReview({ r }: { r: Pick<Result, "practice" | "showReview" | "reviewPolicy" | "review"> }) {
  const t = useT();
  return (
    <section>
      <h2 className="mb-3 text-2xl font-bold">{t("result.review")}</h2>
      {r.practice && !r.showReview ? <p className="mb-2 text-lg">{t("practice.reviewHeld")}</p> : null}
      {!r.showReview ? (
        <p className="text-lg">
          {r.reviewPolicy === "never"
            ? t("result.reviewNever")
            : r.reviewPolicy === "after_submit"
              ? t("result.reviewAfterAttempts")
              : t("result.reviewLater")}
        </p>
      ) : (
        <ol className="flex flex-col gap-3">
          {r.review.map((q) => {
            const right =
              q.selected.length === q.correct.length && q.selected.every((id) => q.correct.includes(id));
            const names = (ids: number[]) =>
              q.options
                .filter((o) => ids.includes(o.id))
                .map((o) => o.text)
                .join("; ");
            return (
              <li key={q.position} className="rounded-xl border border-slate-200 bg-white p-4 text-lg">
                <p className="font-semibold">
                  {t("quiz.question", { n: q.position })}. {q.prompt}
                </p>
                {q.image ? <PictureImg picture={q.image} className="my-2" /> : null}
                <p className={right ? "text-green-800" : "text-accent-600"}>
                  {right ? "✓" : "✗"} {t(right ? "result.right" : "result.wrong")} — {t("result.yourAnswer")}:{" "}
                  {q.selected.length ? names(q.selected) : t("result.noAnswer")}
                </p>
                {!right ? (
                  <p>
                    {t("result.correctAnswer")}: {names(q.correct)}
                  </p>
                ) : null}
                {q.explanation ? <p className="mt-1 text-slate-700">{q.explanation}</p> : null}
                {q.legalSource ? (
                  <p className="text-base text-slate-600">
                    {t("result.legal")}: {q.legalSource}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.attemptResult");

import { Form, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Alert, Field, FieldError, SelectField } from "~/components/ui/field";
import { STAGE_PRIZE_ROWS, type StageFormValues } from "~/forms/stage-form";
import { useT } from "~/utils/i18n";

/** A stage contest's settings and team prizes; keeps what was typed when the server refuses it. */
export function StageSettingsForm({
  values,
  problems,
  submitLabel,
  scored = false,
}: {
  values: StageFormValues;
  problems: Record<string, string | undefined>;
  submitLabel: string;
  /** Judges have scored: a change is an amendment of the thể lệ, with a reason. */
  scored?: boolean;
}) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const prizes = Array.from(
    { length: STAGE_PRIZE_ROWS },
    (_, i) => values.prizes[i] ?? { label: "", count: "", amount: "" },
  );
  return (
    <Form method="post" className="flex min-w-0 flex-col gap-4" noValidate>
      <input type="hidden" name="intent" value="settings" />
      {Object.values(problems).some(Boolean) ? <Alert>{t("form.fixErrors")}</Alert> : null}
      <fieldset className="grid min-w-0 grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-xl font-bold">{t("stage.settings")}</legend>
        <Field
          label={t("contests.titleField")}
          name="title"
          defaultValue={values.title}
          error={problems.title}
          required
        />
        <Field
          label={t("contests.slug")}
          name="slug"
          defaultValue={values.slug}
          error={problems.slug}
          hint={t("contests.slugHint")}
          required
        />
        <Field label={t("contests.description")} name="description" defaultValue={values.description} />
        <span />
        <Field
          label={t("stage.startsAt")}
          name="opensAt"
          type="datetime-local"
          defaultValue={values.opensAt}
          error={problems.opensAt}
        />
        <Field
          label={t("stage.endsAt")}
          name="closesAt"
          type="datetime-local"
          defaultValue={values.closesAt}
          error={problems.closesAt}
        />
        <SelectField
          label={t("stage.aggregation")}
          name="stageAggregation"
          defaultValue={values.stageAggregation}
          options={[
            ["mean", t("stage.aggregation.mean")],
            ["trimmed_mean", t("stage.aggregation.trimmed_mean")],
          ]}
        />
        {/* 5: TRIM_MIN_JUDGES in models/stage-scoring.server.ts. */}
        <p className="-mt-2 text-base text-slate-600">{t("stage.trimRule", { min: 5 })}</p>
        <Field
          label={t("stage.spreadPct")}
          hint={t("stage.spreadPctHint")}
          name="stageSpreadPct"
          inputMode="numeric"
          defaultValue={values.stageSpreadPct}
          error={problems.stageSpreadPct}
        />
        <label className="flex min-h-12 items-center gap-3 text-lg font-semibold">
          <input
            type="checkbox"
            name="stageHideTotals"
            defaultChecked={values.stageHideTotals}
            className="size-6"
          />
          {t("stage.hideTotals")}
        </label>
      </fieldset>
      <fieldset className="flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-xl font-bold">{t("stage.prizes")}</legend>
        <p className="text-base text-slate-600">{t("stage.prizesHint")}</p>
        <FieldError error={problems.prizes} />
        {prizes.map((p, i) => (
          <div key={i} className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            <label className="flex flex-col text-base font-semibold">
              {t("stage.prizeLabel", { n: i + 1 })}
              <input
                name={`prize-label-${i}`}
                defaultValue={p.label}
                className="min-h-11 rounded-lg border-2 border-slate-400 px-2"
              />
            </label>
            <label className="flex flex-col text-base font-semibold">
              {t("stage.prizeCount", { n: i + 1 })}
              <input
                name={`prize-count-${i}`}
                inputMode="numeric"
                defaultValue={p.count}
                className="min-h-11 rounded-lg border-2 border-slate-400 px-2"
              />
            </label>
            <label className="flex flex-col text-base font-semibold">
              {t("stage.prizeAmount", { n: i + 1 })}
              <input
                name={`prize-amount-${i}`}
                inputMode="numeric"
                defaultValue={p.amount}
                className="min-h-11 rounded-lg border-2 border-slate-400 px-2"
              />
            </label>
          </div>
        ))}
      </fieldset>
      {scored ? (
        <Field
          label={t("contests.amendmentReason")}
          hint={t("stage.amendmentHint")}
          name="amendmentReason"
          defaultValue={values.amendmentReason}
          error={problems.amendmentReason}
        />
      ) : null}
      <Button disabled={busy} className="self-start">
        {submitLabel}
      </Button>
    </Form>
  );
}

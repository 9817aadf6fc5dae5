import { useForm, type SubmissionResult } from "@conform-to/react";
import { formProps } from "~/components/form-controls";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { PrizeTable } from "~/components/prize-table";
import { ContestBasicsFields, SettingCheckbox, SettingSelect } from "~/components/settings-fields";
import { Button } from "~/components/ui/button";
import { Field, FormAlerts } from "~/components/ui/field";
import {
  STAGE_AGGREGATIONS,
  STAGE_PRIZE_ROWS,
  StageFormSchema,
  type StageFormValues,
} from "~/forms/stage-form";
import { useT } from "~/utils/i18n";

/** The prize inputs' accessible names ("Tên giải 1"); the table has no category column. */
const PRIZE_NAMES = {
  category: "stage.prizeLabel",
  label: "stage.prizeLabel",
  count: "stage.prizeCount",
  amount: "stage.prizeAmount",
} as const;

/** A stage contest's settings and team prizes; keeps what was typed when the server refuses it. */
export function StageSettingsForm({
  values,
  lastResult,
  submitLabel,
  scored = false,
}: {
  values: StageFormValues;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  /** Judges have scored: a change is an amendment of the thể lệ, with a reason. */
  scored?: boolean;
}) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useForm<StageFormValues>({
    lastResult,
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StageFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="flex min-w-0 flex-col gap-4" {...formProps(form)}>
      <input type="hidden" name="intent" value="settings" />
      <FormAlerts form={form} />
      <fieldset className="grid min-w-0 grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-xl font-bold">{t("stage.settings")}</legend>
        <ContestBasicsFields
          fields={fields}
          opensAtLabel={t("stage.startsAt")}
          closesAtLabel={t("stage.endsAt")}
          required
        />
        <SettingSelect
          meta={fields.stageAggregation}
          label={t("stage.aggregation")}
          className=""
          options={STAGE_AGGREGATIONS.map((a): [string, string] => [a, t(`stage.aggregation.${a}`)])}
        />
        {/* 5: TRIM_MIN_JUDGES in models/stage-scoring.server.ts. */}
        <p className="-mt-2 text-base text-slate-600">{t("stage.trimRule", { min: 5 })}</p>
        <Field
          label={t("stage.spreadPct")}
          hint={t("stage.spreadPctHint")}
          meta={fields.stageSpreadPct}
          inputMode="numeric"
        />
        <SettingCheckbox meta={fields.stageHideTotals} className="gap-3 font-semibold">
          {t("stage.hideTotals")}
        </SettingCheckbox>
        <SettingCheckbox meta={fields.audienceVote} className="gap-3 font-semibold">
          {t("audienceVote.setting")}
        </SettingCheckbox>
        <p className="-mt-2 text-base text-slate-600 sm:col-span-2">{t("audienceVote.settingHint")}</p>
      </fieldset>
      <PrizeTable
        meta={fields.prizes}
        rows={STAGE_PRIZE_ROWS}
        legend={t("stage.prizes")}
        hint={t("stage.prizesHint")}
        names={(column, n) => t(PRIZE_NAMES[column], { n })}
      />
      {scored ? (
        <Field
          label={t("contests.amendmentReason")}
          hint={t("stage.amendmentHint")}
          meta={fields.amendmentReason}
        />
      ) : null}
      <Button disabled={busy} className="self-start">
        {submitLabel}
      </Button>
    </Form>
  );
}

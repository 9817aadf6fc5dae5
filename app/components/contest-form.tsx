import { useForm, type SubmissionResult } from "@conform-to/react";
import { formProps } from "~/components/form-controls";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { DrawSection, EntriesSection, GeneralSection } from "~/components/contest-form-sections";
import { PrizeTable } from "~/components/prize-table";
import { SettingTextArea } from "~/components/settings-fields";
import { Button } from "~/components/ui/button";
import { Alert, Field, FormAlerts } from "~/components/ui/field";
import { ContestFormSchema, PRIZE_ROWS, type ContestFormValues } from "~/forms/contest-form";
import { useT } from "~/utils/i18n";

const PRIZE_COLUMNS = {
  category: "contests.prizeCategory",
  label: "contests.prizeLabel",
  count: "contests.prizeCount",
  amount: "contests.prizeAmount",
} as const;

/** Every setting of a quiz contest; keeps what was typed when the server refuses it. */
export function ContestForm({
  values,
  lastResult,
  units,
  bank,
  categories,
  locked,
}: {
  values: ContestFormValues;
  lastResult: SubmissionResult<string[]> | undefined;
  units: { id: number; name: string }[];
  bank: Record<string, number>;
  categories: { code: string; name: string; retired: boolean }[];
  locked: boolean;
}) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useForm<ContestFormValues>({
    lastResult,
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContestFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="flex flex-col gap-5" {...formProps(form)}>
      <FormAlerts form={form} />
      {locked ? <Alert tone="info">{t("contests.lockedNote")}</Alert> : null}
      <GeneralSection fields={fields} />
      <DrawSection
        fields={fields}
        bank={bank}
        // Retired categories only where this contest still draws from them.
        categories={categories.filter((c) => !c.retired || Number(values.counts[c.code] ?? 0) > 0)}
        drawErrors={form.allErrors.draw}
      />
      <EntriesSection fields={fields} units={units} />
      <PrizeTable
        meta={fields.prizes}
        rows={PRIZE_ROWS}
        legend={t("contest.prizes")}
        categories
        names={(column, n) => `${t(PRIZE_COLUMNS[column])} ${n}`}
      />
      <SettingTextArea
        label={t("contest.rules")}
        hint={t("contests.rulesHint")}
        meta={fields.rules}
        rows={10}
      />
      {locked ? (
        <Field
          label={t("contests.amendmentReason")}
          hint={t("contests.amendmentHint")}
          meta={fields.amendmentReason}
        />
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button name="intent" value="save" disabled={busy}>
          {t("org.save")}
        </Button>
        <Button name="intent" value="regenerate" variant="secondary" disabled={busy}>
          {t("contests.regenerate")}
        </Button>
      </div>
    </Form>
  );
}

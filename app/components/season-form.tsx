import { useNavigation } from "@remix-run/react";
import { PageForm } from "~/components/form-controls";
import { PrizeTable } from "~/components/prize-table";
import { Section } from "~/components/contest-form-sections";
import { SettingSelect, SettingTextArea } from "~/components/settings-fields";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { usePageForm, type PageFormResult } from "~/components/use-page-form";
import { COLLECTIVE_RULES } from "~/forms/contest-form";
import {
  SEASON_AGGREGATES,
  SEASON_PRIZE_ROWS,
  SEASON_PRIZE_RULES,
  SeasonFormSchema,
  type SeasonFormValues,
} from "~/forms/season";
import { useT } from "~/utils/i18n";

const PRIZE_COLUMNS = {
  category: "contests.prizeCategory",
  label: "contests.prizeLabel",
  count: "contests.prizeCount",
  amount: "contests.prizeAmount",
} as const;

/**
 * A season's settings: what it is, the rules across its rounds, its prize
 * table; creating one, the quiz that becomes round 1 (`firstRounds`);
 * editing one, the rounds a person must enter (`roundCount`), the thể lệ and,
 * once anyone has entered, the reason for a change.
 */
export function SeasonForm({
  values,
  result,
  firstRounds,
  roundCount = 0,
  started = false,
}: {
  values: SeasonFormValues;
  result: PageFormResult | undefined;
  firstRounds?: { id: number; title: string }[];
  roundCount?: number;
  started?: boolean;
}) {
  const t = useT();
  const busy = useNavigation().state !== "idle";
  // The ticked rounds are given apart: conform's default-value type takes no array of a caught field.
  const { requiredRounds, ...defaultValue } = values;
  const { form, fields } = usePageForm(SeasonFormSchema, {
    id: "season",
    result,
    match: { intent: "save" },
    defaultValue,
  });
  const required = [fields.requiredRounds.initialValue ?? requiredRounds].flat().map(String);
  return (
    <PageForm form={form} className="flex flex-col gap-5">
      <input type="hidden" name="intent" value="save" />
      <Section title={t("contests.general")}>
        <Field label={t("season.titleField")} meta={fields.title} required />
        <Field label={t("contests.slug")} meta={fields.slug} hint={t("contests.slugHint")} required />
        <SettingTextArea
          label={t("contests.description")}
          meta={fields.description}
          rows={2}
          className="sm:col-span-2"
        />
        {firstRounds ? (
          <SettingSelect
            meta={fields.firstRoundId}
            label={t("season.firstRound")}
            options={firstRounds.map((c) => [String(c.id), c.title])}
          />
        ) : null}
      </Section>
      <Section title={t("season.rules")}>
        <SettingSelect
          meta={fields.aggregate}
          label={t("season.aggregate")}
          options={SEASON_AGGREGATES.map((a) => [a, t(`season.aggregate.${a}`)])}
        />
        <SettingSelect
          meta={fields.prizeRule}
          label={t("season.prizeRule")}
          options={SEASON_PRIZE_RULES.map((r) => [r, t(`season.prizeRule.${r}`)])}
        />
        <SettingSelect
          meta={fields.collectiveRule}
          label={t("season.collectiveRule")}
          options={COLLECTIVE_RULES.map((r) => [r, t(`contests.rule.${r}`)])}
        />
        {roundCount > 0 ? (
          <fieldset key={fields.requiredRounds.key} className="sm:col-span-2">
            <legend className="text-lg font-semibold">{t("season.requiredRounds")}</legend>
            <p className="text-base text-slate-600">{t("season.requiredRoundsHint")}</p>
            <div className="flex flex-wrap gap-4">
              {Array.from({ length: roundCount }, (_, i) => String(i + 1)).map((n) => (
                <label key={n} className="flex min-h-11 items-center gap-2 text-lg">
                  <input
                    type="checkbox"
                    name={fields.requiredRounds.name}
                    value={n}
                    defaultChecked={required.includes(n)}
                    className="size-6"
                  />
                  {t("season.round", { n })}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
      </Section>
      <PrizeTable
        meta={fields.prizes}
        rows={SEASON_PRIZE_ROWS}
        legend={t("season.prizes")}
        hint={t("season.prizesHint")}
        categories
        names={(column, n) => `${t(PRIZE_COLUMNS[column])} ${n}`}
      />
      {firstRounds ? null : (
        <SettingTextArea
          label={t("season.rules")}
          hint={t("contests.rulesHint")}
          meta={fields.rules}
          rows={10}
        />
      )}
      {started ? <Field label={t("season.amendmentReason")} meta={fields.amendmentReason} /> : null}
      <div>
        <Button disabled={busy}>{firstRounds ? t("season.create") : t("season.save")}</Button>
      </div>
    </PageForm>
  );
}

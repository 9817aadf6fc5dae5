import type { useForm } from "@conform-to/react";
import { useState, type ReactNode } from "react";
import { useCategoryName } from "~/components/category-name";
import {
  ContestBasicsFields,
  SettingCheckbox,
  SettingSelect,
  SettingTextArea,
} from "~/components/settings-fields";
import { Field, FieldError, initial, useFieldError } from "~/components/ui/field";
import {
  ATTEMPT_PERIODS,
  COLLECTIVE_RULES,
  COUNTINGS,
  ENTRY_MODES,
  PREDICTION_TARGETS,
  REVIEW_POLICIES,
  type ContestFormValues,
} from "~/forms/contest-form";
import { useT, type Translate } from "~/utils/i18n";

export type ContestFields = ReturnType<typeof useForm<ContestFormValues>>[1];

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="grid min-w-0 grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2">
      <legend className="px-1 text-xl font-bold">{title}</legend>
      {children}
    </fieldset>
  );
}

export function GeneralSection({ fields }: { fields: ContestFields }) {
  const t = useT();
  return (
    <Section title={t("contests.general")}>
      <ContestBasicsFields
        fields={fields}
        opensAtLabel={t("contests.opensAt")}
        closesAtLabel={t("contests.closesAt")}
      />
    </Section>
  );
}

export function DrawSection({
  fields,
  bank,
  categories,
  drawErrors,
}: {
  fields: ContestFields;
  bank: Record<string, number>;
  /** The ward's categories in use, and a retired one this contest still draws from. */
  categories: { code: string; name: string }[];
  /** The model's problem with the draw as a whole (too few questions in the bank, unknown codes). */
  drawErrors: string[] | undefined;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const categoryName = useCategoryName();
  const counts = fields.counts.getFieldset();
  const [drawMode, setDrawMode] = useState(initial(fields.drawMode) === "fixed" ? "fixed" : "category");
  return (
    <Section title={t("contests.drawSection")}>
      <Field label={t("contests.timeLimitMin")} meta={fields.timeLimitMin} inputMode="numeric" />
      <Field label={t("contests.points")} meta={fields.pointsPerQuestion} inputMode="numeric" />
      <SettingSelect
        meta={fields.drawMode}
        label={t("contests.drawMode")}
        className="text-lg sm:col-span-2"
        value={drawMode}
        onChange={(e) => setDrawMode(e.target.value === "fixed" ? "fixed" : "category")}
        options={[
          ["category", t("contests.drawCategory")],
          ["fixed", t("contests.drawFixed")],
        ]}
      />
      {drawMode === "category" ? (
        categories.map((c) => (
          <Field
            key={c.code}
            label={`${categoryName(c)} (${t("contests.inBank", { n: bank[c.code] ?? 0 })})`}
            meta={counts[c.code]}
            inputMode="numeric"
          />
        ))
      ) : (
        <SettingTextArea
          label={t("contests.fixedCodes")}
          meta={fields.fixedCodes}
          rows={3}
          className="sm:col-span-2"
        />
      )}
      <div className="sm:col-span-2">
        <FieldError error={fieldError({ errors: drawErrors })} />
      </div>
      <SettingCheckbox meta={fields.shuffleQuestions}>{t("contests.shuffleQuestions")}</SettingCheckbox>
      <SettingCheckbox meta={fields.shuffleOptions}>{t("contests.shuffleOptions")}</SettingCheckbox>
    </Section>
  );
}

const options = <T extends string>(values: readonly T[], label: (value: T) => string) =>
  values.map((v): [string, string] => [v, label(v)]);

export function AttemptsFields({ fields, t }: { fields: ContestFields; t: Translate }) {
  return (
    <>
      <Field label={t("contests.maxAttempts")} meta={fields.maxAttempts} inputMode="numeric" />
      <SettingSelect
        meta={fields.attemptPeriod}
        label={t("contests.attemptPeriod")}
        options={options(ATTEMPT_PERIODS, (p) => t(`contests.period.${p}`))}
      />
      <SettingSelect
        meta={fields.counting}
        label={t("contests.counting")}
        options={options(COUNTINGS, (c) => t(`contest.counting.${c}`))}
      />
      <SettingSelect
        meta={fields.reviewPolicy}
        label={t("contests.review")}
        options={options(REVIEW_POLICIES, (r) => t(`contests.review.${r}`))}
      />
      <p className="text-base text-slate-600 sm:col-span-2">{t("contests.reviewHint")}</p>
      <SettingCheckbox meta={fields.practiceEnabled} className="sm:col-span-2">
        {t("practice.setting")}
      </SettingCheckbox>
      <p className="text-base text-slate-600 sm:col-span-2">{t("practice.settingHint")}</p>
    </>
  );
}

export function AudienceFields({
  fields,
  units,
  t,
}: {
  fields: ContestFields;
  units: { id: number; name: string }[];
  t: Translate;
}) {
  const eligible = [fields.eligible.initialValue].flat().map(String);
  return (
    <>
      <SettingSelect
        meta={fields.entryModes}
        label={t("contests.entryModes")}
        options={options(ENTRY_MODES, (m) => t(`contests.mode.${m}`))}
      />
      <SettingSelect
        meta={fields.collectiveRule}
        label={t("contests.collectiveRule")}
        options={options(COLLECTIVE_RULES, (r) => t(`contests.rule.${r}`))}
      />
      <SettingSelect
        meta={fields.predictionTarget}
        label={t("contests.predictionTarget")}
        options={[
          ["", t("contests.prediction.none")],
          ...options(PREDICTION_TARGETS, (p) => t(`contests.prediction.${p}`)),
        ]}
      />
      <Field label={t("contests.predictionPrompt")} meta={fields.predictionPrompt} />
      <fieldset className="sm:col-span-2">
        <legend className="text-lg font-semibold">{t("contests.eligible")}</legend>
        <div
          key={fields.eligible.key}
          className="grid max-h-48 grid-cols-1 gap-1 overflow-y-auto sm:grid-cols-2"
        >
          {units.map((u) => (
            <label key={u.id} className="flex items-center gap-2 text-base">
              <input
                type="checkbox"
                name={fields.eligible.name}
                value={u.id}
                defaultChecked={eligible.includes(String(u.id))}
                className="size-5"
              />{" "}
              {u.name}
            </label>
          ))}
        </div>
      </fieldset>
      <SettingTextArea
        label={t("contests.exclusions")}
        meta={fields.exclusions}
        rows={3}
        className="sm:col-span-2"
      />
    </>
  );
}

export function EntriesSection({
  fields,
  units,
}: {
  fields: ContestFields;
  units: { id: number; name: string }[];
}) {
  const t = useT();
  return (
    <Section title={t("contests.entriesSection")}>
      <AttemptsFields fields={fields} t={t} />
      <AudienceFields fields={fields} units={units} t={t} />
    </Section>
  );
}

import { Form, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { QUESTION_CATEGORIES } from "#db/constants";
import { Button } from "~/components/ui/button";
import { Alert, Field, FieldError, SelectField } from "~/components/ui/field";
import type { ContestFormValues } from "~/forms/contest-form";
import { useT } from "~/utils/i18n";

const select = "min-h-12 rounded-lg border-2 border-slate-400 bg-white px-3 text-lg font-normal";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="grid min-w-0 grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2">
      <legend className="px-1 text-xl font-bold">{title}</legend>
      {children}
    </fieldset>
  );
}

/** Every setting of a quiz contest; keeps what was typed when the server refuses it. */
export function ContestForm({
  values,
  problems,
  units,
  bank,
  locked,
}: {
  values: ContestFormValues;
  problems: Record<string, string | undefined>;
  units: { id: number; name: string }[];
  bank: Record<string, number>;
  locked: boolean;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [drawMode, setDrawMode] = useState(values.drawMode);
  const prizes = Array.from(
    { length: 10 },
    (_, i) => values.prizes[i] ?? { category: "individual", label: "", count: "", amount: "" },
  );
  const hasProblems = Object.values(problems).some(Boolean);
  return (
    <Form method="post" className="flex flex-col gap-5" noValidate>
      {hasProblems ? <Alert>{t("form.fixErrors")}</Alert> : null}
      {locked ? <Alert tone="info">{t("contests.lockedNote")}</Alert> : null}
      <Section title={t("contests.general")}>
        <Field
          label={t("contests.titleField")}
          name="title"
          defaultValue={values.title}
          error={problems.title}
        />
        <Field
          label={t("contests.slug")}
          name="slug"
          defaultValue={values.slug}
          error={problems.slug}
          hint={t("contests.slugHint")}
        />
        <label className="flex flex-col gap-1 text-lg font-semibold sm:col-span-2">
          {t("contests.description")}
          <textarea
            name="description"
            rows={2}
            defaultValue={values.description}
            className="rounded-lg border-2 border-slate-400 p-2 font-normal"
          />
        </label>
        <Field
          label={t("contests.opensAt")}
          name="opensAt"
          type="datetime-local"
          defaultValue={values.opensAt}
          error={problems.opensAt}
        />
        <Field
          label={t("contests.closesAt")}
          name="closesAt"
          type="datetime-local"
          defaultValue={values.closesAt}
          error={problems.closesAt}
        />
      </Section>

      <Section title={t("contests.drawSection")}>
        <Field
          label={t("contests.timeLimitMin")}
          name="timeLimitMin"
          inputMode="numeric"
          defaultValue={String(values.timeLimitMin)}
          error={problems.timeLimitSec}
        />
        <Field
          label={t("contests.points")}
          name="pointsPerQuestion"
          inputMode="numeric"
          defaultValue={String(values.pointsPerQuestion)}
          error={problems.pointsPerQuestion}
        />
        <label className="flex flex-col gap-1 text-lg font-semibold sm:col-span-2">
          {t("contests.drawMode")}
          <select
            name="drawMode"
            value={drawMode}
            onChange={(e) => setDrawMode(e.target.value === "fixed" ? "fixed" : "category")}
            className={select}
          >
            <option value="category">{t("contests.drawCategory")}</option>
            <option value="fixed">{t("contests.drawFixed")}</option>
          </select>
        </label>
        {drawMode === "category" ? (
          QUESTION_CATEGORIES.map((c) => (
            <Field
              key={c}
              label={`${t(`category.${c}`)} (${t("contests.inBank", { n: bank[c] ?? 0 })})`}
              name={`count-${c}`}
              inputMode="numeric"
              defaultValue={String(values.counts[c] ?? 0)}
            />
          ))
        ) : (
          <label className="flex flex-col gap-1 text-lg font-semibold sm:col-span-2">
            {t("contests.fixedCodes")}
            <textarea
              name="fixedCodes"
              rows={3}
              defaultValue={values.fixedCodes}
              className="rounded-lg border-2 border-slate-400 p-2 font-normal"
            />
          </label>
        )}
        <div className="sm:col-span-2">
          <FieldError error={problems.draw} />
        </div>
        <label className="flex items-center gap-2 text-lg">
          <input
            type="checkbox"
            name="shuffleQuestions"
            defaultChecked={values.shuffleQuestions}
            className="size-6"
          />{" "}
          {t("contests.shuffleQuestions")}
        </label>
        <label className="flex items-center gap-2 text-lg">
          <input
            type="checkbox"
            name="shuffleOptions"
            defaultChecked={values.shuffleOptions}
            className="size-6"
          />{" "}
          {t("contests.shuffleOptions")}
        </label>
      </Section>

      <Section title={t("contests.entriesSection")}>
        <Field
          label={t("contests.maxAttempts")}
          name="maxAttempts"
          inputMode="numeric"
          defaultValue={String(values.maxAttempts)}
          error={problems.maxAttempts}
        />
        <SelectField
          className="text-lg"
          label={t("contests.attemptPeriod")}
          name="attemptPeriod"
          defaultValue={values.attemptPeriod}
          options={[
            ["contest", t("contests.period.contest")],
            ["day", t("contests.period.day")],
            ["week", t("contests.period.week")],
          ]}
        />
        <SelectField
          className="text-lg"
          label={t("contests.counting")}
          name="counting"
          defaultValue={values.counting}
          options={[
            ["best", t("contest.counting.best")],
            ["first", t("contest.counting.first")],
            ["last", t("contest.counting.last")],
          ]}
        />
        <SelectField
          className="text-lg"
          label={t("contests.review")}
          name="reviewPolicy"
          defaultValue={values.reviewPolicy}
          options={[
            ["after_submit", t("contests.review.after_submit")],
            ["after_close", t("contests.review.after_close")],
            ["never", t("contests.review.never")],
          ]}
        />
        <p className="text-base text-slate-600 sm:col-span-2">{t("contests.reviewHint")}</p>
        <label className="flex items-center gap-2 text-lg sm:col-span-2">
          <input
            type="checkbox"
            name="practiceEnabled"
            defaultChecked={Boolean(values.practiceEnabled)}
            className="size-6"
          />{" "}
          {t("practice.setting")}
        </label>
        <p className="text-base text-slate-600 sm:col-span-2">{t("practice.settingHint")}</p>
        <SelectField
          className="text-lg"
          label={t("contests.entryModes")}
          name="entryModes"
          defaultValue={values.entryModes}
          options={[
            ["individual", t("contests.mode.individual")],
            ["team", t("contests.mode.team")],
            ["both", t("contests.mode.both")],
          ]}
        />
        <SelectField
          className="text-lg"
          label={t("contests.collectiveRule")}
          name="collectiveRule"
          defaultValue={values.collectiveRule}
          options={[
            ["participation_rate", t("contests.rule.participation_rate")],
            ["entries", t("contests.rule.entries")],
            ["average_score", t("contests.rule.average_score")],
            ["points", t("contests.rule.points")],
          ]}
        />
        <SelectField
          className="text-lg"
          label={t("contests.predictionTarget")}
          name="predictionTarget"
          defaultValue={values.predictionTarget}
          options={[
            ["", t("contests.prediction.none")],
            ["entries", t("contests.prediction.entries")],
            ["perfect_entries", t("contests.prediction.perfect_entries")],
          ]}
        />
        <Field
          label={t("contests.predictionPrompt")}
          name="predictionPrompt"
          defaultValue={values.predictionPrompt}
          error={problems.predictionPrompt}
        />
        <fieldset className="sm:col-span-2">
          <legend className="text-lg font-semibold">{t("contests.eligible")}</legend>
          <div className="grid max-h-48 grid-cols-1 gap-1 overflow-y-auto sm:grid-cols-2">
            {units.map((u) => (
              <label key={u.id} className="flex items-center gap-2 text-base">
                <input
                  type="checkbox"
                  name="eligible"
                  value={u.id}
                  defaultChecked={values.eligibleUnitIds.includes(u.id)}
                  className="size-5"
                />{" "}
                {u.name}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex flex-col gap-1 text-lg font-semibold sm:col-span-2">
          {t("contests.exclusions")}
          <textarea
            name="exclusions"
            rows={3}
            defaultValue={values.exclusions}
            className="rounded-lg border-2 border-slate-400 p-2 font-normal"
            aria-describedby="exclusions-error"
          />
          <FieldError id="exclusions-error" error={problems.exclusions} />
        </label>
      </Section>

      <fieldset className="min-w-0 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-xl font-bold">{t("contest.prizes")}</legend>
        <FieldError error={problems.prizes} />
        <div className="overflow-x-auto">
          <table className="w-full text-base">
            <thead>
              <tr className="text-left">
                <th className="p-1">{t("contests.prizeCategory")}</th>
                <th className="p-1">{t("contests.prizeLabel")}</th>
                <th className="p-1">{t("contests.prizeCount")}</th>
                <th className="p-1">{t("contests.prizeAmount")}</th>
              </tr>
            </thead>
            <tbody>
              {prizes.map((p, i) => (
                <tr key={i}>
                  <td className="p-1">
                    <select
                      name={`prizeCategory-${i}`}
                      defaultValue={p.category}
                      aria-label={`${t("contests.prizeCategory")} ${i + 1}`}
                      className="min-h-10 rounded border-2 border-slate-400 bg-white"
                    >
                      <option value="individual">{t("contest.prizes.individual")}</option>
                      <option value="team">{t("contest.prizes.team")}</option>
                      <option value="collective">{t("contest.prizes.collective")}</option>
                    </select>
                  </td>
                  <td className="p-1">
                    <input
                      name={`prizeLabel-${i}`}
                      defaultValue={p.label}
                      aria-label={`${t("contests.prizeLabel")} ${i + 1}`}
                      className="min-h-10 w-32 rounded border-2 border-slate-400 px-2"
                    />
                  </td>
                  <td className="p-1">
                    <input
                      name={`prizeCount-${i}`}
                      defaultValue={String(p.count)}
                      inputMode="numeric"
                      aria-label={`${t("contests.prizeCount")} ${i + 1}`}
                      className="min-h-10 w-16 rounded border-2 border-slate-400 px-2"
                    />
                  </td>
                  <td className="p-1">
                    <input
                      name={`prizeAmount-${i}`}
                      defaultValue={String(p.amount)}
                      inputMode="numeric"
                      aria-label={`${t("contests.prizeAmount")} ${i + 1}`}
                      className="min-h-10 w-32 rounded border-2 border-slate-400 px-2"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>

      <label className="flex flex-col gap-1 text-lg font-semibold">
        {t("contest.rules")}
        <span className="text-base font-normal text-slate-600">{t("contests.rulesHint")}</span>
        <textarea
          name="rules"
          rows={10}
          defaultValue={values.rules}
          className="rounded-lg border-2 border-slate-400 p-2 text-base font-normal"
        />
      </label>
      {locked ? (
        <Field
          label={t("contests.amendmentReason")}
          hint={t("contests.amendmentHint")}
          name="amendmentReason"
          defaultValue={values.amendmentReason}
          error={problems.amendmentReason}
        />
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button name="intent" value="save" disabled={navigation.state !== "idle"}>
          {t("org.save")}
        </Button>
        <Button name="intent" value="regenerate" variant="secondary" disabled={navigation.state !== "idle"}>
          {t("contests.regenerate")}
        </Button>
      </div>
    </Form>
  );
}

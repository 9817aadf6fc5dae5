import { useForm, type SubmissionResult } from "@conform-to/react";
import { formProps } from "~/components/form-controls";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useCategoryName } from "~/components/category-name";
import { SettingSelect, SettingTextArea } from "~/components/settings-fields";
import { Button } from "~/components/ui/button";
import { Alert, Field, initial } from "~/components/ui/field";
import { PictureImg } from "~/components/quiz/question-card";
import {
  DIFFICULTIES,
  OPTION_INPUTS,
  QUESTION_KINDS,
  QUESTION_STATUSES,
  QuestionFormSchema,
  optionField,
  type PictureSlot,
  type QuestionFormValues,
} from "~/forms/question-form";
import { useIsMessage, useT } from "~/utils/i18n";

const LETTERS = ["A", "B", "C", "D", "E", "F"];

type QuestionFields = ReturnType<typeof useForm<QuestionFormValues>>[1];

/**
 * One picture of the question or an option: the one kept (shown, with a box
 * to remove it), a file to choose instead, and its required description.
 * Collapsed while an option has none, so the form stays short.
 */
function PictureField({ fields, slot, label }: { fields: QuestionFields; slot: PictureSlot; label: string }) {
  const t = useT();
  const isMessage = useIsMessage();
  const keyMeta = fields[`${slot}Key`];
  const altMeta = fields[`${slot}Alt`];
  // The form's current value: after a refused save it is the picture the server just stored.
  const key = typeof keyMeta.value === "string" ? keyMeta.value : (initial(keyMeta) ?? "");
  const alt = typeof altMeta.value === "string" ? altMeta.value : (initial(altMeta) ?? "");
  const errors = (keyMeta.errors ?? []).map((e) => (isMessage(e) ? t(e) : t("error.generic")));
  return (
    <details
      open={Boolean(key) || errors.length > 0 || slot === "image"}
      className="rounded-lg border border-slate-200 p-3"
    >
      <summary className="cursor-pointer text-base font-semibold">{label}</summary>
      <div className="mt-2 flex flex-col gap-2">
        <input type="hidden" name={keyMeta.name} value={key} />
        {key ? (
          <>
            <PictureImg
              picture={{ key, alt, width: 800, height: 600 }}
              className="max-h-40 w-auto self-start"
            />
            <label className="flex items-center gap-2 text-base">
              <input type="checkbox" name={`${slot}Remove`} className="size-5" />
              {t("q.pictureRemove")}
            </label>
          </>
        ) : (
          <p className="text-base text-slate-600">{t("q.pictureNone")}</p>
        )}
        {errors.map((e) => (
          <p key={e} className="text-accent-600 text-base font-semibold" id={`${keyMeta.id}-error`}>
            {e}
          </p>
        ))}
        <label className="flex flex-col gap-1 text-base font-semibold">
          {t("q.pictureFile")}
          {/* A refused file is cleared (a new key remounts the input), so the next save does not send it again. */}
          <input
            key={errors.join()}
            type="file"
            name={slot}
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={errors.length ? `${keyMeta.id}-error` : undefined}
            className="font-normal"
          />
        </label>
        <Field label={`${t("q.pictureAlt")} (${label})`} meta={altMeta} maxLength={250} />
      </div>
    </details>
  );
}

/** The option inputs; a new Đúng/Sai question starts with those two options written in. */
function QuestionOptions({ fields, kind, isNew }: { fields: QuestionFields; kind: string; isNew: boolean }) {
  const t = useT();
  const correct = [fields.correct.initialValue].flat().map(String);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-lg font-semibold">{t("q.optionsHint")}</legend>
      {OPTION_INPUTS.map((i) => {
        const meta = fields[optionField(i)];
        const preset = isNew && kind === "true_false" && i < 2 ? ["Đúng", "Sai"][i] : "";
        return (
          <div key={i} className="flex flex-col gap-1">
            <div className="flex items-center gap-3">
              <label className="flex items-center gap-2 text-base">
                <input
                  type="checkbox"
                  name={fields.correct.name}
                  value={i}
                  defaultChecked={correct.includes(String(i))}
                  className="size-6"
                  aria-label={`${t("q.correct")}: ${t("q.option", { l: LETTERS[i] })}`}
                />
                {t("q.correct")}
              </label>
              <input
                name={meta.name}
                defaultValue={initial(meta) || preset}
                aria-label={t("q.option", { l: LETTERS[i] })}
                placeholder={t("q.option", { l: LETTERS[i] })}
                className="min-h-11 flex-1 rounded-lg border-2 border-slate-400 px-3 text-lg"
              />
            </div>
            <PictureField
              fields={fields}
              slot={`${optionField(i)}Image`}
              label={t("q.optionPicture", { l: LETTERS[i] })}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

/** Create or edit a question; keeps what was typed when the server refuses it. */
export function QuestionForm({
  values,
  lastResult,
  categories,
}: {
  values?: QuestionFormValues;
  lastResult: SubmissionResult<string[]> | undefined;
  /** The categories in use (and the question's own, if retired). */
  categories: { code: string; name: string }[];
}) {
  const t = useT();
  const categoryName = useCategoryName();
  const isMessage = useIsMessage();
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useForm<QuestionFormValues>({
    lastResult,
    defaultValue: values ?? { ...QuestionFormSchema.parse({}), category: categories[0]?.code ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: QuestionFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [kind, setKind] = useState(initial(fields.kind) ?? "single");
  const problems = (form.errors ?? []).map((e) => (isMessage(e) ? t(e) : t("error.generic")));
  return (
    <Form method="post" encType="multipart/form-data" className="flex flex-col gap-4" {...formProps(form)}>
      <input type="hidden" name="intent" value="save" />
      {problems.length ? (
        <Alert>
          <ul className="list-disc pl-6">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label={t("q.code")} meta={fields.code} />
        <SettingSelect
          meta={fields.category}
          label={t("q.category")}
          options={categories.map((c): [string, string] => [c.code, categoryName(c)])}
        />
        <SettingSelect
          meta={fields.kind}
          label={t("q.kind")}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={QUESTION_KINDS.map((k): [string, string] => [k, t(`kind.${k}`)])}
        />
      </div>
      <SettingTextArea label={t("q.prompt")} meta={fields.prompt} rows={3} />
      <PictureField fields={fields} slot="image" label={t("q.picture")} />
      <p className="text-base text-slate-700">{t("q.pictureHint")}</p>
      <QuestionOptions fields={fields} kind={kind} isNew={!values} />
      <SettingTextArea label={t("q.explanation")} meta={fields.explanation} rows={2} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label={t("q.legalSource")} meta={fields.legalSource} />
        <Field label={t("q.tags")} meta={fields.tags} />
        <SettingSelect
          meta={fields.difficulty}
          label={t("q.difficulty")}
          options={DIFFICULTIES.map((d): [string, string] => [d, t(`difficulty.${d}`)])}
        />
        <SettingSelect
          meta={fields.status}
          label={t("q.status")}
          options={QUESTION_STATUSES.map((v): [string, string] => [v, t(`qstatus.${v}`)])}
        />
      </div>
      <Button disabled={busy} className="self-start">
        {t("org.save")}
      </Button>
    </Form>
  );
}

import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { QUESTION_CATEGORIES } from "#db/constants";
import { Button } from "~/components/ui/button";
import { Alert, Field, SelectField } from "~/components/ui/field";
import { useIsMessage, useT } from "~/utils/i18n";

const LETTERS = ["A", "B", "C", "D", "E", "F"];

export type QuestionFormValues = {
  code: string | null;
  category: string;
  kind: string;
  prompt: string;
  options: { text: string; correct: boolean }[];
  explanation: string | null;
  legalSource: string | null;
  tags: string[];
  difficulty: string;
  status: string;
};

/** Create or edit a question; keeps what was typed when the server refuses it. */
export function QuestionForm({ values, problems }: { values?: QuestionFormValues; problems?: string[] }) {
  const t = useT();
  const isMessage = useIsMessage();
  const navigation = useNavigation();
  const [kind, setKind] = useState(values?.kind ?? "single");
  const options = Array.from(
    { length: 6 },
    (_, i) =>
      values?.options[i] ??
      (kind === "true_false" && i < 2
        ? { text: i === 0 ? "Đúng" : "Sai", correct: false }
        : { text: "", correct: false }),
  );
  return (
    <Form method="post" className="flex flex-col gap-4">
      <input type="hidden" name="intent" value="save" />
      {problems?.length ? (
        <Alert>
          <ul className="list-disc pl-6">
            {problems.map((p) => (
              <li key={p}>{isMessage(p) ? t(p) : p}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label={t("q.code")} name="code" defaultValue={values?.code ?? ""} />
        <SelectField
          label={t("q.category")}
          name="category"
          defaultValue={values?.category ?? "CCHC"}
          className="text-lg"
          options={QUESTION_CATEGORIES.map((c): [string, string] => [c, t(`category.${c}`)])}
        />
        <SelectField
          label={t("q.kind")}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          className="text-lg"
          options={(["single", "multiple", "true_false"] as const).map((k): [string, string] => [
            k,
            t(`kind.${k}`),
          ])}
        />
      </div>
      <label className="flex flex-col gap-1 text-lg font-semibold">
        {t("q.prompt")}
        <textarea
          name="prompt"
          required
          rows={3}
          defaultValue={values?.prompt ?? ""}
          className="rounded-lg border-2 border-slate-400 p-2 text-lg font-normal"
        />
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-lg font-semibold">{t("q.optionsHint")}</legend>
        {options.map((o, i) => (
          <div key={i} className="flex items-center gap-3">
            <label className="flex items-center gap-2 text-base">
              <input
                type="checkbox"
                name="correct"
                value={i}
                defaultChecked={o.correct}
                className="size-6"
                aria-label={`${t("q.correct")}: ${t("q.option", { l: LETTERS[i] })}`}
              />
              {t("q.correct")}
            </label>
            <input
              name={`option${i}`}
              defaultValue={o.text}
              aria-label={t("q.option", { l: LETTERS[i] })}
              placeholder={t("q.option", { l: LETTERS[i] })}
              className="min-h-11 flex-1 rounded-lg border-2 border-slate-400 px-3 text-lg"
            />
          </div>
        ))}
      </fieldset>
      <label className="flex flex-col gap-1 text-lg font-semibold">
        {t("q.explanation")}
        <textarea
          name="explanation"
          rows={2}
          defaultValue={values?.explanation ?? ""}
          className="rounded-lg border-2 border-slate-400 p-2 text-lg font-normal"
        />
      </label>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label={t("q.legalSource")} name="legalSource" defaultValue={values?.legalSource ?? ""} />
        <Field label={t("q.tags")} name="tags" defaultValue={values?.tags.join(", ") ?? ""} />
        <SelectField
          label={t("q.difficulty")}
          name="difficulty"
          defaultValue={values?.difficulty ?? "medium"}
          className="text-lg"
          options={(["easy", "medium", "hard"] as const).map((d): [string, string] => [
            d,
            t(`difficulty.${d}`),
          ])}
        />
        <SelectField
          label={t("q.status")}
          name="status"
          defaultValue={values?.status ?? "active"}
          className="text-lg"
          options={(["active", "retired", "historical"] as const).map((v): [string, string] => [
            v,
            t(`qstatus.${v}`),
          ])}
        />
      </div>
      <Button disabled={navigation.state !== "idle"} className="self-start">
        {t("org.save")}
      </Button>
    </Form>
  );
}

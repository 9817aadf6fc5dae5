import { Field, FieldError, initial, useFieldError, type FieldMeta } from "~/components/ui/field";
import { useT } from "~/utils/i18n";

/**
 * A knowledge part's questions from the bank: their codes in reading order
 * (one per line or comma-separated; empty: read from paper) and the seconds
 * the projector counts down for each.
 */
export function KnowledgePartFields({
  codes,
  seconds,
}: {
  codes: FieldMeta | undefined;
  seconds: FieldMeta | undefined;
}) {
  const t = useT();
  const errorText = useFieldError();
  const error = errorText(codes);
  const id = codes?.id ?? "knowledge-codes";
  return (
    <>
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor={id} className="text-lg font-semibold">
          {t("stageKnowledge.codes")}
        </label>
        <p id={`${id}-hint`} className="text-base text-slate-600">
          {t("stageKnowledge.codesHint")}
        </p>
        <textarea
          id={id}
          key={codes?.key}
          name={codes?.name ?? "knowledgeCodes"}
          defaultValue={initial(codes)}
          rows={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${codes?.errorId}` : ""}`}
          className={`rounded-lg border-2 px-3 py-2 font-mono text-lg ${error ? "border-accent-600" : "border-slate-400"} focus:border-brand-600`}
        />
        <FieldError id={codes?.errorId} error={error} />
      </div>
      <Field label={t("stageKnowledge.seconds")} meta={seconds} inputMode="numeric" />
    </>
  );
}

import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ImportProgressPanel, useStreamedImport } from "~/components/import-progress";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import type { ImportResult } from "~/forms/import";
import { formatNumber } from "~/utils/format";
import { useIsMessage, useLocale, useT } from "~/utils/i18n";
import { importLimitVars } from "~/utils/import-limits";

/** A file picker that posts multipart data, with the result of the last import. */
export function ImportForm({
  title,
  templateHref,
  result,
  word,
  stream,
}: {
  title: string;
  templateHref: string;
  result: ImportResult | Record<string, unknown> | undefined;
  /** The question import also reads Word files: its sample, and the fields it asks for them. */
  word?: { sampleHref: string; fields: ReactNode };
  /** Where the import streams its progress (with the page's script), and who takes its result. */
  stream?: { url: string; onResult: (result: ImportResult) => void };
}) {
  const t = useT();
  const isMessage = useIsMessage();
  const locale = useLocale();
  const limits = importLimitVars(locale);
  const navigation = useNavigation();
  const streamed = useStreamedImport(stream?.url ?? "", stream?.onResult ?? (() => {}));
  const more = result && "moreProblems" in result ? Number(result.moreProblems) || 0 : 0;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" aria-label={title}>
      <h2 className="mb-2 text-xl font-bold">{title}</h2>
      {result && "importError" in result ? (
        <Alert>
          {typeof result.importError === "string" && isMessage(result.importError)
            ? t(result.importError, limits)
            : t("error.generic")}
        </Alert>
      ) : null}
      {result && "importProblems" in result && Array.isArray(result.importProblems) ? (
        <Alert>
          <p>{t("import.problems", { n: formatNumber(result.importProblems.length + more, locale) })}</p>
          <ul className="mt-2 list-disc pl-6">
            {(result.importProblems as { line: number; message: string }[]).map((p, i) => (
              <li key={i}>
                {t(
                  "lineKind" in result && result.lineKind === "question" ? "import.question" : "import.line",
                  {
                    line: p.line,
                  },
                )}
                : {isMessage(p.message) ? t(p.message) : p.message}
              </li>
            ))}
          </ul>
          {more > 0 ? (
            <p className="mt-2">
              {t("import.moreProblems", { n: formatNumber(more, locale), shown: limits.shownProblems })}
            </p>
          ) : null}
        </Alert>
      ) : null}
      {result && "imported" in result ? (
        <Alert tone="success">
          {t(
            "lineKind" in result && result.lineKind === "question" ? "import.doneQuestions" : "import.done",
            {
              n: formatNumber(Number(result.imported), locale),
            },
          )}
        </Alert>
      ) : null}
      <p className="text-base text-slate-700">{t("import.limits", limits)}</p>
      {word ? <p className="mt-1 text-base text-slate-700">{t("import.wordLayouts")}</p> : null}
      <Form
        method="post"
        encType="multipart/form-data"
        className="mt-3 flex flex-col gap-3"
        onSubmit={(event) => {
          if (!stream) return;
          event.preventDefault();
          streamed.submit(event.currentTarget);
        }}
      >
        <label className="flex flex-col gap-1 text-lg font-semibold">
          {t(word ? "import.fileWithWord" : "import.file")}
          <input
            type="file"
            name="file"
            accept={`.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet${
              word ? ",.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" : ""
            }`}
            required
            className="text-base font-normal"
          />
        </label>
        {word?.fields}
        <div className="flex flex-wrap items-center gap-4">
          <Button disabled={navigation.state !== "idle" || streamed.running !== null}>
            {t("import.submit")}
          </Button>
          <a
            href={templateHref}
            className="text-brand-700 text-lg font-semibold underline underline-offset-4"
            download
          >
            {t("import.template")}
          </a>
          {word ? (
            <a
              href={word.sampleHref}
              className="text-brand-700 text-lg font-semibold underline underline-offset-4"
              download
            >
              {t("import.wordSample")}
            </a>
          ) : null}
        </div>
      </Form>
      {streamed.running ? <ImportProgressPanel running={streamed.running} /> : null}
    </section>
  );
}

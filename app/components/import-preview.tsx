import { Form, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import type { ImportPreview } from "~/models/question-reimport.server";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/**
 * A question import that would change the bank, before anything is saved:
 * how many rows are new, changed, retired and unchanged, each change field
 * by field, and the buttons that apply it all or drop it.
 */
export function ImportPreviewPanel({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const n = (x: number) => formatNumber(x, locale);
  return (
    <section
      aria-labelledby="import-preview"
      className="border-brand-300 flex flex-col gap-3 rounded-xl border-2 bg-white p-4"
    >
      <h2 id="import-preview" className="text-2xl font-bold">
        {t("reimport.title")}
      </h2>
      <p className="text-lg">{t("reimport.intro")}</p>
      <p className="text-lg font-semibold">
        {t("reimport.counts", {
          new: n(preview.counts.new),
          changed: n(preview.counts.changed),
          retired: n(preview.counts.retired),
          unchanged: n(preview.counts.unchanged),
        })}
      </p>
      <ol className="flex max-h-[32rem] flex-col gap-2 overflow-y-auto">
        {preview.rows.map((r) => (
          <li key={r.code} aria-label={r.code} className="rounded-lg border border-slate-200 p-2 text-base">
            <strong>{r.code}</strong> · {t(`reimport.kind.${r.kind}`)}
            {r.changes.length ? (
              <ul className="mt-1 list-disc pl-6">
                {r.changes.map((c) => (
                  <li key={c.field}>{t("reimport.change", c)}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {preview.more > 0 ? <p className="text-base">{t("reimport.more", { n: n(preview.more) })}</p> : null}
      <Form method="post" className="flex flex-wrap gap-3">
        <input type="hidden" name="token" value={preview.token} />
        <Button name="intent" value="applyImport" disabled={busy}>
          {t("reimport.apply")}
        </Button>
        <Button name="intent" value="cancelImport" variant="secondary" disabled={busy}>
          {t("reimport.cancel")}
        </Button>
      </Form>
    </section>
  );
}

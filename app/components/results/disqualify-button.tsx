import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { useT, type MessageKey } from "~/utils/i18n";

/** Disqualify with a written reason; the first target is the default (e.g. this entry, or the whole person). */
export function DisqualifyButton({ targets, label }: { targets: [string, MessageKey][]; label: string }) {
  const t = useT();
  return (
    <details>
      <summary className="text-accent-600 cursor-pointer underline">{t("review.disqualify")}</summary>
      <Form method="post" className="mt-1 flex flex-col gap-1">
        <input type="hidden" name="intent" value="disqualify" />
        {targets.length === 1 ? (
          <input type="hidden" name="target" value={targets[0][0]} />
        ) : (
          <select
            name="target"
            aria-label={`${t("review.target")}: ${label}`}
            className="rounded border-2 border-slate-400 bg-white"
          >
            {targets.map(([value, text]) => (
              <option key={value} value={value}>
                {t(text)}
              </option>
            ))}
          </select>
        )}
        <input
          name="reason"
          required
          minLength={5}
          aria-label={`${t("review.reason")}: ${label}`}
          placeholder={t("review.reason")}
          className="rounded border-2 border-slate-400 px-2"
        />
        <Button variant="danger" className="min-h-9 text-base">
          {t("review.disqualify")}
        </Button>
      </Form>
    </details>
  );
}

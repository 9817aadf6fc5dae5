import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { useT } from "~/utils/i18n";

type Disqualification = {
  id: number;
  targetKind: "attempt" | "user" | "unit" | "team";
  targetId: string;
  reason: string;
  byName: string | null;
  revokedAt: number | null;
  revokeReason: string | null;
};

/** The disqualifications of a contest, each with who decided and why, and until the lock the form to undo it. */
export function DisqualificationList({ items, final }: { items: Disqualification[]; final: boolean }) {
  const t = useT();
  if (!items.length) return null;
  return (
    <section aria-label={t("review.disqualifications")}>
      <h2 className="mb-2 text-2xl font-bold">{t("review.disqualifications")}</h2>
      <ul className="flex flex-col gap-2">
        {items.map((d) => (
          <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3">
            {t(`review.target.${d.targetKind}`)} {d.targetId}: {d.reason} ({d.byName})
            {d.revokedAt ? (
              <span className="ml-2 text-slate-600">
                — {t("review.undo")}: {d.revokeReason}
              </span>
            ) : null}
            {!d.revokedAt && !final ? (
              <Form method="post" className="mt-2 flex flex-wrap gap-2">
                <input type="hidden" name="intent" value="undo" />
                <input type="hidden" name="disqualificationId" value={d.id} />
                <input
                  name="reason"
                  aria-label={t("review.undoReason")}
                  placeholder={t("review.undoReason")}
                  className="rounded border-2 border-slate-400 px-2"
                />
                <Button variant="secondary" className="min-h-9 text-base">
                  {t("review.undo")}
                </Button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

import { Alert } from "~/components/ui/field";
import { useT, type MessageKey } from "~/utils/i18n";

export type ReviewReply = { error: MessageKey | null; reopenRequested?: { n: number; quorum: number } };

/**
 * What the committee's review page says after a form was sent (refused, a
 * reopen request short of the quorum, done), then whether the ranking on it
 * is final or provisional.
 */
export function ReviewAlerts({ reply, final }: { reply: ReviewReply | undefined; final: boolean }) {
  const t = useT();
  return (
    <>
      {reply?.error ? (
        <Alert>{t(reply.error)}</Alert>
      ) : reply?.reopenRequested ? (
        <Alert tone="success">{t("review.reopenRequested", reply.reopenRequested)}</Alert>
      ) : reply ? (
        <Alert tone="success">{t("review.done")}</Alert>
      ) : null}
      <Alert tone="info">{final ? t("review.lockedAt") : t("review.provisional")}</Alert>
    </>
  );
}

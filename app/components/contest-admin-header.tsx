import { useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { Alert } from "~/components/ui/field";
import type { ContestStatus } from "~/models/contest.server";
import { useIsMessage, useT, type MessageKey } from "~/utils/i18n";

/** What a contest page's state actions answer: the model's refusals, or what was done. */
export type StateResult =
  { kind: "state"; messages: string[]; done: MessageKey } | { kind: "error"; error: MessageKey };

/**
 * The top of an organiser's contest page (quiz and stage alike): its title
 * and status, "saved" after a redirect, and the answer of the last
 * publish/unpublish/judges action.
 */
export function ContestAdminHeader({
  title,
  status,
  kind,
  result,
  acted,
}: {
  title: string;
  status: ContestStatus;
  /** Said before the status, e.g. "Hội thi sân khấu". */
  kind?: ReactNode;
  result: StateResult | undefined;
  /** An action answered on this page (so an earlier "saved" no longer applies). */
  acted: boolean;
}) {
  const t = useT();
  const isMessage = useIsMessage();
  const [searchParams] = useSearchParams();
  return (
    <>
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="text-lg">
        {kind ? <>{kind} · </> : null}
        {t("contests.state")}: <strong>{t(`contest.status.${status}`)}</strong>
      </p>
      {searchParams.get("saved") && !acted ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      {result?.kind === "error" ? <Alert>{t(result.error)}</Alert> : null}
      {result?.kind === "state" ? (
        result.messages.length ? (
          <Alert>
            <ul className="list-disc pl-6">
              {result.messages.map((m) => (
                <li key={m}>{isMessage(m) ? t(m) : m}</li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Alert tone="success">{t(result.done)}</Alert>
        )
      ) : null}
    </>
  );
}

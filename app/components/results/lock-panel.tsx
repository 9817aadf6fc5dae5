import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

const link = "text-brand-700 text-lg font-semibold underline";

/**
 * The committee's lock → announce → reopen controls and the documents that
 * follow, shared by quiz and stage contests (the route handles the intents).
 */
export function LockPanel({
  contest,
  committee,
  children,
}: {
  contest: Contest;
  committee: Committee;
  children?: ReactNode;
}) {
  const t = useT();
  const final = contest.state === "locked" || contest.state === "announced";
  return (
    <section
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
      aria-label={t("review.approve")}
    >
      <p className="w-full text-lg">
        {committee.members.length
          ? t("roster.summary", { names: committee.members.join(", "), quorum: committee.quorum })
          : t("roster.none")}
      </p>
      {!committee.isMember ? <p className="w-full text-lg font-semibold">{t("roster.notMember")}</p> : null}
      {!final ? <ApproveForm committee={committee} /> : null}
      {contest.state === "locked" ? (
        <Form method="post">
          <Button name="intent" value="announce">
            {t("review.announce")}
          </Button>
        </Form>
      ) : null}
      {final ? (
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <p className="w-full">
            {t("review.reopenApprovals", { n: committee.approvals.reopen, quorum: committee.quorum })}
          </p>
          <input type="hidden" name="intent" value="reopen" />
          <label className="flex flex-col">
            {t("review.reopenReason")}
            <input name="reason" className="min-h-11 rounded border-2 border-slate-400 px-2" />
          </label>
          <Button variant="secondary">{t("review.reopen")}</Button>
        </Form>
      ) : null}
      {children}
      <ContestDocuments contest={contest} final={final} />
    </section>
  );
}

type Contest = { id: number; slug: string; state: string };
type Committee = {
  members: string[];
  quorum: number;
  isMember: boolean;
  rankingHash: string;
  lockApprovals: { fullName: string; at: number; holds: boolean; gone: string[]; added: string[] }[];
  approvals: { lock: number; reopen: number };
};

/** The lock approvals so far (each still holding or lapsed, and why) and the approve button. */
function ApproveForm({ committee }: { committee: Committee }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Form method="post" className="flex flex-col gap-2">
      <p>{t("review.approvals", { n: committee.approvals.lock, quorum: committee.quorum })}</p>
      {committee.lockApprovals.length ? (
        <ul aria-label={t("review.approvalList")} className="flex flex-col gap-1">
          {committee.lockApprovals.map((a) => (
            <li key={a.fullName + a.at}>
              {t(a.holds ? "review.approvalHolds" : "review.approvalLapsed", {
                name: a.fullName,
                at: formatDateTime(a.at, locale),
              })}
              {!a.holds && (a.gone.length || a.added.length) ? (
                <span className="block text-base">
                  {a.gone.map((w) => `− ${w}`).join("; ")}
                  {a.gone.length && a.added.length ? "; " : ""}
                  {a.added.map((w) => `+ ${w}`).join("; ")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {/* The ranking shown above: if it changes before this reaches the server, the approval is refused. */}
      <input type="hidden" name="rankingHash" value={committee.rankingHash} />
      <Button name="intent" value="approve">
        {t("review.approve")}
      </Button>
    </Form>
  );
}

/** The audit, the exports and, once final, the results, ceremony and certificates. */
function ContestDocuments({ contest, final }: { contest: Contest; final: boolean }) {
  const t = useT();
  return (
    <>
      <Link to={`/committee/contests/${contest.id}/audit`} className={link}>
        {t("audit.contestLink")}
      </Link>
      <a href={`/committee/contests/${contest.id}/export/csv`} className={link} download>
        {t("review.exportCsv")}
      </a>
      <a href={`/committee/contests/${contest.id}/export/xlsx`} className={link} download>
        {t("review.exportXlsx")}
      </a>
      {contest.state === "announced" ? (
        <>
          <Link to={`/contests/${contest.slug}/results`} className={link}>
            {t("results.title")}
          </Link>
          <Link to={`/contests/${contest.slug}/ceremony`} className={link}>
            {t("results.ceremony")}
          </Link>
        </>
      ) : null}
      {final ? (
        <Link to={`/committee/contests/${contest.id}/certificates`} className={link}>
          {t("results.certificates")}
        </Link>
      ) : null}
    </>
  );
}

import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import type { AudienceTally } from "~/models/audience-vote.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { formatNumber } from "~/utils/format";
import { useHasMessage, useLocale, useT } from "~/utils/i18n";

/** Answers of the vote's cue that read as a success; any other key is a refusal. */
const DONE = ["audienceVote.opened", "audienceVote.closed"];

/**
 * Điều hành's "Bình chọn của khán giả": the organiser's cue ("Mở bình chọn",
 * "Đóng bình chọn") and the live count per team, refreshed with the page.
 * The buttons post to /organiser/stage/:id/vote, which answers back here.
 */
export function AudienceVotePanel({ tally }: { tally: AudienceTally }) {
  const { contestId, slug } = tally;
  const t = useT();
  const locale = useLocale();
  const has = useHasMessage();
  const busy = useNavigation().state === "submitting";
  const answer = useSearchParams()[0].get("binh-chon");
  const n = (x: number) => formatNumber(x, locale);
  const state = tally.final
    ? t("audienceVote.stateFinal")
    : {
        // Not shown: Điều hành has no panel for a contest without a vote.
        off: t("audienceVote.off"),
        notOpened: t("audienceVote.stateNotOpened"),
        open: t("audienceVote.stateOpen"),
        closed: t("audienceVote.stateClosed"),
      }[tally.state];
  const names = (list: { name: string }[]) => list.map((w) => w.name).join("; ");
  return (
    <section
      id="binh-chon"
      aria-label={t("audienceVote.title")}
      className="flex min-w-0 flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h2 className="text-xl font-bold">{t("audienceVote.title")}</h2>
      {answer && has(answer) ? (
        <Alert tone={DONE.includes(answer) ? "success" : "error"}>{t(answer)}</Alert>
      ) : null}
      <p className="text-lg font-semibold" data-testid="audience-vote-state">
        {state}
      </p>
      {!tally.final ? (
        <Form
          method="post"
          action={`/organiser/stage/${contestId}/vote`}
          preventScrollReset
          className="flex flex-wrap items-center gap-3"
        >
          {tally.open ? (
            <Button name="intent" value="close" variant="danger" disabled={busy}>
              {t("audienceVote.close")}
            </Button>
          ) : (
            <Button name="intent" value="open" disabled={busy}>
              {tally.state === "closed" ? t("audienceVote.reopen") : t("audienceVote.open")}
            </Button>
          )}
          {tally.state === "closed" ? (
            <span className="text-base text-slate-700">{t("audienceVote.reopenHint")}</span>
          ) : null}
        </Form>
      ) : null}
      <table className="w-full max-w-xl text-left text-lg" aria-label={t("audienceVote.countTable")}>
        <thead>
          <tr className="border-b border-slate-300">
            <th className="py-1 pr-3">{t("audienceVote.team")}</th>
            <th className="py-1 text-right">{t("audienceVote.count")}</th>
          </tr>
        </thead>
        <tbody>
          {tally.votes.map((v) => (
            <tr key={v.teamId} className="border-b border-slate-100">
              <td className="py-1 pr-3">
                {v.name}
                {v.disqualified ? ` (${t("audienceVote.disqualified")})` : ""}
              </td>
              <td className="py-1 text-right font-bold" data-testid={`audience-votes-${v.teamId}`}>
                {n(v.votes)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-lg">{t("audienceVote.total", { n: n(tally.total) })}</p>
      {tally.state === "closed" ? (
        <p className="text-lg font-bold">
          {tally.winners.length
            ? t("audienceVote.winner", { teams: names(tally.winners), n: tally.top })
            : t("audienceVote.noWinner")}
        </p>
      ) : tally.leaders.length ? (
        <p className="text-lg">{t("audienceVote.leading", { teams: names(tally.leaders) })}</p>
      ) : null}
      <p className="flex flex-wrap gap-x-5 gap-y-1 text-base">
        <Link to={`/contests/${slug}/scoreboard`} className="text-brand-700 font-semibold underline">
          {t("stage.scoreboard")}
        </Link>
        <Link to={`/contests/${slug}/vote`} className="text-brand-700 font-semibold underline">
          {t("audienceVote.pageTitle")}
        </Link>
      </p>
    </section>
  );
}

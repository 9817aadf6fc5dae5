import type { audienceVoteResults } from "~/models/audience-vote.server";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

type Results = NonNullable<Awaited<ReturnType<typeof audienceVoteResults>>>;

/**
 * The audience award with the results (the committee's page, the winners
 * page): who won it ("Giải khán giả bình chọn: Đội số 3 — 12 phiếu", a tie
 * sharing it), or where the vote stands before it closes, and every team's votes.
 */
export function AudienceVoteResult({ vote }: { vote: Results }) {
  const t = useT();
  const locale = useLocale();
  const n = (x: number) => formatNumber(x, locale);
  const headline =
    vote.state === "closed"
      ? vote.winners.length
        ? t("audienceVote.winner", { teams: vote.winners.join("; "), n: vote.winnerVotes })
        : t("audienceVote.noWinner")
      : vote.state === "open"
        ? t("audienceVote.stateOpen")
        : t("audienceVote.stateNotOpened");
  return (
    <section
      aria-label={t("audienceVote.prize")}
      className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h2 className="text-2xl font-bold">{t("audienceVote.prize")}</h2>
      <p className="text-brand-800 text-xl font-bold" data-testid="audience-vote-result">
        {headline}
      </p>
      <ul className="flex flex-col text-lg">
        {vote.votes.map((v) => (
          <li key={v.team}>{t("audienceVote.votesOf", { team: v.team, n: n(v.votes) })}</li>
        ))}
      </ul>
      <p className="text-base text-slate-700">{t("audienceVote.total", { n: n(vote.total) })}</p>
    </section>
  );
}

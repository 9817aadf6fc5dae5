import type { ReactNode } from "react";
import type { projectorAudienceVote } from "~/models/audience-vote.server";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

type ProjectorVoteData = NonNullable<Awaited<ReturnType<typeof projectorAudienceVote>>>;

/**
 * The audience vote on the projector. While the vote is open, the whole
 * screen (1280×720 without scrolling, up to 8 teams): the voting page's QR
 * code and address, and the votes per team as bars with numbers. Once
 * closed, a line above the board with the prize ("Giải khán giả bình chọn:
 * Đội số 3 — 12 phiếu"); nothing while no one has voted.
 */
export function ProjectorVote({ vote, notice }: { vote: ProjectorVoteData; notice?: ReactNode }) {
  return vote.open ? <VoteScreen vote={vote} notice={notice} /> : <VotePrize vote={vote} />;
}

function VotePrize({ vote }: { vote: ProjectorVoteData }) {
  const t = useT();
  if (!vote.winners.length) return null;
  return (
    <p
      className="mx-auto mt-2 max-w-6xl rounded-xl bg-amber-300 px-4 py-1 text-center text-2xl font-bold text-black"
      data-testid="projector-vote-prize"
    >
      {t("audienceVote.winner", { teams: vote.winners.join("; "), n: vote.top })}
    </p>
  );
}

/** `notice`: the projector's own line under the title (the Wi-Fi has dropped). */
function VoteScreen({ vote, notice }: { vote: ProjectorVoteData; notice?: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const most = Math.max(1, ...vote.teams.map((team) => team.votes));
  const many = vote.teams.length > 6;
  return (
    <main className="bg-brand-800 flex h-screen flex-col overflow-hidden px-8 py-4 text-white">
      <h1 className="mx-auto max-w-6xl truncate text-center text-3xl font-bold">{vote.title}</h1>
      {notice}
      <p className="text-center text-3xl font-extrabold text-amber-300">
        {t("audienceVote.prize")} — {t("audienceVote.scan")}
      </p>
      <div className="mx-auto mt-4 flex min-h-0 w-full max-w-6xl flex-1 items-start gap-10">
        <div className="flex w-[25rem] shrink-0 flex-col items-center gap-2">
          <div
            role="img"
            aria-label={vote.url}
            className="size-[25rem] rounded-xl bg-white p-2 [&>svg]:size-full"
            data-testid="projector-vote-qr"
            dangerouslySetInnerHTML={{ __html: vote.qrSvg ?? "" }}
          />
          <p className="text-brand-100 text-lg">{t("audienceVote.scanHint")}</p>
          <p className="w-full text-center text-xl font-bold break-all" data-testid="projector-vote-url">
            {vote.url}
          </p>
        </div>
        <section aria-label={t("audienceVote.bars")} className="flex min-w-0 flex-1 flex-col gap-2">
          <ul className={`flex flex-col ${many ? "gap-1" : "gap-3"}`}>
            {vote.teams.map((team) => (
              <li key={team.id} data-testid={`projector-vote-team-${team.id}`}>
                <div className={`flex items-baseline gap-4 ${many ? "text-xl" : "text-2xl"}`}>
                  <span className="min-w-0 flex-1 truncate font-semibold">{team.name}</span>
                  <span className="font-extrabold text-amber-300" data-testid="projector-vote-count">
                    {formatNumber(team.votes, locale)}
                  </span>
                </div>
                <div className={`rounded-full bg-white/15 ${many ? "h-3" : "h-5"}`}>
                  <div
                    className="h-full rounded-full bg-amber-300"
                    style={{ width: `${(team.votes / most) * 100}%` }}
                  />
                </div>
              </li>
            ))}
          </ul>
          <p className="text-brand-100 mt-2 text-2xl">{t("audienceVote.total", { n: vote.total })}</p>
        </section>
      </div>
    </main>
  );
}

import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { formatDateTime, formatDuration } from "~/utils/format";
import { useLocale, useT, type MessageKey, type Translate } from "~/utils/i18n";

type TeamEntry = {
  id: string;
  attemptNo: number;
  startedAt: number;
  score: number | null;
  maxScore: number;
  durationMs: number | null;
  receipt: string | null;
  byName: string;
  open: boolean;
  counts: boolean;
};

type Team = {
  name: string;
  unitName: string | null;
  captainName: string | null;
  isCaptain: boolean;
  entries: TeamEntry[];
  blocked: MessageKey | null;
};

/** "Dự thi cho Đội Tổ dân phố 1": a team named without "Đội" gets the word, so the button always says it. */
export function enterForLabel(t: Translate, team: string) {
  return team.toLocaleLowerCase("vi").startsWith("đội")
    ? t("teamEntry.enterFor", { team })
    : t("teamEntry.enterForTeam", { team });
}

/** The captain's team entry: the first step, like "Bắt đầu làm bài", opens the confirmation. */
export function TeamStartButton({ team, busy }: { team: string; busy: boolean }) {
  const t = useT();
  return (
    <Form method="get" preventScrollReset>
      <input type="hidden" name="bat-dau" value="1" />
      <input type="hidden" name="cho" value="doi" />
      <Button variant="secondary" disabled={busy} className="w-full flex-wrap sm:w-auto">
        <span>{enterForLabel(t, team)}</span>{" "}
        <span className="text-base font-normal">{t("teamEntry.enterHint")}</span>
      </Button>
    </Form>
  );
}

/** A member's view of their team on the contest page: captain, and the entries the captain made. */
export function TeamEntries({ team, maxAttempts }: { team: Team; maxAttempts: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section
      aria-label={t("teamEntry.yourTeam", { team: team.name })}
      className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 text-lg"
    >
      <h2 className="text-xl font-bold">
        {t("teamEntry.yourTeam", { team: team.name })}
        {team.unitName ? ` — ${team.unitName}` : ""}
      </h2>
      <p>
        {team.isCaptain
          ? t("teamEntry.captainYou")
          : team.captainName
            ? t("teamEntry.captain", { name: team.captainName })
            : null}{" "}
        {team.isCaptain ? null : t("teamEntry.memberNote")}
      </p>
      <h3 className="font-semibold">{t("teamEntry.entries")}</h3>
      {team.entries.length === 0 ? <p>{t("teamEntry.none")}</p> : null}
      {team.entries.length ? (
        <p>{t("teamEntry.used", { n: team.entries.length, max: maxAttempts })}</p>
      ) : null}
      <ul className="flex flex-col gap-2">
        {team.entries.map((e) => (
          <li key={e.id} className="rounded-lg border border-slate-200 p-3">
            {t("entries.attemptNo", { n: e.attemptNo })} · {formatDateTime(e.startedAt, locale)}
            {e.counts ? (
              <strong className="ml-2 rounded bg-green-100 px-2 text-green-900">{t("entries.counts")}</strong>
            ) : null}
            <span className="block">
              {e.open ? (
                t("teamEntry.inProgress", { name: e.byName })
              ) : (
                <>
                  {t("result.score")}:{" "}
                  <strong>
                    {e.score ?? "—"}/{e.maxScore}
                  </strong>
                  {e.durationMs !== null ? ` · ${formatDuration(e.durationMs, locale)}` : ""}
                  {e.receipt ? (
                    <>
                      {" "}
                      · {t("result.receipt")}: <span className="font-mono">{e.receipt}</span>
                    </>
                  ) : null}
                  {" · "}
                  {t("teamEntry.by", { name: e.byName })}
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      {team.isCaptain && team.blocked?.startsWith("start.noAttempts") ? (
        <p className="text-slate-700">{t(team.blocked)}</p>
      ) : null}
    </section>
  );
}

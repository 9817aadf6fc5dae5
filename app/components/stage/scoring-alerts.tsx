import { useEffect, useRef, useState } from "react";
import type { StageAlert } from "~/models/stage-alerts.server";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/** Milliseconds between refreshes of the organiser's live page: an alert shows within about this long. */
export const LIVE_REFRESH_MS = 2000;

/**
 * The scoring alerts of the live page: judges disagreeing beyond the
 * threshold and judges who have not scored the team that just finished. A
 * short line (a polite live region) tells a screen reader how many are new.
 */
export function ScoringAlerts({ alerts }: { alerts: StageAlert[] }) {
  const t = useT();
  const locale = useLocale();
  const keys = alerts.map((a) => a.key).join("|");
  const seen = useRef<string[] | null>(null);
  const [fresh, setFresh] = useState<string[]>([]);
  const [announced, setAnnounced] = useState("");
  useEffect(() => {
    const now = keys ? keys.split("|") : [];
    const before = seen.current;
    seen.current = now;
    if (!before) return;
    const added = now.filter((k) => !before.includes(k));
    if (added.length) {
      setFresh(added);
      setAnnounced(t("stageAlerts.new", { n: added.length }));
    } else if (now.length < before.length) {
      setFresh((f) => f.filter((k) => now.includes(k)));
      setAnnounced(now.length ? t("stageAlerts.summary", { n: now.length }) : t("stageAlerts.cleared"));
    }
  }, [keys, t]);
  const pts = (tenths: number) => formatNumber(tenths / 10, locale);
  return (
    <section
      aria-label={t("stageAlerts.title")}
      className={`rounded-xl border-2 p-4 ${alerts.length ? "border-accent-600 bg-red-50" : "border-slate-200 bg-white"}`}
    >
      <h2 className="text-xl font-bold">
        {t("stageAlerts.title")}
        {alerts.length ? ` — ${t("stageAlerts.summary", { n: alerts.length })}` : ""}
      </h2>
      {/* Always in the page (never display: none), so screen readers hear each change. */}
      <p role="status" aria-live="polite" className="font-semibold">
        {announced}
      </p>
      {alerts.length ? (
        <ul className="mt-2 flex flex-col gap-2">
          {alerts.map((a) => (
            <li
              key={a.key}
              className={`rounded-lg border-l-4 bg-white p-2 text-lg ${a.kind === "spread" ? "border-accent-600" : "border-amber-600"} ${fresh.includes(a.key) ? "font-semibold" : ""}`}
            >
              <span
                className={`mr-2 rounded px-2 py-0.5 text-base font-bold text-white ${a.kind === "spread" ? "bg-accent-600" : "bg-amber-800"}`}
              >
                {a.kind === "spread" ? t("stageAlerts.spreadTag") : t("stageAlerts.missingTag")}
              </span>
              {/* Read aloud as "Chưa chấm: Giám khảo …", not run together. */}
              <span className="sr-only">: </span>
              {a.kind === "spread"
                ? t("stageAlerts.spread", {
                    team: a.team,
                    part: a.part,
                    pct: a.spreadPct,
                    low: pts(a.lowTenths),
                    high: pts(a.highTenths),
                    lowJudges: a.lowJudges.join(", "),
                    highJudges: a.highJudges.join(", "),
                  })
                : t("stageAlerts.missing", { judge: a.judge, team: a.team, part: a.part })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-base text-slate-700">{t("stageAlerts.none")}</p>
      )}
      <p className="mt-2 text-sm text-slate-700">{t("stageAlerts.rule")}</p>
    </section>
  );
}

import { useEffect, useState } from "react";
import { formatClock } from "~/utils/format";
import { useT } from "~/utils/i18n";

/**
 * Counts down from milliseconds measured on the server when the page was
 * rendered; the phone's own clock setting never matters, only elapsed time.
 */
export function useRemaining(initialMs: number) {
  const [remaining, setRemaining] = useState(initialMs);
  useEffect(() => {
    const end = performance.now() + initialMs;
    setRemaining(Math.max(0, end - performance.now()));
    const timer = setInterval(() => setRemaining(Math.max(0, end - performance.now())), 1000);
    return () => clearInterval(timer);
  }, [initialMs]);
  return remaining;
}

/** "Còn lại 3 ngày 04:05:06" for contest cards. */
export function Countdown({ ms, kind }: { ms: number; kind: "opens" | "closes" }) {
  const t = useT();
  const remaining = useRemaining(ms);
  const days = Math.floor(remaining / 86_400_000);
  const rest = remaining % 86_400_000;
  return (
    <span className="tabular-nums">
      {t(kind === "opens" ? "countdown.opensIn" : "countdown.closesIn")}{" "}
      {days > 0 ? `${days} ${t("countdown.days")} ` : ""}
      {formatClock(rest)}
    </span>
  );
}

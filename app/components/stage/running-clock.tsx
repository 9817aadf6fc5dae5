import { useEffect, useState } from "react";
import { formatClock } from "~/utils/stage-time";

/**
 * A stopwatch started at `startedAt` by the server's clock. `serverNow` is the
 * server's time when the page's data was made: the difference to this
 * device's clock is taken once, so every screen shows the same running time
 * whatever its own clock says.
 */
export function useRunningSeconds(startedAt: number | null, serverNow: number) {
  const [skew] = useState(() => serverNow - Date.now());
  const elapsed = () => (startedAt === null ? 0 : Math.max(0, (Date.now() + skew - startedAt) / 1000));
  const [sec, setSec] = useState(() =>
    startedAt === null ? 0 : Math.max(0, (serverNow - startedAt) / 1000),
  );
  useEffect(() => {
    if (startedAt === null) return;
    setSec(elapsed());
    const timer = setInterval(() => setSec(elapsed()), 250);
    return () => clearInterval(timer);
    // elapsed reads only startedAt and skew
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startedAt, skew]);
  return Math.floor(sec);
}

/** The running time as "mm:ss", in a live region that is not read aloud every second. */
export function RunningClock({
  startedAt,
  serverNow,
  label,
  className,
}: {
  startedAt: number;
  serverNow: number;
  label: string;
  className?: string;
}) {
  const sec = useRunningSeconds(startedAt, serverNow);
  return (
    <span role="timer" aria-label={label} className={`font-mono tabular-nums ${className ?? ""}`}>
      {formatClock(sec)}
    </span>
  );
}

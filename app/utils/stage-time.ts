/** Times as a timekeeper types and reads them: "m:ss" or minutes, shown as "mm:ss". */

/** The longest time anyone may type or measure: three hours. */
export const MAX_TIME_SEC = 3 * 3600;

/**
 * Reads a typed time: "m:ss" ("1:15" is 75 seconds, "15:00" fifteen minutes)
 * or minutes ("15", "7,5"). Empty text is no time (null); anything else,
 * seconds of 60 or more, or above three hours, is refused.
 */
export function parseTime(text: string): { ok: true; sec: number | null } | { ok: false } {
  const s = text.trim();
  if (s === "") return { ok: true, sec: null };
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  const minutes = /^\d{1,3}(?:[.,]\d)?$/.test(s) ? Number(s.replace(",", ".")) : null;
  const sec = clock
    ? Number(clock[1]) * 60 + Number(clock[2])
    : minutes !== null
      ? Math.round(minutes * 60)
      : NaN;
  return Number.isFinite(sec) && sec <= MAX_TIME_SEC ? { ok: true, sec } : { ok: false };
}

/** "06:42"; an hour or more as "75:00" (a stage performance is counted in minutes). */
export function formatClock(sec: number) {
  const whole = Math.max(0, Math.floor(sec));
  return `${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

/** A part's allowed time as the projector shows it: "08:00–15:00", "≤ 15:00", "≥ 08:00" or "". */
export function formatWindow(minSec: number | null, limitSec: number | null) {
  if (minSec && limitSec) return `${formatClock(minSec)}–${formatClock(limitSec)}`;
  if (limitSec) return `≤ ${formatClock(limitSec)}`;
  if (minSec) return `≥ ${formatClock(minSec)}`;
  return "";
}

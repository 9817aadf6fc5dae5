/**
 * Hà Nội time (Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving, so the
 * offset is a constant. Every calendar rule of the app (attempts per day or
 * week, statistics per day and hour, default opening times, decision dates,
 * datetime-local inputs) reads the time through this module.
 */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Hà Nội's offset from UTC in milliseconds and (for SQL on epoch seconds) in seconds. */
export const VN_OFFSET_MS = 7 * HOUR_MS;
export const VN_OFFSET_S = VN_OFFSET_MS / 1000;

/** Calendar day number in Hà Nội (days since 01/01/1970 there). */
export function vnDay(ms: number) {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** Week number in Hà Nội, weeks starting on Monday (day 0 was a Thursday). */
export function vnWeek(ms: number) {
  return Math.floor((vnDay(ms) + 3) / 7);
}

/** Epoch ms of 00:00 in Hà Nội on calendar day `day` (as returned by vnDay). */
export function vnMidnight(day: number) {
  return day * DAY_MS - VN_OFFSET_MS;
}

/** A wall-clock time in Hà Nội as epoch milliseconds (month 1–12). */
export function vnTime(year: number, month: number, day: number, hour = 0, minute = 0) {
  return Date.UTC(year, month - 1, day, hour, minute) - VN_OFFSET_MS;
}

/** The Hà Nội wall clock at `ms`, read with the UTC getters of the returned Date. */
export function vnWallClock(ms: number) {
  return new Date(ms + VN_OFFSET_MS);
}

/** Epoch ms → the value of an <input type="datetime-local"> in Hà Nội time. */
export function toVnInput(ms: number) {
  return vnWallClock(ms).toISOString().slice(0, 16);
}

/** An <input type="datetime-local"> value read as Hà Nội time → epoch ms (NaN if malformed). */
export function fromVnInput(value: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  return vnTime(+m[1], +m[2], +m[3], +m[4], +m[5]);
}

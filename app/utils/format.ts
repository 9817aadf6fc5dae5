import type { Locale } from "./i18n";

export { TIME_ZONE, fromVnInput, toVnInput } from "./vietnam-time";
import { TIME_ZONE } from "./vietnam-time";

const tag = (locale: Locale) => (locale === "vi" ? "vi-VN" : "en-GB");

/** "08:00 05/04/2022" in Hà Nội time, whatever the server's or phone's zone. */
export function formatDateTime(ms: number, locale: Locale = "vi") {
  const parts = new Intl.DateTimeFormat(tag(locale), {
    timeZone: TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour12: false,
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("hour")}:${get("minute")} ${get("day")}/${get("month")}/${get("year")}`;
}

export function formatNumber(n: number, locale: Locale = "vi") {
  return new Intl.NumberFormat(tag(locale)).format(n);
}

/** Money in đồng, vi-VN grouping: "1.000.000 đ". */
export function formatMoney(amount: number, locale: Locale = "vi") {
  return `${new Intl.NumberFormat("vi-VN").format(amount)} ${locale === "vi" ? "đ" : "VND"}`;
}

/** "12:05" (mm:ss) or "1:02:03" when an hour or more. */
export function formatClock(ms: number) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(h ? 2 : 1, "0")}:${String(s).padStart(2, "0")}`;
  return h ? `${h}:${mmss}` : mmss;
}

/** "12 phút 5 giây" / "12 min 5 s". */
export function formatDuration(ms: number, locale: Locale = "vi") {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (locale === "vi") return m ? `${m} phút ${s} giây` : `${s} giây`;
  return m ? `${m} min ${s} s` : `${s} s`;
}

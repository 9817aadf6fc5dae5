import { useEffect, useState } from "react";
import { useT } from "~/utils/i18n";

const KEY = "hoithi-text-size";
const MIN = -1;
const MAX = 3;

/**
 * Runs in <head> before the first paint (with the CSP nonce), so a chosen text
 * size never flashes the default first. Kept tiny and self-contained: it is
 * inlined into every page.
 */
export const textSizeScript = `try{var s=localStorage.getItem("${KEY}");if(s&&/^-?[0-9]$/.test(s)&&+s>=${MIN}&&+s<=${MAX})document.documentElement.dataset.textSize=s}catch(e){}`;

function current() {
  const value = Number(document.documentElement.dataset.textSize ?? 0);
  return Number.isInteger(value) ? value : 0;
}

/** A− / A+: the text size of the whole app, kept on this device (localStorage). */
export function TextSizeControl() {
  const t = useT();
  const [size, setSize] = useState(0);
  useEffect(() => setSize(current()), []);
  function change(step: number) {
    const next = Math.min(MAX, Math.max(MIN, current() + step));
    if (next === 0) delete document.documentElement.dataset.textSize;
    else document.documentElement.dataset.textSize = String(next);
    try {
      if (next === 0) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, String(next));
    } catch {
      // Private mode or storage full: the size still applies to this page.
    }
    setSize(next);
  }
  const buttonClass =
    "inline-flex min-h-11 min-w-11 items-center justify-center rounded border border-white/60 px-2 font-semibold disabled:opacity-60";
  return (
    <div role="group" aria-label={t("resident.textSize")} className="flex items-center gap-1">
      <button type="button" onClick={() => change(-1)} disabled={size <= MIN} className={buttonClass}>
        <span className="text-base">A−</span>
        <span className="sr-only"> {t("resident.textSmaller")}</span>
      </button>
      <button type="button" onClick={() => change(1)} disabled={size >= MAX} className={buttonClass}>
        <span className="text-xl">A+</span>
        <span className="sr-only"> {t("resident.textLarger")}</span>
      </button>
    </div>
  );
}

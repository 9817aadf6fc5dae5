import { dictionary, isStaffArea, type Locale, type Messages } from "./i18n";
import { scanResidentTexts, type ResidentTexts } from "./resident-texts.server";

/** Set by vite.config at build time; absent in tests, which read the sources instead. */
declare const __RESIDENT_TEXTS__: ResidentTexts | undefined;

let residentKeys: Set<string> | undefined;
const texts: Partial<Record<Locale, Messages>> = {};

export function isResidentText(key: string) {
  if (!residentKeys) {
    const found = typeof __RESIDENT_TEXTS__ !== "undefined" ? __RESIDENT_TEXTS__ : scanResidentTexts();
    residentKeys = new Set(found.keys);
    for (const key of Object.keys(dictionary("vi")))
      if (found.prefixes.includes(key.slice(0, key.indexOf(".")))) residentKeys.add(key);
  }
  return residentKeys.has(key);
}

/**
 * The texts of one language that a page at `pathname` carries to the browser
 * (sent by the root loader): staff pages every text, residents' pages only
 * the texts residents' pages and the server code behind them can show.
 */
export function pageMessages(locale: Locale, pathname: string): Messages {
  if (isStaffArea(pathname)) return dictionary(locale);
  return (texts[locale] ??= Object.fromEntries(
    Object.entries(dictionary(locale)).filter(([key]) => isResidentText(key)),
  ));
}

import { dictionary, isStaffArea, type Locale, type Messages, type PageTexts } from "./i18n";
import { scanResidentTexts, type ResidentTexts } from "./resident-texts.server";

/** Set by vite.config at build time; absent in tests, which read the sources instead. */
declare const __RESIDENT_TEXTS__: ResidentTexts | undefined;

let residentKeys: Set<string> | undefined;
const texts: Partial<Record<Locale, Messages>> = {};
const titles = new WeakMap<Messages, Messages>();
const carried = new WeakMap<Messages, PageTexts>();

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

/**
 * The page titles among `pageMessages(locale, pathname)`: what a page load's root data carries,
 * for the routes' `meta` (metaTitle); the page's texts travel beside the data (entry.server).
 */
export function pageTitles(locale: Locale, pathname: string): Messages {
  const all = pageMessages(locale, pathname);
  let found = titles.get(all);
  if (!found) {
    found = Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith("title.")));
    titles.set(all, found);
  }
  return found;
}

/**
 * What a page load carries of `pageMessages(locale, pathname)` beside its
 * data (decision 019), with the JSON the page holds them in (`<` escaped, for
 * a script element): made once for each language and area, not on every page.
 */
export function pageTexts(locale: Locale, pathname: string): PageTexts {
  const messages = pageMessages(locale, pathname);
  let texts = carried.get(messages);
  if (!texts) {
    texts = { locale, messages, json: JSON.stringify({ locale, messages }).replace(/</g, "\\u003c") };
    carried.set(messages, texts);
  }
  return texts;
}

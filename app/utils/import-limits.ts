/**
 * What an import accepts. Shared by the server (app/models/spreadsheet.server.ts
 * enforces it) and the import pages (which state it), so the two never differ.
 */
import { formatNumber } from "./format";
import type { Locale } from "./i18n";

export const IMPORT_LIMITS = {
  /** The file as uploaded. */
  fileBytes: 5 * 1024 * 1024,
  /** An XLSX file's parts once decompressed (10,000 question rows take about 10 MB). */
  unzippedBytes: 50 * 1024 * 1024,
  /** Data rows, after the header row, blank rows not counted. */
  rows: 10_000,
  columns: 50,
  /** Characters in one cell; a field may allow fewer (a unit's name: 120). */
  cellChars: 2_000,
  /** Problems listed on the page or the command line; the rest are counted. */
  shownProblems: 200,
} as const;

/** The limits as message variables: "{fileMb} MB", "{rows} dòng" … */
export function importLimitVars(locale: Locale = "vi") {
  const mb = (bytes: number) => formatNumber(bytes / 1024 / 1024, locale);
  return {
    fileMb: mb(IMPORT_LIMITS.fileBytes),
    unzippedMb: mb(IMPORT_LIMITS.unzippedBytes),
    rows: formatNumber(IMPORT_LIMITS.rows, locale),
    columns: formatNumber(IMPORT_LIMITS.columns, locale),
    cellChars: formatNumber(IMPORT_LIMITS.cellChars, locale),
    shownProblems: formatNumber(IMPORT_LIMITS.shownProblems, locale),
  };
}

/** The first problems to list and how many more there are, so 10,000 bad rows stay a short page. */
export function capProblems<P>(problems: P[]) {
  return {
    shown: problems.slice(0, IMPORT_LIMITS.shownProblems),
    more: Math.max(0, problems.length - IMPORT_LIMITS.shownProblems),
  };
}

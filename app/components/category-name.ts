import { DEFAULT_CATEGORY_NAMES } from "#db/constants";
import { useT, type MessageKey } from "~/utils/i18n";

const KEYS: Record<string, MessageKey> = {
  CCHC: "category.CCHC",
  CDS: "category.CDS",
  DVC: "category.DVC",
  DDDT: "category.DDDT",
  DIA_PHUONG: "category.DIA_PHUONG",
};

/**
 * A category's name in the page's language: a default category under its
 * default name is translated; one the ward added or renamed shows its name
 * as the organiser wrote it.
 */
export function useCategoryName() {
  const t = useT();
  return (c: { code: string; name: string }) =>
    KEYS[c.code] && DEFAULT_CATEGORY_NAMES[c.code] === c.name ? t(KEYS[c.code]) : c.name;
}

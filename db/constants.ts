/**
 * Plain values the schema and the pages share. Pages import them from here,
 * never from db/schema.ts, so no database code reaches the browser (issue 15).
 */
export const UNIT_KINDS = ["to_dan_pho", "thon", "khu_pho", "school", "agency", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The default question categories every ward starts with (question_categories has the ward's own). */
export const QUESTION_CATEGORIES = ["CCHC", "CDS", "DVC", "DDDT", "DIA_PHUONG"] as const;
/** The defaults' names as the migration gives them (a renamed default shows its new name). */
export const DEFAULT_CATEGORY_NAMES: Record<string, string> = {
  CCHC: "Cải cách hành chính",
  CDS: "Chuyển đổi số",
  DVC: "Dịch vụ công",
  DDDT: "Định danh điện tử",
  DIA_PHUONG: "Địa phương",
};
/** The defaults as the ward's category list has them. */
export const DEFAULT_CATEGORIES = QUESTION_CATEGORIES.map((code) => ({
  code,
  name: DEFAULT_CATEGORY_NAMES[code],
}));
/** A category's code: one of the defaults or one the ward added. */
export type QuestionCategory = string;

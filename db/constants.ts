/**
 * Plain values the schema and the pages share. Pages import them from here,
 * never from db/schema.ts, so no database code reaches the browser (issue 15).
 */
export const UNIT_KINDS = ["to_dan_pho", "thon", "khu_pho", "school", "agency", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const QUESTION_CATEGORIES = ["CCHC", "CDS", "DVC", "DDDT", "DIA_PHUONG"] as const;
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number];

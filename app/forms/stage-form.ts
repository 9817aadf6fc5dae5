/** What the stage contest settings form shows and posts back. */
export type StageFormValues = {
  title: string;
  slug: string;
  description: string;
  opensAt: string;
  closesAt: string;
  stageAggregation: string;
  stageHideTotals: boolean;
  stageSpreadPct: number | string;
  prizes: { label: string; count: number | string; amount: number | string }[];
  amendmentReason?: string;
};

export const STAGE_PRIZE_ROWS = 6;
/** Criteria rows on a part form. */
export const CRITERIA_ROWS = 6;

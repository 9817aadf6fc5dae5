/** What the contest settings form shows and posts back (quiz contests). */
export type ContestFormValues = {
  title: string;
  slug: string;
  description: string;
  opensAt: string;
  closesAt: string;
  timeLimitMin: number | string;
  drawMode: "category" | "fixed";
  counts: Record<string, number>;
  fixedCodes: string;
  pointsPerQuestion: number | string;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  maxAttempts: number | string;
  attemptPeriod: string;
  counting: string;
  reviewPolicy: string;
  predictionTarget: string;
  predictionPrompt: string;
  entryModes: string;
  practiceEnabled?: boolean;
  collectiveRule: string;
  eligibleUnitIds: number[];
  exclusions: string;
  rules: string;
  amendmentReason?: string;
  prizes: { category: string; label: string; count: number | string; amount: number | string }[];
};

/**
 * The shape of a quiz contest's settings and prizes, shared by the settings
 * model (contest-admin.server.ts) and the amendments it records
 * (contest-amendments.server.ts), so neither imports the other for it.
 */
import type { DrawRule } from "#db/schema";
import type { Prize } from "./ranking.server";

/** One prize row as the organiser sets it (the same shape the ranking hands out). */
export type PrizeInput = Prize;

export type ContestSettings = {
  title: string;
  slug: string;
  description: string;
  opensAt: number;
  closesAt: number;
  timeLimitSec: number;
  draw: DrawRule;
  pointsPerQuestion: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  maxAttempts: number;
  attemptPeriod: "contest" | "day" | "week";
  counting: "best" | "first" | "last";
  reviewPolicy: "after_submit" | "after_close" | "never";
  predictionTarget: "entries" | "perfect_entries" | null;
  predictionPrompt: string | null;
  entryModes: "individual" | "team" | "both";
  /** Thi thử: unrecorded practice attempts while open (practice.server.ts). */
  practiceEnabled?: boolean;
  collectiveRule: "participation_rate" | "entries" | "average_score" | "points";
  eligibleUnitIds: number[] | null;
  rules: string;
};

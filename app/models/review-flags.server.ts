/** Signals for the committee to look at; a flag is a reason to check, never a verdict. */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { answers, attempts, users } from "#db/schema";
import { recordedOnly } from "./practice.server";

const WINDOW_MS = 30 * 60 * 1000;

export type Flag = "sameDevice" | "tooFast" | "duplicateIdentity" | "sameTiming";

const TIMING_WINDOW_MS = 2 * 60 * 1000;
const TIMING_TOLERANCE_MS = 3000;

/**
 * Two entries started within two minutes of each other whose k-th answers were
 * saved within 3 s of each other for at least 80% of at least 10 answers: one
 * person filling two accounts side by side, or answers passed along live.
 */
export function sameTimingPairs(entries: { id: string; startedAt: number; saves: number[] }[]) {
  const sorted = [...entries].sort((a, b) => a.startedAt - b.startedAt);
  const flagged = new Set<string>();
  for (let i = 0; i < sorted.length; i++) {
    for (
      let j = i + 1;
      j < sorted.length && sorted[j].startedAt - sorted[i].startedAt <= TIMING_WINDOW_MS;
      j++
    ) {
      const a = sorted[i].saves;
      const b = sorted[j].saves;
      const n = Math.min(a.length, b.length);
      if (n < 10) continue;
      let close = 0;
      for (let k = 0; k < n; k++) if (Math.abs(a[k] - b[k]) <= TIMING_TOLERANCE_MS) close++;
      if (close >= 0.8 * n) {
        flagged.add(sorted[i].id);
        flagged.add(sorted[j].id);
      }
    }
  }
  return flagged;
}

export async function reviewFlags(db: Db, contestId: number) {
  const rows = await db
    .select({
      id: attempts.id,
      userId: attempts.userId,
      ip: attempts.ip,
      userAgent: attempts.userAgent,
      startedAt: attempts.startedAt,
      score: attempts.score,
      maxScore: attempts.maxScore,
      durationMs: attempts.durationMs,
      questionCount: attempts.questionCount,
      fullName: users.fullName,
      birthYear: users.birthYear,
      unitId: users.unitId,
    })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(and(eq(attempts.contestId, contestId), isNotNull(attempts.score), recordedOnly));
  const flags = new Map<string, Set<Flag>>();
  const add = (id: string, f: Flag) => flags.set(id, (flags.get(id) ?? new Set()).add(f));

  // Three or more accounts from one device and address within half an hour.
  const byDevice = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!r.ip) continue;
    const key = `${r.ip}|${r.userAgent ?? ""}`;
    byDevice.set(key, [...(byDevice.get(key) ?? []), r]);
  }
  for (const list of byDevice.values()) {
    for (const r of list) {
      const near = list.filter((o) => Math.abs(o.startedAt - r.startedAt) <= WINDOW_MS);
      if (new Set(near.map((o) => o.userId)).size >= 3) add(r.id, "sameDevice");
    }
  }
  // A high score in less than 3 seconds per question is implausible for a person reading.
  for (const r of rows) {
    if (
      r.durationMs !== null &&
      r.score !== null &&
      r.durationMs < r.questionCount * 3000 &&
      r.score >= 0.8 * r.maxScore
    )
      add(r.id, "tooFast");
  }
  // The same name and birth year twice in one unit: possibly one person with two phones.
  const byIdentity = new Map<string, Set<number>>();
  for (const r of rows) {
    const key = `${r.unitId}|${r.fullName.toLowerCase().trim()}|${r.birthYear}`;
    byIdentity.set(key, (byIdentity.get(key) ?? new Set()).add(r.userId));
  }
  for (const r of rows) {
    if ((byIdentity.get(`${r.unitId}|${r.fullName.toLowerCase().trim()}|${r.birthYear}`)?.size ?? 0) > 1)
      add(r.id, "duplicateIdentity");
  }
  const saves = await db
    .select({ attemptId: answers.attemptId, savedAt: answers.savedAt })
    .from(answers)
    .innerJoin(attempts, eq(attempts.id, answers.attemptId))
    .where(and(eq(attempts.contestId, contestId), isNotNull(attempts.score), recordedOnly))
    .orderBy(answers.attemptId, answers.savedAt);
  const savesOf = new Map<string, number[]>();
  for (const row of saves) savesOf.set(row.attemptId, [...(savesOf.get(row.attemptId) ?? []), row.savedAt]);
  for (const id of sameTimingPairs(
    rows.map((r) => ({ id: r.id, startedAt: r.startedAt, saves: savesOf.get(r.id) ?? [] })),
  )) {
    add(id, "sameTiming");
  }
  return Object.fromEntries([...flags].map(([id, set]) => [id, [...set].sort()]));
}

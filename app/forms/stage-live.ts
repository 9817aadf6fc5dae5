import { z } from "zod";
import { parseVnNumber, type NumberProblem } from "~/utils/numbers";
import { parseTime } from "~/utils/stage-time";

const id = z.number().int().positive();

/**
 * The organiser's live page: a knowledge part's right answers (boxes named
 * `right`, or `right-<question>` when one team answers each question), or
 * one team's seconds over the time limit, read as Vietnamese numbers are by
 * the action.
 */
export const StageLiveSchema = z.discriminatedUnion("intent", [
  z
    .object({ intent: z.literal("knowledge"), partId: id })
    .catchall(z.union([z.string(), z.array(z.string())])),
  z.object({
    intent: z.literal("overtime"),
    partId: id,
    teamId: id,
    overtimeSec: z.string().max(30, "stage.overtimeRange").default(""),
  }),
]);

/** The ticked answers, "question:team", as the teams that answered each question right. */
export function knowledgeMarks(value: Record<string, unknown>) {
  const right: Record<number, number[]> = {};
  for (const [name, ticked] of Object.entries(value)) {
    if (name !== "right" && !name.startsWith("right-")) continue;
    for (const mark of [ticked].flat()) {
      const [q, team] = String(mark).split(":").map(Number);
      if (Number.isInteger(q) && Number.isInteger(team)) right[q] = [...(right[q] ?? []), team];
    }
  }
  return right;
}

/**
 * The seconds over the limit as typed on Điều hành: seconds ("65") as the
 * label asks, or the time over as the timekeeper reads it ("1:05"). Empty is 0.
 */
export function readOvertime(
  text: string,
): { ok: true; sec: number } | { ok: false; problem: NumberProblem } {
  if (text.includes(":")) {
    const clock = parseTime(text);
    return clock.ok
      ? { ok: true, sec: clock.sec ?? 0 }
      : { ok: false, problem: { key: "stageTiming.badTime", vars: {} } };
  }
  const seconds = parseVnNumber(text);
  return seconds.ok ? { ok: true, sec: seconds.value ?? 0 } : { ok: false, problem: seconds.problem };
}

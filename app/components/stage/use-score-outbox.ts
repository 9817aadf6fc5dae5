import { useState } from "react";
import { UNSENT } from "~/components/device-storage";
import { useOutboxQueue, type Delivery } from "~/components/outbox-queue";
import type { MessageKey } from "~/utils/i18n";

export type ScoreBody = {
  partId: number;
  teamId: number;
  values: Record<string, number>;
  comment: string;
  /** The version of this score the sheet saw when it was saved (decision 006). */
  base: number;
  /** The judge who made it: on a tablet the panel shares, it is sent as theirs only. */
  judgeId: number;
};
/** The server's answer to a sent score: its version, and the score it holds when this one lost. */
export type ScoreReply = { version: number; held?: { values: Record<string, number>; comment: string } };
export type OutboxState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: number }
  | { kind: "pending" }
  /**
   * Signed out (e.g. in another tab), or another judge signed in since: the score stays on the
   * phone until its judge signs in again.
   */
  | { kind: "signedOut" }
  | { kind: "refused"; error: MessageKey };

/**
 * A judge's scores leave the phone as soon as they are saved, each with the
 * version its sheet saw, through the outbox every page shares
 * (outbox-queue.ts): an older offline save never overwrites a correction
 * made on another phone (it comes back as `judge.scoreConflict` with the
 * held score, given to `onSent`). Each judge's scores are kept apart on the
 * phone, and name their judge: a tablet a panel shares never sends one
 * judge's score as another's, whoever signs in next.
 */
export function useScoreOutbox(
  contestId: number,
  judgeId: number,
  onSent?: (key: string, reply: ScoreReply) => void,
) {
  const [states, setStates] = useState<Record<string, OutboxState>>({});
  const set = (key: string, state: OutboxState) => setStates((s) => ({ ...s, [key]: state }));

  const outbox = useOutboxQueue<ScoreBody>(
    `${UNSENT.scores}${contestId}:${judgeId}`,
    async (key, body): Promise<Delivery> => {
      set(key, { kind: "saving" });
      const response = await fetch(`/api/stage/${contestId}/scores`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }).catch(() => null);
      // Offline, or the server could not take it now.
      if (!response || response.status >= 500 || response.status === 429) {
        set(key, { kind: "pending" });
        return { outcome: "retry" };
      }
      const json = (await response.json().catch(() => ({}))) as {
        error?: MessageKey;
        version?: number;
        values?: Record<string, number>;
        comment?: string;
      };
      if (response.status === 401 || json.error === "judge.otherJudgesScore") {
        set(key, { kind: "signedOut" });
        return { outcome: "signedOut" };
      }
      if (response.ok) {
        const version = json.version ?? body.base + 1;
        set(key, { kind: "saved", at: Date.now() });
        onSent?.(key, { version });
        return { outcome: "saved", version };
      }
      set(key, { kind: "refused", error: json.error ?? "error.generic" });
      if (json.error === "judge.scoreConflict" && typeof json.version === "number") {
        onSent?.(key, {
          version: json.version,
          held: { values: json.values ?? {}, comment: json.comment ?? "" },
        });
        return { outcome: "held", version: json.version };
      }
      return { outcome: "refused" };
    },
  );

  return {
    save: (body: Omit<ScoreBody, "judgeId">) => {
      const key = `${body.partId}:${body.teamId}`;
      outbox.put(key, { ...body, judgeId });
      return key;
    },
    states,
    unsentKeys: () => Object.keys(outbox.unsent()),
    /** The score of this part and team kept on the phone, not yet on the server. */
    kept: (key: string): ScoreBody | undefined => outbox.unsent()[key] ?? outbox.stored()[key],
  };
}

import { useCallback, useEffect, useRef, useState } from "react";
import { readStored, UNSENT, writeStored } from "~/components/device-storage";
import type { MessageKey } from "~/utils/i18n";

export type ScoreBody = {
  partId: number;
  teamId: number;
  values: Record<string, number>;
  comment: string;
  /** The version of this score the sheet saw when it was saved (decision 006). */
  base: number;
};
/** The server's answer to a sent score: its version, and the score it holds when this one lost. */
export type ScoreReply = { version: number; held?: { values: Record<string, number>; comment: string } };
export type OutboxState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: number }
  | { kind: "pending" }
  /** Signed out (e.g. in another tab): the score stays on the phone until the judge signs in again. */
  | { kind: "signedOut" }
  | { kind: "refused"; error: MessageKey };

type Pending = Record<string, ScoreBody>;

const storageKey = (contestId: number) => UNSENT.scores + contestId;

const stored = (contestId: number) => readStored<Pending>(storageKey(contestId), {});

/**
 * A judge's scores leave the phone as soon as they are saved, each with the
 * version its sheet saw: the server replaces that version only, so an older
 * offline save never overwrites a correction made on another phone (it comes
 * back as `judge.scoreConflict` with the held score). A score the network did
 * not take stays in localStorage and is sent again with backoff, when the
 * connection returns and when any page of the app opens (app/components/outbox.ts);
 * one refused because the judge was signed out stays until they sign in.
 */
export function useScoreOutbox(contestId: number, onSent?: (key: string, reply: ScoreReply) => void) {
  const [states, setStates] = useState<Record<string, OutboxState>>({});
  const pending = useRef<Pending>({});
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const inFlight = useRef(new Set<string>());
  const backoff = useRef(1000);
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;

  const persist = useCallback(() => writeStored(storageKey(contestId), pending.current), [contestId]);

  const send = useCallback(
    async (key: string): Promise<boolean> => {
      const body = pending.current[key];
      // One request per score at a time, so this phone's saves reach the server in order;
      // a newer save made meanwhile goes out when the running one is answered.
      if (!body || inFlight.current.has(key)) return true;
      inFlight.current.add(key);
      setStates((s) => ({ ...s, [key]: { kind: "saving" } }));
      try {
        const response = await fetch(`/api/stage/${contestId}/scores`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        if (response.status >= 500 || response.status === 429) throw new Error(`HTTP ${response.status}`);
        if (response.status === 401) {
          setStates((s) => ({ ...s, [key]: { kind: "signedOut" } }));
          return true;
        }
        const json = (await response.json().catch(() => ({}))) as {
          error?: MessageKey;
          version?: number;
          values?: Record<string, number>;
          comment?: string;
        };
        const next = pending.current[key];
        if (next === body) delete pending.current[key];
        // A newer save made on this phone while this one was in flight: it replaces this save's
        // version if this one was saved, and is dropped with it if another phone's score is held.
        else if (next && next.base === body.base && typeof json.version === "number") {
          if (response.ok) pending.current[key] = { ...next, base: json.version };
          else if (json.error === "judge.scoreConflict") delete pending.current[key];
        }
        persist();
        if (response.ok) {
          setStates((s) => ({ ...s, [key]: { kind: "saved", at: Date.now() } }));
          onSentRef.current?.(key, { version: json.version ?? body.base + 1 });
        } else {
          if (json.error === "judge.scoreConflict" && typeof json.version === "number")
            onSentRef.current?.(key, {
              version: json.version,
              held: { values: json.values ?? {}, comment: json.comment ?? "" },
            });
          setStates((s) => ({ ...s, [key]: { kind: "refused", error: json.error ?? "error.generic" } }));
        }
        backoff.current = 1000;
      } catch {
        setStates((s) => ({ ...s, [key]: { kind: "pending" } }));
        return false;
      } finally {
        inFlight.current.delete(key);
      }
      return pending.current[key] ? send(key) : true;
    },
    [contestId, persist],
  );

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const results = await Promise.all(Object.keys(pending.current).map((key) => send(key)));
    if (results.includes(false)) {
      timer.current = setTimeout(() => void flush(), backoff.current);
      backoff.current = Math.min(backoff.current * 2, 15_000);
    }
  }, [send]);

  const save = useCallback(
    (body: ScoreBody) => {
      const key = `${body.partId}:${body.teamId}`;
      pending.current[key] = { ...body };
      persist();
      void flush();
      return key;
    },
    [persist, flush],
  );

  useEffect(() => {
    pending.current = { ...stored(contestId), ...pending.current };
    // Kept by an older version of this page (ordered by the phone's clock): saved on no known version.
    for (const item of Object.values(pending.current)) if (typeof item.base !== "number") item.base = 0;
    const online = () => {
      backoff.current = 1000;
      void flush();
    };
    window.addEventListener("online", online);
    void flush();
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(timer.current);
    };
  }, [contestId, flush]);

  return { save, states, unsentKeys: () => Object.keys(pending.current) };
}

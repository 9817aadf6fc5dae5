import { useCallback, useEffect, useRef, useState } from "react";
import { nextSeq, readStored, writeStored } from "~/components/device-storage";

export type SaveInput = { questionId: number; optionIds: number[] } | { prediction: number | null };
export type SaveBody = SaveInput & { seq: number };
export type SaveState = "saving" | "saved" | "pending" | "error";

type Pending = Record<string, SaveBody>;

const storageKey = (attemptId: string) => `hoithi:pending:${attemptId}`;

const stored = (attemptId: string) => readStored<Pending>(storageKey(attemptId), {});

/**
 * Sends each answer as soon as it is chosen. Unsent answers are kept in
 * localStorage and retried with backoff, when the network returns, and on
 * reload; the server keeps the highest sequence number per question.
 */
export function useAnswerQueue(
  attemptId: string,
  handlers: { onClosed: () => void; onRemaining: (ms: number) => void },
) {
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [offline, setOffline] = useState(false);
  const pending = useRef<Pending>({});
  const inFlight = useRef(new Set<string>());
  const retryTimer = useRef<ReturnType<typeof setTimeout>>();
  const backoff = useRef(1000);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  const persist = useCallback(() => writeStored(storageKey(attemptId), pending.current), [attemptId]);

  const send = useCallback(
    async (key: string) => {
      const body = pending.current[key];
      if (!body || inFlight.current.has(key)) return;
      inFlight.current.add(key);
      setStates((s) => ({ ...s, [key]: "saving" }));
      let delivered = false;
      try {
        const response = await fetch(`/api/attempts/${attemptId}/answers`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        if (response.ok || response.status === 422 || response.status === 409) {
          if (pending.current[key]?.seq === body.seq) delete pending.current[key];
          persist();
        }
        if (response.ok) {
          delivered = true;
          const json = (await response.json()) as { remainingMs: number };
          handlersRef.current.onRemaining(json.remainingMs);
          setOffline(false);
          backoff.current = 1000;
          setStates((s) => ({ ...s, [key]: pending.current[key] ? "saving" : "saved" }));
        } else if (response.status === 409) {
          handlersRef.current.onClosed();
        } else if (response.status === 422) {
          setStates((s) => ({ ...s, [key]: "error" }));
        } else {
          throw new Error(`HTTP ${response.status}`);
        }
      } catch {
        setOffline(true);
        setStates((s) => ({ ...s, [key]: "pending" }));
      } finally {
        inFlight.current.delete(key);
      }
      // A newer choice made while this one was in flight goes at once; a failure waits.
      if (pending.current[key]) {
        if (delivered) void send(key);
        else scheduleRetry();
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [attemptId, persist],
  );

  const flush = useCallback(async () => {
    await Promise.all(Object.keys(pending.current).map((key) => send(key)));
  }, [send]);

  function scheduleRetry() {
    clearTimeout(retryTimer.current);
    retryTimer.current = setTimeout(() => void flush(), backoff.current);
    backoff.current = Math.min(backoff.current * 2, 15_000);
  }

  const save = useCallback(
    (key: string, body: SaveInput) => {
      pending.current[key] = { ...body, seq: nextSeq() };
      persist();
      void send(key);
    },
    [persist, send],
  );

  useEffect(() => {
    pending.current = { ...stored(attemptId), ...pending.current };
    const online = () => {
      backoff.current = 1000;
      void flush();
    };
    window.addEventListener("online", online);
    void flush();
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(retryTimer.current);
    };
  }, [attemptId, flush]);

  return {
    save,
    flush,
    states,
    offline,
    unsent: () => Object.values(pending.current),
    stored: () => stored(attemptId),
  };
}

export function clearStoredAnswers(attemptId: string) {
  try {
    localStorage.removeItem(storageKey(attemptId));
  } catch {
    // nothing to clear
  }
}

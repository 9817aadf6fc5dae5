import { useCallback, useEffect, useRef, useState } from "react";
import { readStored, UNSENT, writeStored } from "~/components/device-storage";
import { forgetDeadline } from "./attempt-clock";

export type SaveInput = { questionId: number; optionIds: number[] } | { prediction: number | null };
/** A save and the version of the answer the page saw when it was chosen (decision 006). */
export type SaveBody = SaveInput & { base: number };
/**
 * "pending": not sent because of the network, retried; "conflict": another
 * device or tab saved since, the page shows the server's answer; "signedOut":
 * kept on the device until the resident signs in again.
 */
export type SaveState = "saving" | "saved" | "pending" | "error" | "conflict" | "signedOut";

/** What the server holds when a save lost: the answer's options or the prediction, and its version. */
export type HeldAnswer = { version: number; optionIds?: number[]; prediction?: number | null };

type Pending = Record<string, SaveBody>;

const storageKey = (attemptId: string) => UNSENT.answers + attemptId;
/** The last answers this device knows the server holds: a copy of the page kept offline may be older. */
const heldKey = (attemptId: string) => `hoithi:held:${attemptId}`;

const stored = (attemptId: string) => readStored<Pending>(storageKey(attemptId), {});
const storedHeld = (attemptId: string) => readStored<Record<string, HeldAnswer>>(heldKey(attemptId), {});

/**
 * Sends each answer as soon as it is chosen, with the version the page last
 * saw (`versions`, from the loader and every reply). The server replaces that
 * version only; a save from a page that saw an older one gets the held answer
 * back (`onConflict`). Answers that could not be sent because of the network
 * are kept in localStorage with their base and retried with backoff, when the
 * network returns, and on reload. A signed-out page keeps them and stops.
 */
export function useAnswerQueue(
  attemptId: string,
  initialVersions: Record<string, number>,
  handlers: {
    onClosed: () => void;
    onRemaining: (ms: number) => void;
    onConflict: (key: string, held: HeldAnswer) => void;
  },
) {
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [offline, setOffline] = useState(false);
  /** The server answered but could not take the save now (busy, 5xx): kept and retried, not "offline". */
  const [busy, setBusy] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const pending = useRef<Pending>({});
  const versions = useRef<Record<string, number> | null>(null);
  // The page's versions, or newer ones this device saw saved since the page was made (decision 007).
  versions.current ??= newestVersions(attemptId, initialVersions);
  const inFlight = useRef(new Set<string>());
  const retryTimer = useRef<ReturnType<typeof setTimeout>>();
  const backoff = useRef(1000);
  const stopped = useRef(false);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  const persist = useCallback(() => writeStored(storageKey(attemptId), pending.current), [attemptId]);

  const send = useCallback(
    async (key: string) => {
      const body = pending.current[key];
      if (!body || inFlight.current.has(key) || stopped.current) return;
      inFlight.current.add(key);
      setStates((s) => ({ ...s, [key]: "saving" }));
      let delivered = false;
      try {
        const response = await fetch(`/api/attempts/${attemptId}/answers`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        const json = (await response.json().catch(() => ({}))) as HeldAnswer & {
          error?: string;
          remainingMs?: number;
        };
        if (response.status === 401) {
          // Signed out (e.g. in another tab): nothing is lost, nothing is retried until sign-in.
          stopped.current = true;
          setSignedOut(true);
          setOffline(false);
          setStates((s) => ({ ...s, [key]: "signedOut" }));
          return;
        }
        if (response.ok || (response.status === 409 && json.error === "answer.conflict")) {
          delivered = true;
          versions.current![key] = json.version;
          const { base: _base, ...chosen } = body;
          rememberHeld(attemptId, key, response.ok ? { ...chosen, version: json.version } : json);
          const next = pending.current[key];
          if (next === body) delete pending.current[key];
          // A newer choice made on this page while this save was in flight: it replaces this save's
          // version if this one was saved, and is dropped with it if the server holds another answer.
          else if (next && next.base === body.base) {
            if (response.ok) pending.current[key] = { ...next, base: json.version };
            else delete pending.current[key];
          }
          persist();
          if (typeof json.remainingMs === "number") handlersRef.current.onRemaining(json.remainingMs);
          setOffline(false);
          setBusy(false);
          backoff.current = 1000;
          if (response.ok) setStates((s) => ({ ...s, [key]: pending.current[key] ? "saving" : "saved" }));
          else {
            handlersRef.current.onConflict(key, json);
            setStates((s) => ({ ...s, [key]: "conflict" }));
          }
        } else if (response.status === 409 || response.status === 422) {
          if (pending.current[key] === body) delete pending.current[key];
          persist();
          if (response.status === 409) handlersRef.current.onClosed();
          else setStates((s) => ({ ...s, [key]: "error" }));
        } else {
          setBusy(true);
          setOffline(false);
          setStates((s) => ({ ...s, [key]: "pending" }));
        }
      } catch {
        setOffline(true);
        setBusy(false);
        setStates((s) => ({ ...s, [key]: "pending" }));
      } finally {
        inFlight.current.delete(key);
      }
      // A newer choice made while this one was in flight goes at once; a failure waits.
      if (pending.current[key] && !stopped.current) {
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
      pending.current[key] = { ...body, base: versions.current![key] ?? 0 };
      persist();
      if (stopped.current) setStates((s) => ({ ...s, [key]: "signedOut" }));
      else void send(key);
    },
    [persist, send],
  );

  useEffect(() => {
    pending.current = { ...stored(attemptId), ...pending.current };
    // Kept by an older version of this page (ordered by the phone's clock): chosen on no known version.
    for (const item of Object.values(pending.current)) if (typeof item.base !== "number") item.base = 0;
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
    busy,
    signedOut,
    unsent: () => Object.values(pending.current),
    stored: () => stored(attemptId),
    /** Answers saved from this device that are newer than the page's own (a copy kept offline). */
    newerThanPage: () =>
      Object.entries(storedHeld(attemptId)).filter(
        ([key, held]) => held.version > (initialVersions[key] ?? 0),
      ),
  };
}

function newestVersions(attemptId: string, fromPage: Record<string, number>) {
  const versions = { ...fromPage };
  for (const [key, held] of Object.entries(storedHeld(attemptId)))
    versions[key] = Math.max(versions[key] ?? 0, held.version);
  return versions;
}

function rememberHeld(attemptId: string, key: string, held: HeldAnswer) {
  if (typeof held.version !== "number") return;
  const all = storedHeld(attemptId);
  all[key] = { version: held.version, optionIds: held.optionIds, prediction: held.prediction };
  writeStored(heldKey(attemptId), all);
}

export function clearStoredAnswers(attemptId: string) {
  try {
    localStorage.removeItem(storageKey(attemptId));
    localStorage.removeItem(heldKey(attemptId));
  } catch {
    // nothing to clear
  }
  forgetDeadline(attemptId);
}

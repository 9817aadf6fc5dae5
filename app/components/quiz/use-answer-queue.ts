import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { readStored, UNSENT, writeStored } from "~/components/device-storage";
import { useOutboxQueue, type Delivery, type OutboxQueue } from "~/components/outbox-queue";
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

const storageKey = (attemptId: string) => UNSENT.answers + attemptId;
/** The last answers this device knows the server holds: a copy of the page kept offline may be older. */
const heldKey = (attemptId: string) => `hoithi:held:${attemptId}`;

const storedHeld = (attemptId: string) => readStored<Record<string, HeldAnswer>>(heldKey(attemptId), {});

/** Posts one save and reads the reply; null when it did not reach the server (offline). */
async function postAnswer(attemptId: string, body: SaveBody) {
  let response: Response;
  try {
    response = await fetch(`/api/attempts/${attemptId}/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return null;
  }
  const json = (await response.json().catch(() => ({}))) as HeldAnswer & {
    error?: string;
    remainingMs?: number;
  };
  return { response, json };
}

/**
 * When the page opens, `onShow` gets the answers this device saved or chose
 * that are newer than the page (a copy kept offline, a reload before they were sent).
 */
function useShowNewerOnOpen(
  attemptId: string,
  {
    pageVersions,
    versions,
    outbox,
    handlersRef,
  }: {
    pageVersions: { readonly current: Record<string, number> };
    versions: Record<string, number>;
    outbox: OutboxQueue<SaveBody>;
    handlersRef: { readonly current: Pick<AnswerHandlers, "onShow"> };
  },
) {
  useEffect(() => {
    const show = handlersRef.current.onShow;
    // A copy of this page kept offline may be older than answers this device saved since.
    for (const [key, held] of Object.entries(storedHeld(attemptId)))
      if (held.version > (pageVersions.current[key] ?? 0)) show(key, held);
    // Choices this device made but had not yet delivered (e.g. before a reload offline), when they
    // were chosen on the version the server holds; the others come back as conflicts.
    for (const [key, item] of Object.entries(outbox.stored()))
      if (item.base === (versions[key] ?? 0))
        show(key, "questionId" in item ? item : { prediction: item.prediction });
  }, [attemptId, outbox, versions, pageVersions, handlersRef]);
}

type AnswerHandlers = {
  onClosed: () => void;
  onRemaining: (ms: number) => void;
  onShow: (key: string, item: { optionIds?: number[]; prediction?: number | null }) => void;
};

/**
 * Sends each answer as soon as it is chosen, with the version the page last
 * saw (`initialVersions`, from the loader, then every reply), through the
 * outbox every page shares (outbox-queue.ts). A save from a page that saw an
 * older version gets the held answer back (`onShow`). When the page opens,
 * `onShow` also gets the answers this device saved or chose that are newer
 * than the page (a copy kept offline, a reload before they were sent).
 */
export function useAnswerQueue(
  attemptId: string,
  initialVersions: Record<string, number>,
  handlers: AnswerHandlers,
) {
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [offline, setOffline] = useState(false);
  /** The server answered but could not take the save now (busy, 5xx): kept and retried, not "offline". */
  const [busy, setBusy] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const mark = (key: string, state: SaveState) => setStates((s) => ({ ...s, [key]: state }));
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const pageVersions = useRef(initialVersions);
  pageVersions.current = initialVersions;
  // The page's versions, or newer ones this device saw saved since the page was made (decision 007).
  const versions = useMemo(() => newestVersions(attemptId, pageVersions.current), [attemptId]);

  const outbox = useOutboxQueue<SaveBody>(storageKey(attemptId), async (key, body): Promise<Delivery> => {
    mark(key, "saving");
    const reply = await postAnswer(attemptId, body);
    if (!reply) {
      setOffline(true);
      setBusy(false);
      mark(key, "pending");
      return { outcome: "retry" };
    }
    const { response, json } = reply;
    if (response.status === 401) {
      // Signed out (e.g. in another tab): nothing is lost, nothing is retried until sign-in.
      setSignedOut(true);
      setOffline(false);
      mark(key, "signedOut");
      return { outcome: "signedOut" };
    }
    if (response.ok || (response.status === 409 && json.error === "answer.conflict")) {
      versions[key] = json.version;
      const { base: _base, ...chosen } = body;
      rememberHeld(attemptId, key, response.ok ? { ...chosen, version: json.version } : json);
      if (typeof json.remainingMs === "number") handlersRef.current.onRemaining(json.remainingMs);
      setOffline(false);
      setBusy(false);
      if (response.ok) {
        mark(key, "saved");
        return { outcome: "saved", version: json.version };
      }
      handlersRef.current.onShow(key, json);
      mark(key, "conflict");
      return { outcome: "held", version: json.version };
    }
    if (response.status === 409) handlersRef.current.onClosed();
    else if (response.status === 422) mark(key, "error");
    else {
      setBusy(true);
      setOffline(false);
      mark(key, "pending");
      return { outcome: "retry" };
    }
    return { outcome: "refused" };
  });

  const save = useCallback(
    (key: string, body: SaveInput) => outbox.put(key, { ...body, base: versions[key] ?? 0 }),
    [outbox, versions],
  );

  useShowNewerOnOpen(attemptId, { pageVersions, versions, outbox, handlersRef });

  return {
    save,
    flush: outbox.flush,
    states,
    offline,
    busy,
    signedOut,
    unsent: () => Object.values(outbox.unsent()),
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

/**
 * The outbox a page keeps for work it sends to the server as soon as it is
 * made (a quiz's answers, a judge's scores), the same for both:
 *
 * - every item carries the version of it the page last saw (`base`, decision
 *   006); the server replaces that version only;
 * - one request per item key at a time, so this device's saves of one item
 *   reach the server in order; a newer save made meanwhile goes out as soon
 *   as the running one is answered, based on the version that one got;
 * - what the network (or a busy server) did not take stays in localStorage
 *   and is sent again with backoff, when the connection returns, on reload,
 *   and from any other page of the app (outbox.ts);
 * - what a signed-out session could not send stays on the device and is not
 *   retried on its own until the next save or the network's return.
 *
 * The page says how to send one item and what the reply means (`deliver`),
 * and shows its own states.
 */
import { useEffect, useMemo, useRef } from "react";
import { readStored, writeStored } from "~/components/device-storage";

/** What became of one item sent to the server. */
export type Delivery =
  /** Saved as `version`: a newer save of the item waiting on this device is based on it. */
  | { outcome: "saved"; version: number }
  /** The server holds another save made since (another device): a newer one made on the same base goes too. */
  | { outcome: "held"; version: number }
  /** Refused for good (closed, invalid): dropped. */
  | { outcome: "refused" }
  /** Not taken now (offline, busy server): kept and sent again with backoff. */
  | { outcome: "retry" }
  /** Signed out: kept on the device until the next save or the network's return. */
  | { outcome: "signedOut" };

export type Based = { base: number };

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 15_000;

/** The queue itself, without React: created once per storage key by useOutboxQueue. */
export function createOutboxQueue<B extends Based>(
  storageKey: string,
  deliver: (key: string, body: B) => Promise<Delivery>,
) {
  let pending: Record<string, B> = {};
  const inFlight = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backoff = FIRST_RETRY_MS;

  const persist = () => writeStored(storageKey, pending);

  /** Sends one item and the newer saves of it made meanwhile; false when it should be retried later. */
  async function send(key: string): Promise<boolean> {
    const body = pending[key];
    if (!body || inFlight.has(key)) return true;
    inFlight.add(key);
    let delivery: Delivery;
    try {
      delivery = await deliver(key, body);
    } catch {
      delivery = { outcome: "retry" };
    } finally {
      inFlight.delete(key);
    }
    if (delivery.outcome === "retry") return false;
    if (delivery.outcome === "signedOut") return true;
    backoff = FIRST_RETRY_MS;
    const next = pending[key];
    if (next === body) delete pending[key];
    // A newer save made on this device while this one was in flight: it replaces this save's
    // version if this one was saved, and is dropped with it if the server holds another one.
    else if (next && next.base === body.base) {
      if (delivery.outcome === "saved") pending[key] = { ...next, base: delivery.version };
      else if (delivery.outcome === "held") delete pending[key];
    }
    persist();
    return pending[key] ? send(key) : true;
  }

  function retryLater() {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), backoff);
    backoff = Math.min(backoff * 2, LAST_RETRY_MS);
  }

  async function flush() {
    clearTimeout(timer);
    const results = await Promise.all(Object.keys(pending).map(send));
    if (results.includes(false)) retryLater();
  }

  return {
    /** Keeps a save on the device and sends it. */
    put(key: string, body: B) {
      pending[key] = body;
      persist();
      void send(key).then((sent) => sent || retryLater());
    },
    flush,
    /** What has not reached the server yet, by key. */
    unsent: (): Record<string, B> => ({ ...pending }),
    /** What an earlier visit of the page kept on this device, as stored. */
    stored: () => readStored<Record<string, B>>(storageKey, {}),
    /** Takes up what is kept on the device and sends it now and whenever the network returns. */
    start() {
      pending = { ...readStored<Record<string, B>>(storageKey, {}), ...pending };
      // Kept by an older version of the app (ordered by the phone's clock): made on no known version.
      for (const item of Object.values(pending)) if (typeof item.base !== "number") item.base = 0;
      const online = () => {
        backoff = FIRST_RETRY_MS;
        void flush();
      };
      window.addEventListener("online", online);
      void flush();
      return () => {
        window.removeEventListener("online", online);
        clearTimeout(timer);
      };
    },
  };
}

export type OutboxQueue<B extends Based> = ReturnType<typeof createOutboxQueue<B>>;

/**
 * One outbox per storage key for the page's lifetime; `deliver` may change
 * from render to render (the latest one is used).
 */
export function useOutboxQueue<B extends Based>(
  storageKey: string,
  deliver: (key: string, body: B) => Promise<Delivery>,
): OutboxQueue<B> {
  const deliverRef = useRef(deliver);
  deliverRef.current = deliver;
  const queue = useMemo(
    () => createOutboxQueue<B>(storageKey, (key, body) => deliverRef.current(key, body)),
    [storageKey],
  );
  useEffect(() => queue.start(), [queue]);
  return queue;
}

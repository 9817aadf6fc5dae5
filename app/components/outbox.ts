/**
 * Work a quiz page or a judge's sheet kept on this phone (answers, scores)
 * goes out from whichever page of the app is open when the network returns,
 * not only when its own page is opened again (issue 15). The page that owns a
 * queue sends its own (use-answer-queue, use-score-outbox); this sends the
 * queues whose page is not open, each item once per call, and keeps what the
 * network or a sign-out did not let through, and what belongs to someone
 * else (a phone shared in a family: their answers wait for them).
 */
import { readStored, UNSENT, writeStored } from "~/components/device-storage";

type Outcome = "done" | "keep" | "signedOut";

async function post(url: string, body: unknown): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status === 401) return "signedOut";
    // 404: not the signed-in person's (someone else's answers or scores, kept on a shared phone): theirs to send.
    if (response.status >= 500 || response.status === 429 || response.status === 404) return "keep";
    // Saved, or refused for good (a newer answer held, the attempt closed): its page shows the server's.
    return "done";
  } catch {
    return "keep";
  }
}

const QUEUES = [
  { prefix: UNSENT.answers, url: (id: string) => `/api/attempts/${id}/answers`, page: "/attempts/" },
  { prefix: UNSENT.scores, url: (id: string) => `/api/stage/${id}/scores`, page: "/judge/contests/" },
];

let running = false;

export async function flushKeptWork(pathname: string) {
  if (running || typeof localStorage === "undefined") return;
  running = true;
  try {
    for (const key of Object.keys(localStorage)) {
      for (const queue of QUEUES) {
        // The attempt's id, or the contest's (a judge's scores are kept per contest and judge: `12:4`).
        const id = key.startsWith(queue.prefix) ? key.slice(queue.prefix.length).split(":")[0] : null;
        // The page that owns this queue is open: it sends its own, with its own states.
        if (!id || pathname === `${queue.page}${id}` || pathname.startsWith(`${queue.page}${id}/`)) continue;
        const items = readStored<Record<string, unknown>>(key, {});
        for (const [itemKey, body] of Object.entries(items)) {
          const outcome = await post(queue.url(id), body);
          if (outcome === "signedOut") return;
          if (outcome === "done") {
            // Re-read: the owning page may have been opened meanwhile in another tab.
            const now = readStored<Record<string, unknown>>(key, {});
            if (JSON.stringify(now[itemKey]) === JSON.stringify(body)) delete now[itemKey];
            if (Object.keys(now).length) writeStored(key, now);
            else localStorage.removeItem(key);
          }
        }
      }
    }
  } finally {
    running = false;
  }
}

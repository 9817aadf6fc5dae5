/**
 * Unsent work kept on the device (answers, judges' scores) so a dropped
 * connection or a reload loses nothing. Storage may be full or disabled;
 * then the in-memory queue still retries.
 */
export function readStored<T>(key: string, empty: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? "null") as T | null) ?? empty;
  } catch {
    return empty;
  }
}

export function writeStored(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the in-memory queue still retries.
  }
}

/**
 * Key prefixes of the queues of unsent work on the device (then the attempt's
 * id, or the contest's and the judge's: `12:4`): the page that owns a queue sends it, and
 * app/components/outbox.ts sends it from any other page.
 */
export const UNSENT = { answers: "hoithi:pending:", scores: "hoithi:scores:" } as const;

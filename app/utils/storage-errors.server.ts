/**
 * Failures of the storage itself (disk full, read-only file system, I/O
 * errors, a lock held too long, a database server that cannot be reached or
 * answers 5xx) rather than of the request: the answer is 503 with
 * Retry-After, and nothing is half-written because every write is one
 * statement or one batch.
 */
const STORAGE_FAILURE =
  /SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED)|database or disk is full|readonly database|disk I\/O error|database is locked|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|Server returned HTTP status 5\d\d/i;

export const RETRY_AFTER_SECONDS = 30;

export function isStorageUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (STORAGE_FAILURE.test(`${String(code ?? "")} ${String(message ?? "")}`)) return true;
    e = cause;
  }
  return false;
}

/** The JSON answer of an API endpoint when the storage fails. */
export function storageUnavailableJson() {
  return Response.json(
    { error: "error.unavailable" },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } },
  );
}

import { readStored, writeStored } from "~/components/device-storage";

type Clocked = { id: string; remainingMs: number; servedAt: number };
const deadlineKey = (attemptId: string) => `hoithi:deadline:${attemptId}`;
let mountedAt = { local: 0, served: 0 };

/**
 * The time left, measured on this device's own clock from the last reply of
 * the server: a copy of the page shown from the phone's cache while offline
 * keeps counting down from where it was, not from when the copy was made.
 * Only differences of the phone's clock are used, so a wrong clock is harmless.
 */
export function pageRemainingMs(data: Clocked) {
  mountedAt = { local: Date.now(), served: data.servedAt };
  const kept = readStored<{ servedAt: number; deadline: number } | null>(deadlineKey(data.id), null);
  if (kept && kept.servedAt >= data.servedAt) return Math.max(0, kept.deadline - Date.now());
  rememberDeadline(data, data.remainingMs);
  return data.remainingMs;
}

export function rememberDeadline(data: Clocked, remainingMs: number) {
  // The server's time of this reply, estimated from the page's: only its order matters.
  const servedAt = mountedAt.served + (Date.now() - mountedAt.local);
  writeStored(deadlineKey(data.id), {
    servedAt: Math.max(servedAt, data.servedAt),
    deadline: Date.now() + remainingMs,
  });
}

export function forgetDeadline(attemptId: string) {
  try {
    localStorage.removeItem(deadlineKey(attemptId));
  } catch {
    // nothing to forget
  }
}

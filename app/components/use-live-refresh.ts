import { useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";

/** Calls `refresh` every `ms` while the page is on screen, and at once when it comes back on screen; never while `idle` is false. */
function useWhileOnScreen(ms: number, idle: boolean, refresh: () => void) {
  useEffect(() => {
    if (!idle) return;
    const tick = () => {
      if (document.visibilityState === "visible") refresh();
    };
    const timer = setInterval(tick, ms);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [idle, refresh, ms]);
}

/**
 * Reloads the page's data every `ms` while it is on screen, and at once when
 * it comes back on screen; never while a form is being sent. Used by the
 * pages that follow a stage contest live (the organiser's Điều hành, the
 * timekeeper's Bấm giờ). A refresh still arriving when the person sends a
 * form is cancelled by the router, quietly (patches/ for Remix and
 * turbo-stream; tests/e2e/interrupted-refresh.spec.ts).
 */
export function useLiveRefresh(ms: number) {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  useWhileOnScreen(ms, state === "idle" && navigation.state === "idle", revalidate);
}

/**
 * For a page nobody submits forms on (the projector): fetches `url` (JSON)
 * every `ms` while on screen, outside the router, so a refresh that fails
 * (the hall's Wi-Fi dropping, the server restarting) keeps the last data on
 * screen with `offline` set, and the next one that works brings it up to
 * date. Starts from the page's own data.
 */
export function usePolledJson<T>(url: string, ms: number, initial: T) {
  const [state, setState] = useState({ data: initial, offline: false });
  const busy = useRef(false);
  const refresh = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then((reply) => {
        if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
        return reply.json() as Promise<T>;
      })
      .then(
        (data) => setState({ data, offline: false }),
        () => setState((last) => ({ data: last.data, offline: true })),
      )
      .finally(() => (busy.current = false));
  }, [url]);
  useWhileOnScreen(ms, true, refresh);
  return state;
}

import { useFetcher, useLocation, useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect } from "react";

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
  useEffect(() => {
    const cancelled = (event: PromiseRejectionEvent) => {
      if (event.reason instanceof DOMException && event.reason.name === "AbortError") event.preventDefault();
    };
    window.addEventListener("unhandledrejection", cancelled);
    return () => window.removeEventListener("unhandledrejection", cancelled);
  }, []);
}

/**
 * Reloads the page's data every `ms` while it is on screen, and at once when
 * it comes back on screen; never while a form is being sent. Used by the
 * pages that follow a stage contest live (the organiser's Điều hành, the
 * timekeeper's Bấm giờ).
 *
 * A refresh still under way when the person submits a form is cancelled by
 * the router, which leaves its aborted request unhandled ("AbortError: signal
 * is aborted without reason" in the console, nothing on the page): while such
 * a page is open, that one rejection is marked handled.
 */
export function useLiveRefresh(ms: number) {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  useWhileOnScreen(ms, state === "idle" && navigation.state === "idle", revalidate);
}

/**
 * The same, for a page nobody submits forms on (the projector): reloads only
 * this route's data, through its clientLoader, so a failed refresh (the hall's
 * Wi-Fi dropping) is the route's to handle. A revalidation would reload the
 * root's data too, and a root that cannot be reached shows the error page.
 * Returns the freshest data: the page's own until the first refresh arrives.
 */
export function useLiveRouteData<T>(ms: number, initial: T): T {
  const fetcher = useFetcher<T>();
  const { pathname, search } = useLocation();
  const navigation = useNavigation();
  const { load } = fetcher;
  const href = pathname + search;
  const refresh = useCallback(() => void load(href), [load, href]);
  // Once at once: the router then knows this address (lazy route discovery asks the server the
  // first time, and that question failing offline would show the error page instead of the board).
  useEffect(refresh, [refresh]);
  useWhileOnScreen(ms, fetcher.state === "idle" && navigation.state === "idle", refresh);
  return (fetcher.data as T | undefined) ?? initial;
}

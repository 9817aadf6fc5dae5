import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Reloads the page's data every `ms` while it is on screen, and at once when
 * it comes back on screen; never while a form is being sent. Used by the
 * pages that follow a stage contest live (the organiser's Điều hành, the
 * timekeeper's Bấm giờ, the projector's board).
 *
 * A refresh still under way when the person submits a form is cancelled by
 * the router, which leaves its aborted request unhandled ("AbortError: signal
 * is aborted without reason" in the console, nothing on the page): while such
 * a page is open, that one rejection is marked handled.
 */
export function useLiveRefresh(ms: number) {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  const idle = state === "idle" && navigation.state === "idle";
  useEffect(() => {
    if (!idle) return;
    const refresh = () => {
      if (document.visibilityState === "visible") revalidate();
    };
    const timer = setInterval(refresh, ms);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [idle, revalidate, ms]);
  useEffect(() => {
    const cancelled = (event: PromiseRejectionEvent) => {
      if (event.reason instanceof DOMException && event.reason.name === "AbortError") event.preventDefault();
    };
    window.addEventListener("unhandledrejection", cancelled);
    return () => window.removeEventListener("unhandledrejection", cancelled);
  }, []);
}

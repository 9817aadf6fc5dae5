/**
 * The browser side of the app shell (public/sw.js, decision 007): registers
 * the service worker, and asks it to keep the attempt and judging pages with
 * their data and assets, so that a reload or a back-and-forth while offline
 * still finds them.
 */
const KEPT = /^\/(attempts\/[^/]+$|judge(\/|$))/;

export function registerAppShell() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js").catch(() => {
    // No app shell (private mode, an old browser): the app works online as before.
  });
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Keeps the attempt or judging page on the phone, a moment after it shows (its own requests go first). */
export function keepPage(path: string) {
  const worker = typeof navigator !== "undefined" ? navigator.serviceWorker : undefined;
  clearTimeout(timer);
  if (!worker || !KEPT.test(path.split("?")[0])) return;
  const send = () =>
    worker.controller?.postMessage({
      type: "keep",
      page: path,
      assets: performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((name) => name.includes("/assets/")),
    });
  timer = setTimeout(() => {
    if (worker.controller) send();
    else worker.addEventListener("controllerchange", send, { once: true });
  }, 1500);
}

/*
 * Hội Thi's app shell (issue 15, decision 007). A phone that loses the network
 * in the middle of a quiz or of a judging session can still reload or go back:
 *
 * - /assets/* (hashed) and /images/* (questions' pictures, named by their
 *   content): they never change, so from the cache once fetched.
 * - The attempt page and the judges' pages, and their Remix data requests:
 *   from the network, and from the last copy this phone saw when it fails.
 * - Any other page while offline: /offline.html.
 * - /api/* and every POST always go to the network; unsent answers and scores
 *   wait in the page's own storage (see app/components/outbox.ts), never here.
 *
 * Signing out or in clears the copied pages, so the next person on a shared
 * phone never sees them.
 */
const PAGES = "hoithi-pages-v1";
const ASSETS = "hoithi-assets-v1";
const OFFLINE = "/offline.html";
const SHELL = [OFFLINE, "/manifest.webmanifest", "/favicon.svg", "/icon-192.png"];
/** Pages kept for offline use: the attempt and the judge's pages (and Remix's route manifest). */
const KEPT_PAGES = /^\/(attempts\/[^/]+$|judge(\/|$)|__manifest$)/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(ASSETS)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n !== PAGES && n !== ASSETS).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

/** Keeps a copy of a page, and only the most recent 60 (a phone has little room). */
async function keep(cache, request, response) {
  await cache.put(request, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - 60))) await cache.delete(old);
}

function pagePath(url) {
  return url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
}

async function fromCacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function fromNetworkFirst(request, navigate) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    // Only whole, same-origin answers: never a redirect or an error page.
    if (response.ok && response.type === "basic") await keep(cache, request, response.clone());
    return response;
  } catch (error) {
    // The same request, or else the page's whole data (kept without `_routes`: every route's loader).
    const url = new URL(request.url);
    const hit =
      (await cache.match(request, { ignoreVary: true })) ??
      (url.pathname.endsWith(".data")
        ? await cache.match(url.origin + url.pathname, { ignoreVary: true })
        : undefined);
    if (hit) return hit;
    if (navigate) {
      const offline = await caches.match(OFFLINE);
      if (offline) return offline;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && /^\/(logout|login)(\.data)?$/.test(url.pathname)) {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET" || url.pathname.startsWith("/api/")) return;
  if (/^\/(assets|images)\//.test(url.pathname)) {
    event.respondWith(fromCacheFirst(request));
    return;
  }
  const navigate = request.mode === "navigate";
  if (navigate || url.pathname.endsWith(".data") || url.pathname === "/__manifest") {
    if (KEPT_PAGES.test(pagePath(url))) event.respondWith(fromNetworkFirst(request, navigate));
    else if (navigate)
      event.respondWith(fetch(request).catch(() => caches.match(OFFLINE).then((r) => r ?? Response.error())));
  }
});

/**
 * The page asks for itself to be kept: its document (a page reached by a
 * client-side navigation was never requested as one), its whole data (for a
 * back-and-forth offline) and the assets it uses.
 */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep" || typeof data.page !== "string") return;
  const page = new URL(data.page, self.location.origin);
  if (page.origin !== self.location.origin || !KEPT_PAGES.test(page.pathname)) return;
  event.waitUntil(
    (async () => {
      const assets = await caches.open(ASSETS);
      for (const href of data.assets ?? []) {
        const url = new URL(href, self.location.origin);
        if (
          url.origin === self.location.origin &&
          url.pathname.startsWith("/assets/") &&
          !(await assets.match(url))
        )
          await assets.add(url).catch(() => {});
      }
      const pages = await caches.open(PAGES);
      for (const url of [page.pathname + page.search, page.pathname + ".data"]) {
        const response = await fetch(url, { credentials: "same-origin", redirect: "manual" }).catch(
          () => null,
        );
        if (response && response.ok && response.type === "basic") await keep(pages, url, response);
      }
    })(),
  );
});

import type { IncomingHttpHeaders } from "node:http";

/** Longer URLs than any page or link of the app makes are refused (browsers stop near 8 KB too). */
export const MAX_URL_LENGTH = 8 * 1024;
/** The largest body the app reads: a 5 MB import file in a multipart form, with room to spare. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The methods the app's pages, forms and APIs use; the rest never reach them. */
const METHODS = new Set(["GET", "HEAD", "POST"]);

export type Refusal = { status: number; headers: Record<string, string>; body: string };

function refusal(status: number, body: string, headers: Record<string, string> = {}): Refusal {
  return { status, body, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } };
}

/** Whether `host` (a Host or X-Forwarded-Host value) can be part of a URL. */
function validHost(host: string) {
  try {
    return new URL(`http://${host}`).host !== "";
  } catch {
    return false;
  }
}

/**
 * Requests the app cannot serve, refused by the front door before any routing
 * with a 4xx and nothing in the log: methods nothing answers (TRACE made
 * Remix's Request constructor throw: a 500 and a stack trace), URLs that are
 * too long, not a path, or not valid percent-encoding, Remix's old `?_data=`
 * requests (this app uses single fetch, where they answered 500 with a stack
 * trace), Host headers no URL can be built from, and bodies over the limit or
 * of unknown length (a chunked body would be read whole before any limit).
 * Returns null for everything else.
 */
export function refuseMalformed(req: {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}): Refusal | null {
  const method = req.method ?? "";
  if (!METHODS.has(method)) return refusal(405, "Method Not Allowed", { Allow: "GET, HEAD, POST" });
  const url = req.url ?? "";
  if (url.length > MAX_URL_LENGTH) return refusal(414, "URI Too Long");
  // Only paths: not "*" nor an absolute URL (a request meant for a forward proxy).
  if (!url.startsWith("/")) return refusal(400, "Bad Request");
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  try {
    decodeURIComponent(pathname);
  } catch {
    return refusal(400, "Bad Request: invalid percent-encoding");
  }
  if (query !== -1 && new URLSearchParams(url.slice(query + 1)).has("_data"))
    return refusal(400, "Bad Request: ?_data requests are not supported");
  const host = req.headers.host;
  const forwardedHost = req.headers["x-forwarded-host"];
  const forwarded = typeof forwardedHost === "string" ? forwardedHost.split(",")[0].trim() : undefined;
  // An empty Host is allowed (HTTP/1.0); one that is there must make a URL, or Remix throws.
  if ((host && !validHost(host)) || (forwarded && !validHost(forwarded)))
    return refusal(400, "Bad Request: invalid Host");
  // Every body's size is known before it is read: browsers and proxies send Content-Length.
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined)
    return refusal(411, "Length Required", { Connection: "close" });
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > MAX_BODY_BYTES) return refusal(413, "Content Too Large", { Connection: "close" });
  return null;
}

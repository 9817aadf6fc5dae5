import http from "node:http";
import https from "node:https";

/**
 * The fetch of this process's @libsql/client when the database is a libSQL
 * server (sqld) over HTTP. It gives the app what the embedded file has by
 * itself:
 *
 * - Reading its own writes on a replica. A replica forwards writes to the
 *   primary and answers reads from its own copy, a moment behind. sqld makes
 *   one connection wait for its own writes, but @libsql/client opens a new
 *   Hrana stream (a new server-side connection) for every execute and batch,
 *   so a read right after a write could miss it: the demo seed's
 *   approve-then-announce did. Every answer carries the replication index it
 *   reflects, and a statement sent with `replication_index` waits on a replica
 *   until it has applied that far; so every statement carries the highest
 *   index this process has seen. A primary ignores it.
 *
 * - One writer at a time. SQLite writes one transaction at a time anyway; sent
 *   many at once, sqld 0.24 stalled for seconds (idle) and, at 32 write
 *   batches in flight, spun on two cores without finishing any. This process
 *   sends its writes (batches, and statements other than SELECT/PRAGMA) one
 *   after another, as the embedded file's single connection does; reads go
 *   at once.
 *
 * - Waiting out a busy database. sqld gives each connection a busy timeout of
 *   100 ms, so with several app processes writing, some statements fail with
 *   SQLITE_BUSY where the embedded file (busy_timeout 5000) waits. A failed
 *   execute or batch has changed nothing (a batch is one transaction, rolled
 *   back on any error), so it is sent again, for up to 5 s.
 *
 * - Less CPU a request. The requests go out through node:http on kept-alive
 *   connections, not through fetch (undici), which cost this process about
 *   1.1 ms more CPU a request (decision 020); and without `accept-encoding`,
 *   so sqld does not spend its CPU compressing answers for a neighbour.
 *
 * See docs/scaling.md.
 */
export function serverFetch(): typeof fetch {
  let seen = 0n;
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  async function send(request: Request, body: Body, retriable: boolean, read: boolean) {
    const started = Date.now();
    const url = new URL(request.url);
    const agent = url.protocol === "https:" ? agents.https : agents.http;
    const headers: Record<string, string> = { "content-type": "application/json" };
    const authorization = request.headers.get("authorization");
    if (authorization) headers.authorization = authorization;
    for (let attempt = 0; ; attempt++) {
      if (seen > 0n) stamp(body, String(seen));
      const reply = await post(url, agent, headers, JSON.stringify(body), read);
      if (reply.status < 200 || reply.status >= 300 || reply.type !== "application/json")
        return toResponse(reply);
      for (const match of reply.text.matchAll(/"replication_index":"(\d+)"/g)) {
        const index = BigInt(match[1]);
        if (index > seen) seen = index;
      }
      if (retriable && BUSY.test(reply.text) && Date.now() - started < BUSY_WAIT_MS) {
        await new Promise((r) => setTimeout(r, Math.min(50, 2 ** attempt) * (0.5 + Math.random())));
        continue;
      }
      return toResponse(reply);
    }
  }

  return async (input, init) => {
    const request = input instanceof Request && !init ? input : new Request(input, init);
    if (request.method !== "POST" || request.headers.get("content-type") !== "application/json")
      return fetch(request);
    const body = JSON.parse(await request.text()) as Body;
    const requests = body.requests ?? [];
    // One statement or one batch on a fresh stream (as @libsql/client sends them) can be sent again whole.
    const retriable =
      body.baton == null &&
      requests.every((r) => RETRIABLE.has(r.type)) &&
      requests.filter((r) => r.type === "execute" || r.type === "batch").length === 1;
    if (!writes(body)) return send(request, body, retriable, true);
    await writer.acquire();
    try {
      return await send(request, body, retriable, false);
    } finally {
      writer.release();
    }
  };
}

type Reply = { status: number; type: string; text: string };

/**
 * One POST through node:http on a kept-alive connection. A read whose kept-alive connection the
 * server had just closed is sent again once; a write is not, as it may have arrived.
 */
function post(url: URL, agent: http.Agent, headers: Record<string, string>, text: string, read: boolean) {
  return new Promise<Reply>((resolve, reject) => {
    const req = (url.protocol === "https:" ? https : http).request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(text)) } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 502,
            type: String(res.headers["content-type"] ?? ""),
            text: body,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (read && req.reusedSocket && error.code === "ECONNRESET")
        post(url, agent, headers, text, false).then(resolve, reject);
      else reject(error);
    });
    req.end(text);
  });
}

function toResponse(reply: Reply) {
  return new Response(reply.text, { status: reply.status, headers: { "content-type": reply.type } });
}

const BUSY_WAIT_MS = 5_000;
// On a primary SQLITE_BUSY; on a replica, the primary's refusal of a forwarded write. Row values are
// JSON strings inside the answer, their quotes escaped, so only an error object matches.
const BUSY = /"code":"SQLITE_BUSY"|"message":"[^"]*database is locked","code":"PROXY_ERROR"/;
const RETRIABLE = new Set(["execute", "batch", "store_sql", "close_sql", "close"]);
const READ = /^\s*(SELECT|PRAGMA|EXPLAIN|VALUES)\b/i;

type Stmt = { sql?: string; sql_id?: number; replication_index?: string };
type Body = {
  baton?: string | null;
  requests?: {
    type: string;
    sql?: string;
    sql_id?: number;
    stmt?: Stmt;
    batch?: { steps?: { stmt: Stmt }[]; replication_index?: string };
    replication_index?: string;
  }[];
  batch?: { replication_index?: string };
};

/** Whether a request may write: any batch or sequence, and a statement that is not a plain read. */
function writes(body: Body) {
  const stored = new Map<number, string>();
  for (const r of body.requests ?? [])
    if (r.type === "store_sql" && r.sql_id !== undefined) stored.set(r.sql_id, r.sql ?? "");
  return (body.requests ?? []).some((r) => {
    if (r.type === "batch" || r.type === "sequence") return true;
    if (r.type !== "execute" || !r.stmt) return false;
    const sql = r.stmt.sql ?? (r.stmt.sql_id === undefined ? undefined : stored.get(r.stmt.sql_id));
    return sql === undefined || !READ.test(sql);
  });
}

/** Asks a replica to answer no earlier than `index` (a pipeline's statements, or a cursor's batch). */
function stamp(body: Body, index: string) {
  for (const item of body.requests ?? []) {
    if (item.type === "execute" && item.stmt) item.stmt.replication_index = index;
    else if (item.type === "batch" && item.batch) item.batch.replication_index = index;
    else if (item.type === "sequence") item.replication_index = index;
  }
  if (body.batch) body.batch.replication_index = index;
}

/** This process's writes to the database server, one at a time. */
const writer = (() => {
  let busy = false;
  const queue: (() => void)[] = [];
  return {
    acquire: () =>
      busy ? new Promise<void>((resolve) => queue.push(resolve)) : Promise.resolve(void (busy = true)),
    release: () => {
      const next = queue.shift();
      if (next) next();
      else busy = false;
    },
  };
})();

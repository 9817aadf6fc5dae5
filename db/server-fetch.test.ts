import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isStorageUnavailable } from "~/utils/storage-errors.server";
import { serverFetch } from "./server-fetch";

// A stand-in for sqld's Hrana endpoint: answers every pipeline with a replication index, and can
// cut the connection of chosen requests the way a server closing a kept-alive connection does.
type Seen = { body: Record<string, unknown>; headers: IncomingMessage["headers"]; socket: number };

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function hrana(cut: (n: number) => boolean) {
  const seen: Seen[] = [];
  const sockets = new WeakMap<object, number>();
  let nextSocket = 0;
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, ++nextSocket);
      seen.push({ body: JSON.parse(text), headers: req.headers, socket: sockets.get(req.socket)! });
      if (cut(seen.length)) return req.socket.destroy();
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          baton: null,
          base_url: null,
          results: [
            {
              type: "ok",
              response: { type: "execute", result: { cols: [], rows: [], replication_index: String(seen.length + 40) } },
            },
            { type: "ok", response: { type: "close" } },
          ],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v2/pipeline`, seen };
}

// What @libsql/client sends for one execute: a Request with the Hrana JSON as its body.
const execute = (url: string, sql: string) =>
  new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ baton: null, requests: [{ type: "execute", stmt: { sql } }, { type: "close" }] }),
  });

const stmtOf = (seen: Seen) => (seen.body.requests as { stmt?: { replication_index?: string } }[])[0].stmt;

describe("the database server's fetch", () => {
  it("keeps one connection, asks for no compression, and sends the highest replication index seen", async () => {
    const { url, seen } = await hrana(() => false);
    const send = serverFetch();
    const first = await send(execute(url, "SELECT 1"));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ results: [{ type: "ok" }, { type: "ok" }] });
    await (await send(execute(url, "INSERT INTO t VALUES (1)"))).text();
    expect(seen).toHaveLength(2);
    expect(seen[1].socket).toBe(seen[0].socket);
    expect(seen.map((s) => s.headers["accept-encoding"])).toEqual([undefined, undefined]);
    expect(stmtOf(seen[0])?.replication_index).toBeUndefined();
    expect(stmtOf(seen[1])?.replication_index).toBe("41");
  });

  it("sends a read again when the server closed the kept-alive connection as it went out", async () => {
    const { url, seen } = await hrana((n) => n === 2);
    const send = serverFetch();
    await (await send(execute(url, "SELECT 1"))).text();
    const again = await send(execute(url, "SELECT 2"));
    expect(again.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(seen[2].socket).not.toBe(seen[1].socket);
  });

  it("does not send a write again, which may have arrived: the caller sees the storage as unavailable", async () => {
    const { url, seen } = await hrana((n) => n === 2);
    const send = serverFetch();
    await (await send(execute(url, "SELECT 1"))).text();
    const error = await send(execute(url, "INSERT INTO t VALUES (1)")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isStorageUnavailable(error)).toBe(true);
    expect(seen).toHaveLength(2);
  });
});

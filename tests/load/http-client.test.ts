import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient } from "./http-client";

let server: http.Server | undefined;
let client: HttpClient | undefined;

/** A real server on a free port; counts the connections it was opened. */
async function serve(handler: http.RequestListener, maxSockets?: number) {
  const connections = { count: 0 };
  server = http.createServer(handler);
  server.on("connection", () => connections.count++);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  client = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxSockets);
  return { client, connections };
}

afterEach(async () => {
  client?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = client = undefined;
});

const readBody = (request: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    request.on("end", () => resolve(text));
  });

describe("the load driver's HTTP client", () => {
  it("sends a Vietnamese body whole and reads a reply by its length, over one kept-alive connection", async () => {
    const { client, connections } = await serve(async (request, response) => {
      const body = await readBody(request);
      const reply = JSON.stringify({
        heard: body,
        method: request.method,
        type: request.headers["content-type"],
      });
      response.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(reply),
      });
      response.end(reply);
    });
    for (const text of ["Phường Đống Đa", "Tổ dân phố số 7"]) {
      const reply = await client.send("POST", "/api", { "Content-Type": "text/plain; charset=utf-8" }, text);
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({
        heard: text,
        method: "POST",
        type: "text/plain; charset=utf-8",
      });
    }
    expect(connections.count).toBe(1);
  });

  it("reads a chunked page whose letters are split between chunks, and every cookie set", async () => {
    const { client } = await serve((_request, response) => {
      const page = Buffer.from("<h1>Hội thi cải cách hành chính</h1>");
      response.writeHead(302, [
        ["Location", "/attempts/abc"],
        ["Set-Cookie", "a=1; Path=/"],
        ["Set-Cookie", "b=2; Path=/"],
      ]);
      // "ộ" is three bytes; the first chunk ends inside it.
      response.write(page.subarray(0, 6));
      setTimeout(() => response.end(page.subarray(6)), 10);
    });
    const reply = await client.send("GET", "/");
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe("/attempts/abc");
    expect(reply.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(reply.body).toBe("<h1>Hội thi cải cách hành chính</h1>");
  });

  it("reads a compressed reply as a browser does, gzip by its length or brotli in chunks", async () => {
    const text = "Câu 1. Nghị quyết 76/NQ-CP ban hành năm nào?".repeat(40);
    const { client } = await serve((request, response) => {
      if (request.url === "/gzip") {
        const body = gzipSync(text);
        response.writeHead(200, { "Content-Encoding": "gzip", "Content-Length": body.length }).end(body);
      } else {
        const body = brotliCompressSync(text);
        response.writeHead(200, { "Content-Encoding": "br" });
        response.write(body.subarray(0, 5));
        setTimeout(() => response.end(body.subarray(5)), 10);
      }
    });
    expect((await client.send("GET", "/gzip")).body).toBe(text);
    expect((await client.send("GET", "/br")).body).toBe(text);
  });

  it("sends again, once, on a new connection when the server drops a kept-alive one unanswered", async () => {
    let calls = 0;
    const { client, connections } = await serve((request, response) => {
      // The second request meets a connection closing as it arrives (the server's idle timeout).
      if (++calls === 2) return request.socket.destroy();
      response.end("ok");
    });
    expect((await client.send("GET", "/")).body).toBe("ok");
    expect((await client.send("GET", "/")).body).toBe("ok");
    expect(calls).toBe(3);
    expect(connections.count).toBe(2);
  });

  it("does not reuse a connection the reply closes, and reports a server that hangs up mid-reply", async () => {
    let calls = 0;
    const { client, connections } = await serve((request, response) => {
      calls++;
      if (request.url === "/broken") {
        response.writeHead(200, { "Content-Length": "100" });
        response.write("half");
        setTimeout(() => request.socket.destroy(), 10);
        return;
      }
      response.writeHead(200, { Connection: "close", "Content-Length": "2" });
      response.end("ok");
    });
    expect((await client.send("GET", "/")).body).toBe("ok");
    expect((await client.send("GET", "/")).body).toBe("ok");
    expect(connections.count).toBe(2);
    await expect(client.send("GET", "/broken")).rejects.toThrow("socket hang up");
    // Not sent twice: the server had begun its reply.
    expect(calls).toBe(3);
  });

  it("opens at most maxSockets connections; the other requests wait their turn and are all answered", async () => {
    let busy = 0;
    let most = 0;
    const { client, connections } = await serve((request, response) => {
      most = Math.max(most, ++busy);
      setTimeout(() => {
        busy--;
        response.end(request.url);
      }, 20);
    }, 2);
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => client.send("GET", `/${n}`)));
    expect(replies.map((r) => r.body)).toEqual(["/1", "/2", "/3", "/4", "/5"]);
    expect(most).toBe(2);
    expect(connections.count).toBe(2);
  });
});

/**
 * The load driver's HTTP/1.1 client: keep-alive connections over `net`, one
 * request at a time on each (as a phone sends), requests written as one
 * buffer, replies read by Content-Length or chunked encoding and decompressed
 * (gzip, deflate, br) when the server compressed them.
 *
 * Why not Node's `http` client: the driver shares the machine's two cores with
 * the server it measures, and `http.request` cost about 120 µs of CPU a
 * request against this client's 36 µs (a trivial server, 30,000 saves, 50
 * connections; docs/benchmarks.md, "Issue 21 (3): a lighter load driver"). With the
 * heavier client the driver took a third of the machine and the server's
 * second worker found little CPU left to use.
 */
import net from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export type Reply = { status: number; headers: Record<string, string | string[]>; body: string };

const CRLF_CRLF = Buffer.from("\r\n\r\n");

/** Reads one reply from a connection's bytes; `push` returns the reply once it is whole. */
class ReplyReader {
  private buffer: Buffer = Buffer.alloc(0);
  private status = 0;
  private headers: Record<string, string | string[]> | null = null;
  private bodyStart = 0;
  private length = -1;
  private chunks: Buffer[] = [];
  /** Where the next chunk's size line starts (chunked replies). */
  private chunkAt = 0;
  /** Any byte of the reply arrived: a reset after that is not an idle connection's. */
  started = false;
  keepAlive = true;

  push(data: Buffer): Reply | null {
    this.started = true;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    if (!this.headers) {
      const end = this.buffer.indexOf(CRLF_CRLF);
      if (end < 0) return null;
      const lines = this.buffer.toString("latin1", 0, end).split("\r\n");
      this.status = Number(lines[0].slice(9, 12));
      const headers: Record<string, string | string[]> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === "set-cookie")
          ((headers[name] as string[] | undefined) ?? (headers[name] = [])).push(value);
        else headers[name] = value;
      }
      this.headers = headers;
      this.bodyStart = this.chunkAt = end + 4;
      this.keepAlive = String(headers.connection ?? "").toLowerCase() !== "close";
      if (String(headers["transfer-encoding"] ?? "").toLowerCase() !== "chunked")
        this.length = Number(headers["content-length"] ?? 0);
    }
    if (this.length >= 0) {
      if (this.buffer.length - this.bodyStart < this.length) return null;
      return this.reply(this.buffer.subarray(this.bodyStart, this.bodyStart + this.length));
    }
    // Chunked: a hex size line, the chunk and CRLF, until a chunk of size 0 (no trailers expected).
    for (;;) {
      const lineEnd = this.buffer.indexOf("\r\n", this.chunkAt, "latin1");
      if (lineEnd < 0) return null;
      const size = parseInt(this.buffer.toString("latin1", this.chunkAt, lineEnd), 16);
      if (size === 0) {
        if (this.buffer.length < lineEnd + 4) return null;
        return this.reply(Buffer.concat(this.chunks));
      }
      if (this.buffer.length < lineEnd + 2 + size + 2) return null;
      this.chunks.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      this.chunkAt = lineEnd + 2 + size + 2;
    }
  }

  /** The body as text, decompressed as a browser does when the server compressed it. */
  private reply(bytes: Buffer): Reply {
    const encoding = String(this.headers!["content-encoding"] ?? "").toLowerCase();
    const body =
      encoding === "gzip"
        ? gunzipSync(bytes)
        : encoding === "br"
          ? brotliDecompressSync(bytes)
          : encoding === "deflate"
            ? inflateSync(bytes)
            : bytes;
    return { status: this.status, headers: this.headers!, body: body.toString("utf8") };
  }
}

export class HttpClient {
  private idle: net.Socket[] = [];
  /** Connections open (idle or busy), and the requests waiting for one when `maxSockets` are. */
  private open = 0;
  private waiting: (() => void)[] = [];
  private readonly host: string;
  private readonly port: number;
  private readonly hostHeader: string;

  /** At most `maxSockets` connections, as Node's http.Agent the driver used before (so its figures compare). */
  constructor(
    base: string,
    private readonly maxSockets = 1024,
    private readonly timeoutMs = 30_000,
  ) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    this.hostHeader = url.host;
  }

  send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    const payload = body ? Buffer.from(body) : undefined;
    head += payload ? `Content-Length: ${payload.length}\r\n\r\n` : "\r\n";
    const bytes = payload
      ? Buffer.concat([Buffer.from(head, "latin1"), payload])
      : Buffer.from(head, "latin1");
    if (this.idle.length > 0 || this.open < this.maxSockets) return this.exchange(bytes, false);
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.exchange(bytes, false));
  }

  /** Closes the idle connections (the busy ones close as their replies end). */
  close() {
    for (const socket of this.idle.splice(0)) socket.destroy();
  }

  private exchange(bytes: Buffer, retried: boolean): Promise<Reply> {
    const reused = this.idle.length > 0;
    const socket = this.idle.pop() ?? this.connect();
    return new Promise<Reply>((resolve, reject) => {
      const reader = new ReplyReader();
      const timer = setTimeout(() => finish(new Error("timeout")), this.timeoutMs);
      const finish = (error: Error | null, reply?: Reply) => {
        clearTimeout(timer);
        socket.off("data", onData).off("error", onError).off("close", onClose);
        if (error) {
          socket.destroy();
          // A kept-alive connection the server closed as idle just as this request went out: the
          // request never reached the server, so it is sent again once, as Node's client advises.
          if (reused && !retried && !reader.started) resolve(this.exchange(bytes, true));
          else reject(error);
          return;
        }
        if (reader.keepAlive && !socket.destroyed) this.idle.push(socket);
        else socket.destroy();
        resolve(reply!);
        this.waiting.shift()?.();
      };
      const onData = (data: Buffer) => {
        let reply: Reply | null;
        try {
          reply = reader.push(data);
        } catch (error) {
          return finish(error as Error);
        }
        if (reply) finish(null, reply);
      };
      const onError = (error: Error) => finish(error);
      const onClose = () => finish(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      socket.on("data", onData).on("error", onError).on("close", onClose);
      socket.write(bytes);
    });
  }

  private connect() {
    const socket = net.connect(this.port, this.host);
    socket.setNoDelay(true);
    this.open++;
    // A closed connection leaves the pool, and a waiting request may open another; an idle one's
    // error has no other listener.
    socket.once("close", () => {
      this.open--;
      const at = this.idle.indexOf(socket);
      if (at >= 0) this.idle.splice(at, 1);
      if (this.open < this.maxSockets) this.waiting.shift()?.();
    });
    socket.on("error", () => {});
    return socket;
  }
}

import { afterEach, describe, expect, it, vi } from "vitest";
import { createOutboxQueue, type Delivery } from "./outbox-queue";

type Body = { value: string; base: number };

/** A server whose replies the test gives one at a time, in the order the requests came. */
function fakeServer() {
  const calls: { key: string; body: Body; reply: (d: Delivery) => void }[] = [];
  const deliver = (key: string, body: Body) =>
    new Promise<Delivery>((resolve) => calls.push({ key, body, reply: resolve }));
  return { calls, deliver };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe("the outbox shared by the quiz and the judges' sheets", () => {
  it("sends one save of an item at a time; a newer one goes next, based on the version the first got", async () => {
    const server = fakeServer();
    const queue = createOutboxQueue<Body>("test:outbox:1", server.deliver);
    queue.put("q:1", { value: "A", base: 0 });
    queue.put("q:1", { value: "B", base: 0 });
    expect(server.calls).toHaveLength(1);
    server.calls[0].reply({ outcome: "saved", version: 1 });
    await settle();
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1].body).toEqual({ value: "B", base: 1 });
    server.calls[1].reply({ outcome: "saved", version: 2 });
    await settle();
    expect(queue.unsent()).toEqual({});
  });

  it("drops a newer save made on the same version when the server holds another device's", async () => {
    const server = fakeServer();
    const queue = createOutboxQueue<Body>("test:outbox:2", server.deliver);
    queue.put("q:1", { value: "A", base: 3 });
    queue.put("q:1", { value: "B", base: 3 });
    server.calls[0].reply({ outcome: "held", version: 4 });
    await settle();
    expect(server.calls).toHaveLength(1);
    expect(queue.unsent()).toEqual({});
  });

  it("keeps what the network did not take and sends it again with growing waits", async () => {
    vi.useFakeTimers();
    let fail = 2;
    const sent: Body[] = [];
    const queue = createOutboxQueue<Body>("test:outbox:3", async (_key, body) => {
      sent.push(body);
      if (fail-- > 0) throw new TypeError("Failed to fetch");
      return { outcome: "saved", version: body.base + 1 };
    });
    queue.put("s:1", { value: "8,5", base: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(queue.unsent()).toHaveProperty("s:1");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(3);
    expect(queue.unsent()).toEqual({});
  });

  it("keeps a save a signed-out session could not send, without retrying it on its own", async () => {
    vi.useFakeTimers();
    const sent: Body[] = [];
    const queue = createOutboxQueue<Body>("test:outbox:4", async (_key, body) => {
      sent.push(body);
      return { outcome: "signedOut" };
    });
    queue.put("q:2", { value: "C", base: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
    expect(queue.unsent()).toEqual({ "q:2": { value: "C", base: 0 } });
  });

  it("drops a save refused for good and sends the next one of the item at once", async () => {
    const server = fakeServer();
    const queue = createOutboxQueue<Body>("test:outbox:5", server.deliver);
    queue.put("q:1", { value: "A", base: 0 });
    queue.put("q:1", { value: "B", base: 5 });
    server.calls[0].reply({ outcome: "refused" });
    await settle();
    expect(server.calls[1].body).toEqual({ value: "B", base: 5 });
  });
});

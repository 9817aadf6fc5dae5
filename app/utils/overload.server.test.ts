import { describe, expect, it } from "vitest";
import { createGate, createInFlightLimit, ServerBusyError } from "./overload.server";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("the password gate", () => {
  it("runs one job at a time, queues a few and refuses the rest at once with a retry time", async () => {
    const gate = createGate({ concurrency: 1, maxQueue: 2, retryAfterSeconds: 3 });
    const order: string[] = [];
    const first = deferred();
    const running = [
      gate.run(async () => {
        order.push("a starts");
        await first.promise;
        order.push("a ends");
      }),
      gate.run(async () => void order.push("b")),
      gate.run(async () => void order.push("c")),
    ];
    expect(gate.full).toBe(true);
    const refused = gate.run(async () => void order.push("d"));
    await expect(refused).rejects.toEqual(new ServerBusyError(3));
    expect(gate.running).toBe(1);
    expect(gate.waiting).toBe(2);

    first.resolve();
    await Promise.all(running);
    expect(order).toEqual(["a starts", "a ends", "b", "c"]);
    expect([gate.running, gate.waiting, gate.full]).toEqual([0, 0, false]);
  });

  it("frees the slot when a job fails, so one bad password never blocks the queue", async () => {
    const gate = createGate({ concurrency: 1, maxQueue: 1 });
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run(async () => "next")).resolves.toBe("next");
    expect(gate.running).toBe(0);
  });
});

describe("the in-flight limit", () => {
  it("refuses pages past the limit but lets answer saves use twice as many, and counts requests out", () => {
    const limit = createInFlightLimit({ limit: 2 });
    expect([limit.admit("/"), limit.admit("/contests/a")]).toEqual([true, true]);
    expect(limit.admit("/contests/a")).toBe(false);
    expect(limit.admit("/api/attempts/x/answers")).toBe(true);
    expect(limit.admit("/api/attempts/x/answers")).toBe(true);
    expect(limit.admit("/api/attempts/x/answers")).toBe(false);
    limit.done();
    limit.done();
    limit.done();
    expect(limit.inFlight).toBe(1);
    expect(limit.admit("/")).toBe(true);
  });
});

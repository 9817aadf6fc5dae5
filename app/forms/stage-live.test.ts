import { describe, expect, it } from "vitest";
import { readOvertime } from "./stage-live";

describe("readOvertime (Điều hành's seconds over the limit)", () => {
  it("reads seconds as the label asks, and the timekeeper's m:ss", () => {
    expect(readOvertime("65")).toEqual({ ok: true, sec: 65 });
    expect(readOvertime("1:05")).toEqual({ ok: true, sec: 65 });
    expect(readOvertime(" 0:45 ")).toEqual({ ok: true, sec: 45 });
    expect(readOvertime("")).toEqual({ ok: true, sec: 0 });
  });

  it("refuses what it cannot read, with the message that says how to type it", () => {
    expect(readOvertime("1:75")).toEqual({ ok: false, problem: { key: "stageTiming.badTime", vars: {} } });
    expect(readOvertime("một phút")).toMatchObject({ ok: false, problem: { key: "numbers.notNumber" } });
  });
});

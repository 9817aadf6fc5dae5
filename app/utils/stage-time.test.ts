import { describe, expect, it } from "vitest";
import { formatClock, formatWindow, parseTime } from "./stage-time";

describe("parseTime", () => {
  it("reads m:ss as minutes and seconds", () => {
    expect(parseTime("1:15")).toEqual({ ok: true, sec: 75 });
    expect(parseTime(" 15:00 ")).toEqual({ ok: true, sec: 900 });
    expect(parseTime("0:07")).toEqual({ ok: true, sec: 7 });
  });
  it("reads a bare number as minutes, with one decimal either way", () => {
    expect(parseTime("15")).toEqual({ ok: true, sec: 900 });
    expect(parseTime("7,5")).toEqual({ ok: true, sec: 450 });
    expect(parseTime("7.5")).toEqual({ ok: true, sec: 450 });
  });
  it("reads empty text as no time", () => {
    expect(parseTime("")).toEqual({ ok: true, sec: null });
  });
  it("refuses anything else", () => {
    for (const bad of ["1:75", "abc", "1:5", "-3", "1:15:00", "15 phút", "181", "1,25"])
      expect(parseTime(bad), bad).toEqual({ ok: false });
  });
});

describe("formatClock and formatWindow", () => {
  it("shows minutes and seconds with two digits", () => {
    expect(formatClock(402)).toBe("06:42");
    expect(formatClock(4500)).toBe("75:00");
  });
  it("shows a part's window", () => {
    expect(formatWindow(480, 900)).toBe("08:00–15:00");
    expect(formatWindow(null, 900)).toBe("≤ 15:00");
    expect(formatWindow(480, null)).toBe("≥ 08:00");
    expect(formatWindow(null, null)).toBe("");
  });
});

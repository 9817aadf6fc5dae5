import { describe, expect, it } from "vitest";
import { formNumbers, numberProblemText, parseVnNumber, toInputNumber, wholeOr } from "./numbers";

const value = (text: string, rule?: Parameters<typeof parseVnNumber>[1]) => {
  const parsed = parseVnNumber(text, rule);
  return parsed.ok ? parsed.value : parsed.problem.key;
};

describe("numbers as Vietnamese type them", () => {
  it("reads “7,5” and “7.5” as the same seven and a half, never 75", () => {
    expect(value("7,5", { decimals: 1 })).toBe(7.5);
    expect(value("7.5", { decimals: 1 })).toBe(7.5);
    expect(value("0,5", { decimals: 1 })).toBe(0.5);
    expect(value("0.5", { decimals: 1 })).toBe(0.5);
    expect(value(",5", { decimals: 1 })).toBe(0.5);
    expect(value(" 7,50 ", { decimals: 1 })).toBe(7.5);
  });

  it("refuses decimals in a whole-number field with a message, instead of dropping the separator", () => {
    expect(value("7,5")).toBe("numbers.wholeOnly");
    expect(value("7.5")).toBe("numbers.wholeOnly");
    expect(value("0.5")).toBe("numbers.wholeOnly");
    expect(value("7,0")).toBe(7);
    const parsed = parseVnNumber("7.5");
    expect(parsed.ok ? "" : numberProblemText(parsed.problem)).toBe(
      "“7.5” có phần thập phân, nhưng ô này chỉ nhận số nguyên.",
    );
  });

  it("reads money grouped with dots, commas or spaces as the same amount", () => {
    for (const text of ["1.000.000", "1,000,000", "1 000 000", "1000000", "1.000.000,00", "1,000,000.00"])
      expect(value(text), text).toBe(1_000_000);
    expect(value("7.500.000")).toBe(7_500_000);
    expect(value("500.000")).toBe(500_000);
    expect(value("1.500")).toBe(1500);
    expect(value("1,500")).toBe(1500);
  });

  it("refuses what has two readings in a decimal field, naming both", () => {
    const parsed = parseVnNumber("1,500", { decimals: 1 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(numberProblemText(parsed.problem)).toBe(
        "“1,500” có thể hiểu là 1,5 hoặc 1.500. Hãy gõ 1,5 nếu là số thập phân, hoặc 1500 nếu là số nghìn.",
      );
    expect(value("1.000", { decimals: 2 })).toBe("numbers.ambiguous");
    // Not two readings: a leading zero, or more than three digits before the mark.
    expect(value("0,500", { decimals: 1 })).toBe(0.5);
    expect(value("1234,5", { decimals: 1 })).toBe(1234.5);
    expect(value("1.000.000", { decimals: 1 })).toBe(1_000_000);
    expect(value("1.000,5", { decimals: 1 })).toBe(1000.5);
  });

  it("refuses malformed numbers, bad grouping, too many decimals and values out of range", () => {
    expect(value("7,5a")).toBe("numbers.notNumber");
    expect(value("7,")).toBe("numbers.notNumber");
    expect(value(".")).toBe("numbers.notNumber");
    expect(value("abc")).toBe("numbers.notNumber");
    expect(value("1.2.3")).toBe("numbers.grouping");
    expect(value("1234.567")).toBe("numbers.wholeOnly");
    expect(value("7 5")).toBe("numbers.grouping");
    expect(value("1,5.3", { decimals: 1 })).toBe("numbers.grouping");
    expect(value("8,55", { decimals: 1 })).toBe("numbers.tooManyDecimals");
    expect(value("-1")).toBe("numbers.min");
    expect(value("-1", { min: -5 })).toBe(-1);
    expect(value("11", { max: 10 })).toBe("numbers.range");
    expect(value("1234567890123456789")).toBe("numbers.tooBig");
    expect(value("")).toBe(null);
    expect(value("   ")).toBe(null);
  });

  it("writes numbers back into fields so they read the same", () => {
    for (const n of [7.5, 0.5, 1500, 20, 1234.5]) {
      expect(value(toInputNumber(n), { decimals: 1 })).toBe(n);
    }
    expect(toInputNumber(7.5)).toBe("7,5");
    expect(toInputNumber(null)).toBe("");
  });

  it("collects one message per field from a form, and keeps the old whole-number helper's contract", () => {
    const form = new FormData();
    form.set("a", "7,5");
    form.set("b", "1.000.000");
    form.set("c", "");
    const numbers = formNumbers(form);
    expect(numbers.read("a", {}, "field")).toBeNaN();
    expect(numbers.read("b")).toBe(1_000_000);
    expect(numbers.read("c")).toBe(null);
    expect(Object.keys(numbers.problems)).toEqual(["field"]);
    expect(wholeOr("7.5")).toBeNaN();
    expect(wholeOr("", 0)).toBe(0);
    expect(wholeOr("-3")).toBe(-3);
    expect(wholeOr("1.000")).toBe(1000);
  });
});

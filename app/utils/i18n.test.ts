import { describe, expect, it } from "vitest";
import { fill, isMessage, message, translate } from "./i18n";

describe("fill", () => {
  it("puts values in their placeholders and leaves a missing one empty", () => {
    expect(fill("Câu {n}/{total}", { n: 3, total: 20 })).toBe("Câu 3/20");
    expect(fill("Mã {code} không có", {})).toBe("Mã  không có");
  });

  it("chooses the English plural form by the value: one for 1, other for 0, 2 and fractions", () => {
    const rows = "Imported {n, plural, one {# row} other {# rows}}.";
    expect(fill(rows, { n: 1 }, "en")).toBe("Imported 1 row.");
    expect(fill(rows, { n: 2 }, "en")).toBe("Imported 2 rows.");
    expect(fill(rows, { n: 0 }, "en")).toBe("Imported 0 rows.");
    expect(fill(rows, { n: 1.5 }, "en")).toBe("Imported 1.5 rows.");
    // Whole digits in a string count as the number; a formatted decimal ("0,5") is "other".
    expect(fill(rows, { n: "1" }, "en")).toBe("Imported 1 row.");
    expect(fill("{n, plural, one {# point} other {# points}}", { n: "0,5" }, "en")).toBe("0,5 points");
  });

  it("Vietnamese has one form, so the other variant serves every number", () => {
    const text = "{n, plural, one {# một} other {# câu}}";
    expect(fill(text, { n: 1 }, "vi")).toBe("1 câu");
    expect(fill(text, { n: 5 }, "vi")).toBe("5 câu");
  });

  it("an exact =N variant comes first, variants nest placeholders, and several plurals share one text", () => {
    const text =
      "{n, plural, =0 {no entries} one {one entry by {who}} other {# entries}}; {k, plural, one {# judge} other {# judges}}";
    expect(fill(text, { n: 0, k: 1 }, "en")).toBe("no entries; 1 judge");
    expect(fill(text, { n: 1, k: 3, who: "Lan" }, "en")).toBe("one entry by Lan; 3 judges");
    expect(fill(text, { n: 7, k: 2 }, "en")).toBe("7 entries; 2 judges");
  });
});

describe("messages with values", () => {
  it("carry the key and the values in one string that every locale translates", () => {
    const m = message("import.done", { n: 1 });
    expect(m).toBe("import.done?n=1");
    expect(isMessage(m)).toBe(true);
    expect(translate("en", m)).toBe("Imported 1 row.");
    expect(translate("en", message("import.done", { n: 12 }))).toBe("Imported 12 rows.");
    expect(translate("vi", message("import.done", { n: 1 }))).toBe("Đã nhập 1 dòng.");
    // Without values it is the bare key.
    expect(message("form.fixErrors")).toBe("form.fixErrors");
    // Values with separators survive the round trip.
    expect(translate("en", message("receipts.notFound", { code: "A&B=C?D" }))).toBe(
      "Receipt code A&B=C?D was not found",
    );
  });

  it("write {n, number} as numbers are written in the page's language", () => {
    const m = message("import.cellTooLong", { column: "Tên đơn vị", length: 1_050_000, max: 2000 });
    expect(translate("vi", m)).toBe("Ô ở cột “Tên đơn vị” dài 1.050.000 ký tự, tối đa 2.000 ký tự.");
    expect(translate("en", m)).toBe(
      "The cell in column “Tên đơn vị” has 1,050,000 characters; at most 2,000 are allowed.",
    );
    expect(fill("{n, number}", { n: "7,5" }, "en")).toBe("7,5");
  });

  it("an unknown key is not a message, and translates to the generic error", () => {
    expect(isMessage("nope.nothing?n=1")).toBe(false);
    expect(isMessage("Lỗi bằng chữ")).toBe(false);
    expect(translate("en", "nope.nothing" as never)).toBe(translate("en", "error.generic"));
  });
});

describe("plural texts of the interface", () => {
  it("say 1 row, 1 question, 1 judge, 1 point in English, and keep Vietnamese unchanged", () => {
    expect(translate("en", "q.count", { n: 1 })).toBe("1 question");
    expect(translate("en", "q.count", { n: 40 })).toBe("40 questions");
    expect(translate("en", "import.problems", { n: 1 })).toBe(
      "Nothing was imported. Please fix this problem and import again:",
    );
    expect(translate("en", "import.problems", { n: 3 })).toBe(
      "Nothing was imported. Please fix these 3 problems and import again:",
    );
    expect(translate("en", "stage.flag.conflicts", { n: 1 })).toBe(
      "1 judge does not score this team (same unit, or a member of the team)",
    );
    expect(translate("en", "stage.flag.conflicts", { n: 2 })).toBe(
      "2 judges do not score this team (same unit, or a member of the team)",
    );
    expect(translate("en", "results.points", { score: 1 })).toBe("1 point");
    expect(translate("en", "results.points", { score: "7,5" })).toBe("7,5 points");
    expect(translate("en", "stats.summary", { participants: 1, entries: 1 })).toBe("1 participant, 1 entry");
    expect(translate("en", "stats.summary", { participants: 2, entries: 3 })).toBe(
      "2 participants, 3 entries",
    );
    expect(translate("en", "contest.attemptsUsed", { n: 1, max: 3 })).toBe(
      "You have taken part once (at most 3). See “My entries”.",
    );
    expect(translate("vi", "q.count", { n: 1 })).toBe("1 câu hỏi");
  });
});

import { describe, expect, it } from "vitest";
import { metaTitle, translate, type Locale, type Translate } from "./i18n";
import { prizeLabel, prizeName } from "./prize-names";
import { isResidentText, pageTitles } from "./page-messages.server";

/** The matches of a page at `pathname`, the root's data with the titles the root loader gives it. */
const matchesIn = (locale: Locale, pathname = "/login") => [
  { id: "root", data: { locale, titles: pageTitles(locale, pathname) } },
  { id: "routes/login", data: {} },
];
const tIn =
  (locale: Locale): Translate =>
  (key, vars) =>
    translate(locale, key, vars);

describe("metaTitle", () => {
  it("reads the page's title from the root's titles and adds the app's name", () => {
    expect(metaTitle(matchesIn("vi"), "title.login")).toEqual([{ title: "Đăng nhập — Hội Thi" }]);
    expect(metaTitle(matchesIn("en"), "title.login")).toEqual([{ title: "Sign in — Hội Thi" }]);
  });

  it("fills variables, leaves titles that name their area alone, and never repeats the app's name", () => {
    const contest = { contest: "Tìm hiểu CCHC năm 2022" };
    expect(metaTitle(matchesIn("vi"), "title.results", contest, { app: false })).toEqual([
      { title: "Kết quả: Tìm hiểu CCHC năm 2022" },
    ]);
    expect(metaTitle(matchesIn("en"), "title.results", contest, { app: false })).toEqual([
      { title: "Results: Tìm hiểu CCHC năm 2022" },
    ]);
    expect(
      metaTitle(matchesIn("vi", "/committee/contests/1/review"), "title.review", {}, { app: false }),
    ).toEqual([{ title: "Xét kết quả — Hội đồng" }]);
    expect(metaTitle(matchesIn("vi"), "title.home")).toEqual([{ title: "Hội Thi" }]);
  });

  it("falls back to the app's name when the root sent no titles", () => {
    expect(metaTitle([], "title.login")).toEqual([{ title: "Hội Thi" }]);
    expect(metaTitle([{ id: "root", data: undefined }], "title.login")).toEqual([{ title: "Hội Thi" }]);
  });
});

describe("prize names", () => {
  it("translates the standard names, however spelled, and keeps an organiser's own as written", () => {
    const en = tIn("en");
    const vi = tIn("vi");
    expect(["Nhất", "giải nhất", " Nhì ", "Ba", "Khuyến khích"].map((l) => prizeName(en, l))).toEqual([
      "First prize",
      "First prize",
      "Second prize",
      "Third prize",
      "Consolation prize",
    ]);
    expect(prizeName(vi, "Nhất")).toBe("Giải Nhất");
    expect(prizeName(vi, "Khuyến khích")).toBe("Giải Khuyến khích");
    expect(prizeName(vi, "Đặc biệt")).toBe("Giải Đặc biệt");
    expect(prizeName(en, "Giải Đặc biệt")).toBe("Prize “Đặc biệt”");
    expect(prizeLabel(en, "Ba")).toBe("Third");
    expect(prizeLabel(vi, "Ba")).toBe("Ba");
    expect(prizeLabel(en, "Phong trào")).toBe("Phong trào");
    // Residents' pages (the winners page, the contest page) carry these texts.
    for (const key of [
      "prize.first",
      "prize.short.consolation",
      "prize.custom",
      "title.results",
      "title.login",
    ])
      expect(isResidentText(key), key).toBe(true);
  });
});

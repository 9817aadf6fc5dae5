import { describe, expect, it } from "vitest";
import { isMessageKey, translate } from "./i18n";
import { isResidentText, pageMessages, pageTexts, pageTitles } from "./page-messages.server";
import { scanResidentTexts } from "./resident-texts.server";

describe("texts a page carries to the browser", () => {
  it("a residents' page carries the texts its files and the server code behind them name, and no staff text", () => {
    const found = scanResidentTexts();
    // The scan follows imports from every residents' route: the quiz, its models and its components.
    expect(found.files).toBeGreaterThan(30);
    for (const key of ["quiz.saved", "quiz.offline", "error.offline", "answer.invalid", "numbers.range"])
      expect(isResidentText(key), key).toBe(true);
    // A key built at run time (`unitKind.${kind}`) brings its whole prefix.
    expect(found.prefixes).toContain("unitKind");
    expect(isResidentText("unitKind.school")).toBe(true);

    const page = pageMessages("vi", "/attempts/abc");
    expect(page["quiz.saved"]).toBe(translate("vi", "quiz.saved"));
    // The question bank's and the organiser's forms are not on a resident's page.
    for (const key of ["q.title", "import.button", "org.contests"].filter(isMessageKey))
      expect(page[key], key).toBeUndefined();
    const staff = pageMessages("vi", "/organiser/contests");
    expect(Object.keys(page).length).toBeLessThan(Object.keys(staff).length * 0.6);
  });

  it("staff pages carry every text, in the chosen language", () => {
    const staff = pageMessages("en", "/committee/contests/1");
    expect(staff["q.title" as never]).toBe(translate("en", "q.title" as never));
    expect(pageMessages("en", "/judge")["quiz.saved"]).toBe("Saved");
  });

  it("a page load's data carries the page titles only; its texts go beside it as JSON, made once for each language and area", () => {
    const titles = pageTitles("vi", "/attempts/abc");
    expect(titles["title.login"]).toBe(translate("vi", "title.login"));
    expect(Object.keys(titles).every((key) => key.startsWith("title."))).toBe(true);
    // The residents' titles, not the staff's.
    expect(Object.keys(titles).length).toBeLessThan(Object.keys(pageTitles("vi", "/organiser")).length);

    const texts = pageTexts("en", "/contests/x");
    expect(texts.messages).toBe(pageMessages("en", "/contests/x"));
    expect(JSON.parse(texts.json!)).toEqual({ locale: "en", messages: texts.messages });
    expect(pageTexts("en", "/attempts/y")).toBe(texts);
    expect(pageTexts("vi", "/contests/x").locale).toBe("vi");
  });
});

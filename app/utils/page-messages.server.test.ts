import { describe, expect, it } from "vitest";
import { isMessageKey, translate } from "./i18n";
import { isResidentText, pageMessages } from "./page-messages.server";
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
});

import { describe, expect, it } from "vitest";
import { resultFor } from "./use-page-form";

describe("resultFor", () => {
  const answer = { status: "error" as const, initialValue: { intent: "rename", teamId: "4" }, error: {} };
  it("gives an answer to the form whose hidden fields were posted, and to no other", () => {
    expect(resultFor(answer, { intent: "rename", teamId: 4 })).toBe(answer);
    expect(resultFor(answer, { intent: "rename", teamId: 5 })).toBeUndefined();
    expect(resultFor(answer, { intent: "member", teamId: 4 })).toBeUndefined();
  });

  it("a new item's form (no id posted) matches an undefined id; a page with one form takes any answer", () => {
    const added = { status: "error" as const, initialValue: { name: "x" }, error: {} };
    expect(resultFor(added, { partId: undefined })).toBe(added);
    expect(resultFor(answer, { partId: undefined })).toBe(answer);
    expect(resultFor(added, { partId: 3 })).toBeUndefined();
    expect(resultFor(answer)).toBe(answer);
  });
});

import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { RosterSchema } from "./roster";
import { knowledgeMarks, StageLiveSchema } from "./stage-live";
import { PartFormSchema, PartTargetSchema } from "./stage-part";
import { TeamsFormSchema } from "./teams";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("the teams page's forms", () => {
  it("a member's phone is read the Vietnamese way, or refused with a message key", () => {
    const ok = parseWithZod(
      form([
        ["intent", "member"],
        ["teamId", "4"],
        ["phone", "+84 912 345 678"],
      ]),
      {
        schema: TeamsFormSchema,
      },
    );
    expect(ok.status === "success" && ok.value).toEqual({
      intent: "member",
      teamId: 4,
      phone: "0912345678",
      name: "",
    });
    const refused = parseWithZod(
      form([
        ["intent", "member"],
        ["teamId", "4"],
        ["phone", "12345"],
      ]),
      {
        schema: TeamsFormSchema,
      },
    );
    expect(refused.reply().error).toEqual({ phone: ["field.phoneInvalid"] });
  });

  it("a new team may have no name or unit; a name over 120 letters is refused", () => {
    const blank = parseWithZod(
      form([
        ["intent", "create"],
        ["unitId", ""],
        ["name", ""],
      ]),
      {
        schema: TeamsFormSchema,
      },
    );
    expect(blank.status === "success" && blank.value).toEqual({ intent: "create", unitId: null, name: "" });
    const long = parseWithZod(
      form([
        ["intent", "create"],
        ["name", "x".repeat(121)],
      ]),
      { schema: TeamsFormSchema },
    );
    expect(long.reply().error).toEqual({ name: ["teams.nameTooLong"] });
  });
});

describe("the committee roster", () => {
  it("one ticked member is a list; a quorum that is not a number is left to the model (0)", () => {
    const one = parseWithZod(
      form([
        ["member", "7"],
        ["quorum", "x"],
      ]),
      { schema: RosterSchema },
    );
    expect(one.status === "success" && one.value).toEqual({ member: [7], quorum: 0 });
  });
});

describe("the live page", () => {
  it("right answers come as boxes or one radio per question", () => {
    const boxes = parseWithZod(
      form([
        ["intent", "knowledge"],
        ["partId", "2"],
        ["right", "1:5"],
        ["right", "1:6"],
        ["right", "junk"],
      ]),
      { schema: StageLiveSchema },
    );
    expect(boxes.status === "success" && knowledgeMarks(boxes.value)).toEqual({ 1: [5, 6] });
    const buzzer = parseWithZod(
      form([
        ["intent", "knowledge"],
        ["partId", "2"],
        ["right-1", "1:5"],
        ["right-2", "2:6"],
      ]),
      { schema: StageLiveSchema },
    );
    expect(buzzer.status === "success" && knowledgeMarks(buzzer.value)).toEqual({ 1: [5], 2: [6] });
  });
});

describe("a stage part's form", () => {
  it("refuses a number it cannot read, with the message of utils/numbers.ts", () => {
    const typed = parseWithZod(
      form([
        ["name", "Chào hỏi"],
        ["maxScore", "7,5"],
        ["timeLimitMin", "7,5"],
      ]),
      {
        schema: PartFormSchema,
      },
    );
    expect(typed.reply().error).toEqual({ maxScore: [expect.stringMatching(/^numbers\./)] });
  });

  it("a form without an intent saves; an unknown intent or part is refused", () => {
    const save = parseWithZod(form([["partId", "3"]]), { schema: PartTargetSchema });
    expect(save.status === "success" && save.value).toEqual({ intent: "save", partId: 3 });
    expect(parseWithZod(form([["intent", "drop"]]), { schema: PartTargetSchema }).status).toBe("error");
    expect(parseWithZod(form([["partId", "abc"]]), { schema: PartTargetSchema }).status).toBe("error");
  });
});

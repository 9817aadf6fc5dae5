import { parseWithZod } from "@conform-to/zod";
import { describe, expect, test } from "vitest";
import { ProfilePageSchema, ResetWithCodeSchema } from "./own-account";
import { AssistSchema, RegistrationSchema } from "./registration";

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.append(name, value);
  return data;
}

const resident = {
  fullName: "Nguyễn Văn Thử",
  birthYear: "1958",
  phone: "0912 345 678",
  password: "matkhau-an-toan",
  unit: "3",
  consent: "on",
};

describe("the registration schema", () => {
  test("reads a resident's form as the model's input, the phone in its canonical form", () => {
    const submission = parseWithZod(form(resident), { schema: RegistrationSchema });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({
      fullName: "Nguyễn Văn Thử",
      birthYear: 1958,
      phone: "0912345678",
      password: "matkhau-an-toan",
      unitId: 3,
      unitOther: null,
      address: null,
    });
  });

  test("an empty form gets each field's own message key, and the password is never echoed", () => {
    const submission = parseWithZod(form({ password: "ngan" }), { schema: RegistrationSchema });
    const reply = submission.reply({ hideFields: ["password"] });
    expect(reply.error).toEqual({
      fullName: ["field.fullNameInvalid"],
      birthYear: ["field.birthYearInvalid"],
      phone: ["field.phoneInvalid"],
      password: ["field.passwordShort"],
      unit: ["field.unitRequired"],
      consent: ["field.consentRequired"],
    });
    expect(JSON.stringify(reply)).not.toContain("ngan");
  });

  test("'Khác' needs the unit's name, and then no unit id", () => {
    const other = { ...resident, unit: "other" };
    expect(parseWithZod(form(other), { schema: RegistrationSchema }).reply().error).toEqual({
      unitOther: ["field.unitOtherRequired"],
    });
    const named = parseWithZod(form({ ...other, unitOther: "Hội người cao tuổi" }), {
      schema: RegistrationSchema,
    });
    expect(named.status === "success" && named.value).toMatchObject({
      unitId: null,
      unitOther: "Hội người cao tuổi",
    });
  });

  test("assisted entry tells a new resident from an existing one by intent", () => {
    const existing = parseWithZod(form({ intent: "existing", phone: "0912345678" }), {
      schema: AssistSchema,
    });
    expect(existing.reply().error).toEqual({ identityChecked: ["assist.identityRequired"] });
    const registered = parseWithZod(form({ ...resident, intent: "register", unit: "x" }), {
      schema: AssistSchema,
    });
    expect(registered.reply().error).toEqual({ unit: ["field.unitRequired"] });
  });
});

describe("the own-account schemas", () => {
  test("a new password typed twice must match, on the profile page and with a reset code", () => {
    const change = {
      intent: "password",
      current: "cu-mat-khau",
      password: "mat-khau-moi",
      confirm: "mat-khau-khac",
    };
    expect(parseWithZod(form(change), { schema: ProfilePageSchema }).reply().error).toEqual({
      confirm: ["profile.passwordMismatch"],
    });
    const reset = {
      phone: "0912345678",
      code: "1234 5678",
      password: "mat-khau-moi",
      confirm: "mat-khau-moi",
    };
    const submission = parseWithZod(form(reset), { schema: ResetWithCodeSchema });
    expect(submission.status === "success" && submission.value.code).toBe("12345678");
  });

  test("the profile form checks the unit like registration", () => {
    const profile = { intent: "profile", fullName: "Trần Thị Mới", unit: "other" };
    expect(parseWithZod(form(profile), { schema: ProfilePageSchema }).reply().error).toEqual({
      unitOther: ["field.unitOtherRequired"],
    });
  });
});

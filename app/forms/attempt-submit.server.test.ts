import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { answers, attempts, sessions } from "#db/schema";
import { createUnit, createUser, createWard } from "../../tests/factories";
import { signedInAttempt } from "../../tests/setup/signed-in-attempt";
import { createTestDb } from "../../tests/setup/test-db";
import { createSession } from "~/utils/session.server";
import { attemptSubmit } from "./attempt-submit.server";

let db: Db;
let cookie: string;
let attemptId: string;
let question: { id: number; optionIds: number[] };

beforeEach(async () => {
  ({ db } = await createTestDb());
  ({ attemptId, question, cookie } = await signedInAttempt(db));
});

const submit = (body: unknown, overrides: Partial<Parameters<typeof attemptSubmit>[1]> = {}) =>
  attemptSubmit(db, { method: "POST", cookie, attemptId, body, now: Date.now(), ...overrides });

async function attempt() {
  const [row] = await db.select().from(attempts).where(eq(attempts.id, attemptId));
  return row;
}

describe("the submit API (POST /api/attempts/:id/submit, Nộp bài)", () => {
  it("submits with the unsent answer kept, the session checked in the same read, and again changes nothing", async () => {
    const reply = await submit({
      unsent: [{ questionId: question.id, optionIds: [question.optionIds[1]], base: 0 }],
    });
    expect(reply).toEqual({ status: 200, json: { ok: true, resultUrl: `/attempts/${attemptId}/result` } });
    const row = await attempt();
    expect(row.status).toBe("submitted");
    expect(row.score).not.toBeNull();
    expect(row.receipt).not.toBeNull();
    const kept = await db.select().from(answers).where(eq(answers.attemptId, attemptId));
    expect(kept.map((a) => [a.questionId, a.selected])).toEqual([[question.id, [question.optionIds[1]]]]);

    // The retry of a submit whose reply was lost.
    expect(await submit({ unsent: [] })).toMatchObject({ status: 200 });
    expect(await attempt()).toEqual(row);
  });

  it("submits without a body too (nothing unsent)", async () => {
    expect(await submit(null)).toMatchObject({ status: 200 });
    expect((await attempt()).status).toBe("submitted");
  });

  it("tells a phone without a live session to sign in, and someone else that the attempt does not exist", async () => {
    expect(await submit({}, { cookie: null })).toMatchObject({
      status: 401,
      json: { error: "auth.required" },
    });
    await db.update(sessions).set({ expiresAt: Date.now() - 1 });
    expect(await submit({})).toMatchObject({ status: 401, json: { error: "auth.required" } });
    expect((await attempt()).status).toBe("open");

    const other = await createUser(db, {
      unitId: (await createUnit(db, { wardId: (await createWard(db)).id })).id,
    });
    const otherCookie = (await createSession(db, other.id, Date.now())).split(";")[0];
    expect(await submit({}, { cookie: otherCookie })).toMatchObject({
      status: 404,
      json: { error: "attempt.notFound" },
    });
    expect(await submit({}, { cookie: otherCookie, attemptId: "not an id" })).toMatchObject({ status: 404 });
    expect((await attempt()).status).toBe("open");
  });

  it("refuses a malformed list of unsent answers without submitting", async () => {
    expect(await submit({ unsent: [{ questionId: "x" }] })).toMatchObject({
      status: 422,
      json: { error: "answer.invalid" },
    });
    expect((await attempt()).status).toBe("open");
  });
});

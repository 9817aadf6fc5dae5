import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { answers, attempts, sessions, users } from "#db/schema";
import { createUser } from "../../tests/factories";
import { signedInAttempt } from "../../tests/setup/signed-in-attempt";
import { createTestDb } from "../../tests/setup/test-db";
import { answerSave } from "./answer-save.server";
import { createSession } from "~/utils/session.server";

let db: Db;
let cookie: string;
let userId: number;
let attemptId: string;
let question: { id: number; optionIds: number[] };

beforeEach(async () => {
  ({ db } = await createTestDb());
  ({ userId, attemptId, question, cookie } = await signedInAttempt(db));
});

const save = (body: unknown, overrides: Partial<Parameters<typeof answerSave>[1]> = {}) =>
  answerSave(db, { method: "POST", cookie, attemptId, body, now: Date.now(), ...overrides });

async function stored() {
  return db
    .select({ selected: answers.selected, version: answers.version })
    .from(answers)
    .where(eq(answers.attemptId, attemptId));
}

describe("the answer API (POST /api/attempts/:id/answers)", () => {
  it("saves the chosen option with the session checked in the same statement, and tells the time left", async () => {
    const reply = await save({ questionId: question.id, optionIds: [question.optionIds[1]], base: 0 });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ ok: true, version: 1 });
    expect((reply.json as { remainingMs: number }).remainingMs).toBeGreaterThan(0);
    expect(await stored()).toEqual([{ selected: [question.optionIds[1]], version: 1 }]);

    // The same save again (a retry whose reply was lost) is acknowledged with the version that holds it.
    const retry = await save({ questionId: question.id, optionIds: [question.optionIds[1]], base: 0 });
    expect(retry).toMatchObject({ status: 200, json: { ok: true, version: 1 } });
  });

  it("orders saves by the server's version, not by any phone's clock: a page that saw an older version hears 409 with the held answer", async () => {
    // Issue 15: a second phone whose clock was behind answered last, heard "saved", and lost (the old
    // request carried seq = Date.now() × 1000; the body now carries only the version the page saw).
    const ahead = await save({ questionId: question.id, optionIds: [question.optionIds[0]], base: 0 });
    expect(ahead.json).toMatchObject({ ok: true, version: 1 });
    // The second phone loaded the page after that save (version 1) and chose again: it wins.
    const last = await save({ questionId: question.id, optionIds: [question.optionIds[1]], base: 1 });
    expect(last).toMatchObject({ status: 200, json: { ok: true, version: 2 } });
    expect(await stored()).toEqual([{ selected: [question.optionIds[1]], version: 2 }]);

    // The first phone, still showing version 1, changes its mind: nothing changes, and it is told what the server holds.
    const stalePage = await save({ questionId: question.id, optionIds: [question.optionIds[2]], base: 1 });
    expect(stalePage.status).toBe(409);
    expect(stalePage.json).toMatchObject({
      error: "answer.conflict",
      version: 2,
      optionIds: [question.optionIds[1]],
    });
    expect(await stored()).toEqual([{ selected: [question.optionIds[1]], version: 2 }]);
  });

  it("asks a phone whose session ended, or was never there, to sign in again, whatever it sent", async () => {
    const answer = { questionId: question.id, optionIds: [question.optionIds[0]], base: 0 };
    expect((await save(answer, { cookie: null })).status).toBe(401);
    expect((await save(answer, { cookie: `${cookie}x` })).status).toBe(401); // a forged signature
    await db.update(sessions).set({ expiresAt: Date.now() - 1 });
    expect(await save(answer)).toEqual({ status: 401, json: { error: "auth.required" } });
    expect((await save({ nonsense: true })).status).toBe(401);
    expect((await save(answer, { attemptId: "../../etc" })).status).toBe(401);
    expect(await stored()).toEqual([]);
  });

  it("refuses a disabled account at once, though its session has not expired", async () => {
    await db.update(users).set({ disabledAt: Date.now() }).where(eq(users.id, userId));
    expect(
      (await save({ questionId: question.id, optionIds: [question.optionIds[0]], base: 0 })).status,
    ).toBe(401);
    expect(await stored()).toEqual([]);
  });

  it("answers 404 for someone else's attempt, 422 for a bad answer and 409 once submitted, saving nothing", async () => {
    const other = await createUser(db, { unitId: null });
    const otherCookie = (await createSession(db, other.id, Date.now())).split(";")[0];
    const answer = { questionId: question.id, optionIds: [question.optionIds[0]], base: 0 };
    expect(await save(answer, { cookie: otherCookie })).toEqual({
      status: 404,
      json: { error: "attempt.notFound" },
    });
    expect((await save(answer, { attemptId: "no-such-attempt" })).status).toBe(404);
    expect((await save({ ...answer, optionIds: [999_999] })).status).toBe(422);
    expect((await save({ ...answer, questionId: 999_999 })).status).toBe(422);
    expect((await save("not an answer")).status).toBe(422);
    expect((await save(answer, { method: "PUT" })).status).toBe(405);
    expect(await stored()).toEqual([]);

    await db.update(attempts).set({ status: "submitted" }).where(eq(attempts.id, attemptId));
    expect(await save(answer)).toEqual({ status: 409, json: { error: "attempt.closed" } });
    expect(await stored()).toEqual([]);
  });

  it("saves the prediction (Dự đoán) through the same session check", async () => {
    expect((await save({ prediction: 1234, base: 0 })).json).toMatchObject({ ok: true, version: 1 });
    const [row] = await db
      .select({ prediction: attempts.prediction })
      .from(attempts)
      .where(eq(attempts.id, attemptId));
    expect(row.prediction).toBe(1234);
    expect((await save({ prediction: 99, base: 1 }, { cookie: null })).status).toBe(401);
    // A page that saw no prediction yet does not replace the one saved from another device.
    expect(await save({ prediction: 7, base: 0 })).toMatchObject({
      status: 409,
      json: { error: "answer.conflict", version: 1, prediction: 1234 },
    });
  });
});

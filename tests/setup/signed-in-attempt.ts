import type { Db } from "#db/client";
import { getAttemptForTaker } from "~/models/attempt-view.server";
import { startAttempt } from "~/models/attempt.server";
import { createSession } from "~/utils/session.server";
import { createContest, createQuestion, createUnit, createUser, createWard } from "../factories";

/**
 * A signed-in resident with an open attempt of 3 questions, as the quiz
 * page's requests (answer saving, submit) start from: the session cookie
 * (`name=value`), the attempt and its first question with its option ids.
 */
export async function signedInAttempt(db: Db) {
  const unit = await createUnit(db, { wardId: (await createWard(db)).id });
  const userId = (await createUser(db, { unitId: unit.id })).id;
  for (let i = 0; i < 3; i++) await createQuestion(db, { category: "CCHC" });
  const contest = await createContest(db, {
    draw: { mode: "category", rules: [{ category: "CCHC", count: 3 }] },
  });
  const now = Date.now();
  const { id: attemptId } = await startAttempt(db, { contest, userId, now });
  const view = await getAttemptForTaker(db, attemptId, userId, now);
  if (view.status !== "open") throw new Error("expected an open attempt");
  const first = view.questions[0];
  const question = { id: first.questionId, optionIds: first.options.map((o) => o.id) };
  const cookie = (await createSession(db, userId, now)).split(";")[0];
  return { userId, attemptId, question, cookie };
}

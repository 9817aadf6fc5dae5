import { parseWithZod } from "@conform-to/zod";
import type { Db } from "#db/client";
import { preparePicture, storePictures, storedPictures } from "~/models/images.server";
import { DomainError } from "~/utils/errors";
import type { Message } from "~/utils/i18n";
import type { Actor } from "~/utils/permissions.server";
import { readForm } from "~/utils/http.server";
import { PICTURE_SLOTS, pictureKeys, QuestionFormSchema, questionInput } from "./question-form";

/**
 * Reads the question form with its pictures: each chosen file is re-encoded
 * and stored at once (so a refused form keeps it: the slot's key comes back
 * to the page), a ticked "remove" drops the slot's picture. Answers conform's
 * submission, the question it describes, and each refused file's problem
 * as a field error of its slot (`<slot>Key`).
 */
export async function readQuestionForm(db: Db, request: Request, actor: Actor) {
  const form = await readForm(request);
  const pictureErrors: Record<string, Message[]> = {};
  for (const slot of PICTURE_SLOTS) {
    const file = form.get(slot);
    form.delete(slot);
    if (form.get(`${slot}Remove`)) form.set(`${slot}Key`, "");
    form.delete(`${slot}Remove`);
    if (!(file instanceof File) || file.size === 0) continue;
    try {
      const [stored] = await storePictures(
        db,
        [await preparePicture(new Uint8Array(await file.arrayBuffer()))],
        actor,
      );
      form.set(`${slot}Key`, stored.key);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      pictureErrors[`${slot}Key`] = [error.code];
    }
  }
  const submission = parseWithZod(form, { schema: QuestionFormSchema });
  if (submission.status !== "success") return { submission, input: null, pictureErrors };
  const input = questionInput(submission.value, await storedPictures(db, pictureKeys(submission.value)));
  return { submission, input, pictureErrors };
}

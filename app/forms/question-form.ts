import { z } from "zod";
import type { Picture } from "#db/schema";
import type { QuestionInput } from "~/models/question-bank.server";
import { text } from "./vn-number";

export const QUESTION_KINDS = ["single", "multiple", "true_false"] as const;
export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export const QUESTION_STATUSES = ["active", "retired", "historical"] as const;

/** Option inputs on the form, `option0` … `option5`; `correct` posts the numbers of the right ones. */
export const OPTION_INPUTS = [0, 1, 2, 3, 4, 5] as const;
export const optionField = (i: (typeof OPTION_INPUTS)[number]) => `option${i}` as const;

// One `option<i>` field per input; the cast names the keys the entries build.
const options = Object.fromEntries(OPTION_INPUTS.map((i) => [optionField(i), text])) as Record<
  ReturnType<typeof optionField>,
  typeof text
>;

/**
 * The form's pictures, each a slot: `image` (the prompt's), `option0Image` …
 * A slot posts its file as `<slot>`, the picture it keeps as `<slot>Key`
 * (the server puts an upload's key there), its alternative text as
 * `<slot>Alt`, and `<slot>Remove` when ticked off.
 */
export const PICTURE_SLOTS = [
  "image",
  ...OPTION_INPUTS.map((i) => `${optionField(i)}Image` as const),
] as const;
export type PictureSlot = (typeof PICTURE_SLOTS)[number];

const pictureFields = Object.fromEntries(
  PICTURE_SLOTS.flatMap((slot) => [
    [`${slot}Key`, text],
    [`${slot}Alt`, text],
  ]),
) as Record<`${PictureSlot}Key` | `${PictureSlot}Alt`, typeof text>;

/** The question form (create and edit); the rules of a good question are the model's (validateQuestion). */
export const QuestionFormSchema = z.object({
  code: text,
  /** A category's code (the model checks it is one in use). */
  category: text,
  kind: z.enum(QUESTION_KINDS).catch("single"),
  prompt: text,
  ...options,
  ...pictureFields,
  correct: z.array(z.string()).catch([]),
  explanation: text,
  legalSource: text,
  tags: text,
  difficulty: z.enum(DIFFICULTIES).catch("medium"),
  status: z.enum(QUESTION_STATUSES).catch("active"),
});

export type QuestionFormValues = z.output<typeof QuestionFormSchema>;

/** The stored pictures the form points at, so the server can tell their sizes. */
export function pictureKeys(v: QuestionFormValues) {
  return PICTURE_SLOTS.map((slot) => v[`${slot}Key`]).filter(Boolean);
}

/**
 * The form's values as a question: options left empty are dropped, tags
 * split at commas. `sizes` holds the stored pictures the form points at; a
 * key not among them is dropped.
 */
export function questionInput(
  v: QuestionFormValues,
  sizes: Map<string, { width: number; height: number }> = new Map(),
): QuestionInput {
  const picture = (slot: PictureSlot): Picture | null => {
    const size = sizes.get(v[`${slot}Key`]);
    return size ? { key: v[`${slot}Key`], alt: v[`${slot}Alt`], ...size } : null;
  };
  return {
    code: v.code || null,
    category: v.category,
    kind: v.kind,
    prompt: v.prompt,
    image: picture("image"),
    options: OPTION_INPUTS.map((i) => ({
      text: v[optionField(i)],
      correct: v.correct.includes(String(i)),
      image: picture(`${optionField(i)}Image`),
    })).filter((o) => o.text !== ""),
    explanation: v.explanation || null,
    legalSource: v.legalSource || null,
    tags: v.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    difficulty: v.difficulty,
    status: v.status,
  };
}

/** A saved question as the form's values. */
export function questionFormValues(q: QuestionInput): QuestionFormValues {
  return {
    ...QuestionFormSchema.parse({}),
    ...Object.fromEntries(OPTION_INPUTS.map((i) => [optionField(i), q.options[i]?.text ?? ""])),
    ...Object.fromEntries(
      PICTURE_SLOTS.flatMap((slot, i) => {
        const picture = i === 0 ? q.image : q.options[i - 1]?.image;
        return [
          [`${slot}Key`, picture?.key ?? ""],
          [`${slot}Alt`, picture?.alt ?? ""],
        ];
      }),
    ),
    code: q.code ?? "",
    category: q.category,
    kind: q.kind,
    prompt: q.prompt,
    correct: q.options.flatMap((o, i) => (o.correct ? [String(i)] : [])),
    explanation: q.explanation ?? "",
    legalSource: q.legalSource ?? "",
    tags: q.tags.join(", "),
    difficulty: q.difficulty,
    status: q.status,
  };
}

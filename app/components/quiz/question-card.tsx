import type { OptionSnapshot, Picture } from "#db/schema";
import { useT } from "~/utils/i18n";
import type { SaveState } from "./use-answer-queue";

/** What each save state says (under the question, and for the prediction). */
const SAVE_TEXTS = {
  saved: "quiz.saved",
  saving: "quiz.saving",
  pending: "quiz.pending",
  error: "answer.invalid",
  conflict: "quiz.conflict",
  signedOut: "quiz.signedOut",
} as const;

export function SaveStatus({ state }: { state: SaveState | undefined }) {
  const t = useT();
  // Saved is green, saving (or nothing yet) grey; anything else needs the person's attention.
  const tone =
    state === "saved"
      ? "text-green-800"
      : !state || state === "saving"
        ? "text-slate-600"
        : "text-accent-600";
  return (
    <p aria-live="polite" className={`min-h-7 text-base font-semibold ${tone}`}>
      {state ? `${state === "saved" ? "✓ " : ""}${t(SAVE_TEXTS[state])}` : ""}
    </p>
  );
}

/**
 * A question's or an option's picture at its stored size, scaled down to fit;
 * its alt text is read aloud. (Here, not in a file of its own: on the quiz
 * page a chunk of its own cost more bytes than the picture's code.)
 */
export function PictureImg({ picture, className = "" }: { picture: Picture; className?: string }) {
  return (
    <img
      src={`/images/${picture.key}.webp`}
      alt={picture.alt}
      width={picture.width}
      height={picture.height}
      loading="lazy"
      className={`picture ${className}`}
    />
  );
}

/** One question as a fieldset whose legend starts with "Câu N". */
export function QuestionCard({
  position,
  questionId,
  kind,
  prompt,
  image,
  options,
  selected,
  state,
  onChange,
}: {
  position: number;
  questionId: number;
  kind: "single" | "multiple" | "true_false";
  prompt: string;
  image?: Picture | null;
  options: OptionSnapshot[];
  selected: number[];
  state: SaveState | undefined;
  onChange: (optionIds: number[]) => void;
}) {
  const t = useT();
  const multiple = kind === "multiple";
  return (
    <fieldset
      id={`cau-${position}`}
      className="scroll-mt-28 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <legend className="float-left mb-3 w-full text-xl leading-snug font-semibold">
        <span className="text-brand-700">{t("quiz.question", { n: position })}.</span> {prompt}
        {multiple && !/chọn tất cả/i.test(prompt) ? (
          <span className="mt-1 block text-base font-normal text-slate-700">({t("quiz.multipleHint")})</span>
        ) : null}
      </legend>
      {image ? <PictureImg picture={image} className="clear-both mb-3" /> : null}
      <div className="clear-both flex flex-col gap-2">
        {options.map((option) => {
          const checked = selected.includes(option.id);
          return (
            <label
              key={option.id}
              className={`flex min-h-14 cursor-pointer items-center gap-3 rounded-lg border-2 px-3 py-2 text-lg ${
                checked ? "border-brand-600 bg-brand-50" : "border-slate-300"
              }`}
            >
              <input
                type={multiple ? "checkbox" : "radio"}
                name={`q-${questionId}`}
                value={option.id}
                checked={checked}
                onChange={(event) => {
                  if (!multiple) return onChange([option.id]);
                  onChange(
                    event.target.checked
                      ? [...selected, option.id]
                      : selected.filter((id) => id !== option.id),
                  );
                }}
                className="accent-brand-700 size-6 shrink-0"
              />
              <span>
                {option.text}
                {option.image ? <PictureImg picture={option.image} className="mt-1 block" /> : null}
              </span>
            </label>
          );
        })}
      </div>
      <SaveStatus state={state} />
    </fieldset>
  );
}

import type { MouseEvent, RefObject } from "react";
import { useT } from "~/utils/i18n";

/**
 * The question numbers as links to each question's fieldset (#cau-N). An
 * answered one is filled and carries a ✓; the state is also spoken, so it
 * never rests on colour alone. Plain links: they work before JavaScript.
 */
export function QuestionNavigator({ items }: { items: { position: number; answered: boolean }[] }) {
  const t = useT();
  return (
    <nav aria-labelledby="question-nav-title" className="rounded-xl border border-slate-200 bg-white p-3">
      <h2 id="question-nav-title" className="text-lg font-semibold">
        {t("resident.navTitle")}
      </h2>
      <p className="mb-2 text-base text-slate-700">{t("resident.navHint")}</p>
      <ol className="grid grid-cols-[repeat(auto-fill,minmax(2.75rem,1fr))] gap-2">
        {items.map(({ position, answered }) => (
          <li key={position}>
            <a
              href={`#cau-${position}`}
              data-answered={answered ? "true" : "false"}
              className={`flex min-h-11 min-w-11 items-center justify-center gap-0.5 rounded-lg border-2 text-lg font-semibold tabular-nums ${
                answered
                  ? "border-brand-700 bg-brand-700 text-white"
                  : "border-dashed border-slate-500 bg-white text-slate-900"
              }`}
            >
              <span aria-hidden="true">
                {position}
                {answered ? "✓" : null}
              </span>
              <span className="sr-only">
                {`${t("quiz.question", { n: position })}, ${answered ? t("resident.answered") : t("resident.unanswered")}`}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Moves to a question from inside the modal "Nộp bài" dialog: the dialog is
 * closed first (it would otherwise hand focus back to the submit button and
 * scroll there), then the question is scrolled to and its first choice focused.
 */
export function goToQuestion(event: MouseEvent<HTMLAnchorElement>, dialog: HTMLDialogElement | null) {
  const id = event.currentTarget.hash.slice(1);
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  dialog?.close();
  target.scrollIntoView({ block: "start" });
  const focusable = target.matches("input") ? target : target.querySelector("input");
  focusable?.focus({ preventScroll: true });
}

/** "Bạn chưa trả lời: Câu 4, Câu 5." with each question a link to it. */
export function UnansweredLinks({
  items,
  dialog,
}: {
  items: { href: string; label: string }[];
  dialog: RefObject<HTMLDialogElement>;
}) {
  const t = useT();
  return (
    <>
      {t("resident.unansweredIntro")}{" "}
      {items.map((item, i) => (
        <span key={item.href}>
          {i > 0 ? ", " : null}
          <a
            href={item.href}
            onClick={(event) => goToQuestion(event, dialog.current)}
            className="text-brand-700 inline-flex min-h-11 items-center font-semibold underline underline-offset-4"
          >
            {item.label}
          </a>
        </span>
      ))}
      .
    </>
  );
}

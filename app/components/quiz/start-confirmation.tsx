import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Button, buttonClass } from "~/components/ui/button";
import { useT } from "~/utils/i18n";

/**
 * The second step of "Bắt đầu làm bài": what starting costs (time, attempts
 * left) and the POST that starts the clock. Plain forms, so it works before
 * (or without) JavaScript. An open attempt is resumed without asking.
 */
export function StartConfirmation({
  confirming,
  minutes,
  questionCount,
  attemptsLeft,
  period,
  busy,
  team = null,
}: {
  confirming: boolean;
  minutes: number;
  questionCount: number;
  attemptsLeft: number;
  period: "contest" | "day" | "week";
  busy: boolean;
  /** Entering for this team (the captain's choice): the form says so and the page names it. */
  team?: string | null;
}) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);
  if (!confirming) {
    return (
      <Form method="post">
        <Button disabled={busy} className="w-full sm:w-auto">
          {team ? t("teamEntry.resume", { team }) : t("contest.resume")}
        </Button>
      </Form>
    );
  }
  const summary =
    period === "day"
      ? "resident.confirmSummaryDay"
      : period === "week"
        ? "resident.confirmSummaryWeek"
        : "resident.confirmSummary";
  return (
    <section
      aria-labelledby="start-confirm-title"
      className="border-brand-700 flex flex-col gap-3 rounded-xl border-2 bg-white p-4 shadow-sm"
    >
      <h2 id="start-confirm-title" ref={heading} tabIndex={-1} className="text-2xl font-bold">
        {t("resident.confirmTitle")}
      </h2>
      <p className="text-brand-800 text-2xl font-bold">{t(summary, { minutes, n: attemptsLeft })}</p>
      <p className="text-lg">
        {questionCount ? `${t("resident.confirmQuestions", { n: questionCount })} ` : ""}
        {t("resident.confirmUses")}
      </p>
      <p className="text-lg">{t("resident.confirmClock")}</p>
      {team ? <p className="text-lg font-semibold">{t("teamEntry.confirmFor", { team })}</p> : null}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Form method="post" className="contents">
          {team ? <input type="hidden" name="cho" value="doi" /> : null}
          <Button disabled={busy} className="w-full sm:w-auto">
            {team ? t("teamEntry.startFor", { team }) : t("contest.start")}
          </Button>
        </Form>
        <Link to="." replace preventScrollReset className={buttonClass("secondary", "w-full sm:w-auto")}>
          {t("resident.confirmBack")}
        </Link>
      </div>
    </section>
  );
}

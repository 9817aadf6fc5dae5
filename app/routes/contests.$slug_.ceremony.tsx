import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import { announcedResults } from "~/models/results.server";
import { db } from "~/utils/db.server";
import { formatMoney, formatNumber } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { metaTitle, useLocale, useT } from "~/utils/i18n";
import { prizeName } from "~/utils/prize-names";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export const handle = { bare: true };

type Step = {
  category: "collective" | "team" | "individual";
  prize: string;
  name: string;
  amount: number;
  unit?: string | null;
  score?: number;
  participants?: number;
  entries?: number;
};

export async function loader({ params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const { contest, winners } = await orHttpError(() => announcedResults(db, slug));
  // From the last prize up to the first: for each prize level, collective winners then teams then individuals.
  const levels = [
    ...new Set([...winners.collective, ...winners.teams, ...winners.individual].map((w) => w.prizeRank)),
  ].sort((a, b) => b - a);
  const steps: Step[] = [];
  for (const level of levels) {
    for (const w of winners.collective.filter((x) => x.prizeRank === level).reverse()) {
      steps.push({
        category: "collective",
        prize: w.prize,
        name: w.name,
        participants: w.participants,
        entries: w.entries,
        amount: w.amount,
      });
    }
    for (const w of winners.teams.filter((x) => x.prizeRank === level).reverse()) {
      steps.push({ category: "team", prize: w.prize, name: w.name, unit: w.unit, amount: w.amount });
    }
    for (const w of winners.individual.filter((x) => x.prizeRank === level).reverse()) {
      steps.push({
        category: "individual",
        prize: w.prize,
        name: w.name,
        unit: w.unit,
        score: w.score,
        amount: w.amount,
      });
    }
  }
  return { title: contest.title, wardName: contest.wardName, steps };
}

export default function Ceremony() {
  const { title, wardName, steps } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [shown, setShown] = useState(0);
  const next = useCallback(() => setShown((n) => Math.min(n + 1, steps.length + 1)), [steps.length]);
  const back = useCallback(() => setShown((n) => Math.max(n - 1, 0)), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ([" ", "ArrowRight", "Enter", "PageDown"].includes(e.key)) {
        e.preventDefault();
        next();
      } else if (["ArrowLeft", "PageUp", "Backspace"].includes(e.key)) back();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [next, back]);
  const step = shown >= 1 && shown <= steps.length ? steps[shown - 1] : null;
  return (
    // Keys are handled on the window (above), so the presenter's click anywhere is a second way, not the only one.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
    <main
      className="bg-brand-800 flex min-h-screen cursor-pointer flex-col items-center justify-center gap-8 p-8 text-center text-white"
      onClick={next}
    >
      <p className="text-brand-100 text-2xl md:text-4xl">{wardName}</p>
      <h1 className="max-w-5xl text-3xl font-bold md:text-5xl">{title}</h1>
      <div aria-live="polite" className="flex min-h-[40vh] flex-col items-center justify-center gap-4">
        {step ? (
          <>
            <p className="text-3xl text-amber-300 md:text-5xl">
              {step.category === "collective"
                ? t("contest.prizes.collective")
                : step.category === "team"
                  ? t("contest.prizes.team")
                  : t("contest.prizes.individual")}
            </p>
            <p className="text-5xl font-extrabold md:text-7xl" data-testid="ceremony-prize">
              {prizeName(t, step.prize)}
            </p>
            <p className="text-4xl font-bold md:text-7xl" data-testid="ceremony-name">
              {step.name}
            </p>
            <p className="text-2xl md:text-4xl">
              {step.category === "collective"
                ? t("winners.collectiveDetail", {
                    participants: formatNumber(step.participants ?? 0, locale),
                    entries: formatNumber(step.entries ?? 0, locale),
                  })
                : step.category === "team"
                  ? (step.unit ?? "")
                  : `${step.unit ?? ""} · ${t("results.points", { score: formatNumber(step.score ?? 0, locale) })}`}
            </p>
            <p className="text-brand-100 text-2xl md:text-3xl">{formatMoney(step.amount, locale)}</p>
          </>
        ) : shown > steps.length ? (
          <p className="text-4xl font-bold md:text-6xl">{t("ceremony.done")}</p>
        ) : (
          <p className="text-2xl md:text-4xl">{t("ceremony.start")}</p>
        )}
      </div>
      <button
        type="button"
        onClick={(e) => {
          e.stopPropagation();
          next();
        }}
        className="rounded-lg border-2 border-white px-6 py-3 text-xl"
      >
        {t("ceremony.next")} ({Math.min(shown, steps.length)}/{steps.length})
      </button>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? metaTitle(matches, "title.ceremony", { contest: data.title }, { app: false })
    : metaTitle(matches, "title.ceremonyNone", {}, { app: false });

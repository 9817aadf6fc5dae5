import type { Picture } from "#db/schema";
import { PictureImg } from "~/components/quiz/question-card";
import { useT } from "~/utils/i18n";
import { formatClock } from "~/utils/stage-time";
import { useRunningSeconds } from "./running-clock";

/** What the projector may show of the knowledge round (projectorKnowledge in stage-knowledge.server.ts). */
export type ProjectedKnowledge = {
  partName: string;
  no: number;
  of: number;
  seconds: number;
  shownAt: number;
  question: {
    prompt: string;
    image: Picture | null;
    options: { letter: string; text: string; image: Picture | null; correct?: boolean }[];
  } | null;
  answer: { explanation: string | null; rightTeams: string[] } | null;
};

/**
 * Type sizes by how much there is to read: a long question with four options,
 * a picture and, once revealed, its explanation still fits 1280×720.
 */
function sizes(q: NonNullable<ProjectedKnowledge["question"]>) {
  const text = q.prompt.length + q.options.reduce((n, o) => n + o.text.length, 0) + (q.image ? 150 : 0);
  if (text > 300) return { prompt: "text-2xl", option: "text-xl" };
  return { prompt: q.prompt.length > 150 ? "text-3xl" : "text-4xl", option: "text-2xl" };
}

/**
 * The knowledge round on the projector, instead of the board while the MC
 * has a question on it: "Câu N/M", the question and its options lettered
 * A, B, C…, the answer time counting down from the server's start, and once
 * the MC reveals it the right option(s), the explanation and the teams that
 * answered right. A question read from paper shows its number and the time.
 */
export function ProjectorKnowledge({ knowledge: k, at }: { knowledge: ProjectedKnowledge; at: number }) {
  const t = useT();
  const q = k.question;
  return (
    <section
      aria-label={`${k.partName} — ${t("stageKnowledge.questionOf", { n: k.no, of: k.of })}`}
      className="mx-auto mt-2 flex max-w-6xl flex-col gap-3"
    >
      <div className="flex items-center justify-between gap-4 rounded-xl bg-white/10 px-4 py-1">
        <h2 className="text-3xl font-bold">
          <span className="text-brand-100 font-semibold">{k.partName} · </span>
          {t("stageKnowledge.questionOf", { n: k.no, of: k.of })}
        </h2>
        {k.answer ? (
          <RightTeams teams={k.answer.rightTeams} />
        ) : (
          <Countdown key={k.shownAt} shownAt={k.shownAt} seconds={k.seconds} at={at} />
        )}
      </div>
      {q ? (
        <div className={q.image ? "grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)] gap-6" : ""}>
          <div className="flex min-w-0 flex-col gap-3">
            <p className={`${sizes(q).prompt} leading-snug font-semibold`}>{q.prompt}</p>
            {/* Room above each row for the "✓ Đáp án đúng" tag on an option's top edge. */}
            <ol className="mt-3 grid grid-cols-2 gap-x-2 gap-y-6">
              {q.options.map((o) => (
                <Option key={o.letter} option={o} revealed={Boolean(k.answer)} size={sizes(q).option} />
              ))}
            </ol>
          </div>
          {q.image ? (
            <div className="flex min-w-0 flex-col items-center gap-3">
              <PictureImg picture={q.image} className="max-h-[18rem] w-auto bg-white" />
              {k.answer?.explanation ? <Explanation text={k.answer.explanation} /> : null}
            </div>
          ) : null}
        </div>
      ) : (
        <p className="text-brand-100 text-center text-3xl">{t("stageKnowledge.fromPaper")}</p>
      )}
      {k.answer?.explanation && !q?.image ? <Explanation text={k.answer.explanation} /> : null}
    </section>
  );
}

function Option({
  option,
  revealed,
  size,
}: {
  option: NonNullable<ProjectedKnowledge["question"]>["options"][number];
  revealed: boolean;
  size: string;
}) {
  const t = useT();
  const tone = option.correct
    ? "border-amber-300 bg-amber-300 text-black"
    : revealed
      ? "border-white/20 opacity-60"
      : "border-white/40";
  return (
    <li className={`relative flex items-start gap-3 rounded-xl border-4 px-3 py-1.5 ${size} ${tone}`}>
      <span className="font-extrabold">{option.letter}.</span>
      <span className="min-w-0 flex-1">
        {option.text}
        {option.image ? <PictureImg picture={option.image} className="mt-1 block max-h-24 w-auto" /> : null}
      </span>
      {option.correct ? (
        <span className="absolute -top-5 right-3 rounded bg-black px-2 text-base font-bold text-amber-300">
          {t("stageKnowledge.right")}
        </span>
      ) : null}
    </li>
  );
}

/** Revealed with the answer, in the bar where the countdown ran. */
function RightTeams({ teams }: { teams: string[] }) {
  const t = useT();
  return (
    <p className="text-right text-2xl font-bold text-amber-300">
      {teams.length
        ? t("stageKnowledge.rightTeams", { teams: teams.join(", ") })
        : t("stageKnowledge.noRightTeams")}
    </p>
  );
}

function Explanation({ text }: { text: string }) {
  const t = useT();
  return (
    <p className="line-clamp-4 w-full rounded-xl bg-white/10 px-4 py-2 text-lg">
      <span className="font-bold">{t("stageKnowledge.explanation")}: </span>
      {text}
    </p>
  );
}

/** The answer time left, from the server's start (the projector's own clock may be off); "Hết giờ" at 0. */
function Countdown({ shownAt, seconds, at }: { shownAt: number; seconds: number; at: number }) {
  const t = useT();
  const left = Math.max(0, seconds - useRunningSeconds(shownAt, at));
  return (
    <span
      role="timer"
      aria-label={t("stageKnowledge.timer")}
      className={`font-mono text-5xl font-extrabold tabular-nums ${left > 5 ? "text-amber-300" : "text-red-300"}`}
    >
      {left > 0 ? formatClock(left) : t("stageKnowledge.timeUp")}
    </span>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { QuestionCard, SaveStatus } from "~/components/quiz/question-card";
import { QuestionNavigator, UnansweredLinks } from "~/components/quiz/question-navigator";
import { takeEarlyInput } from "~/components/early-input";
import { clearStoredAnswers, useAnswerQueue } from "~/components/quiz/use-answer-queue";
import { pageRemainingMs, rememberDeadline } from "~/components/quiz/attempt-clock";
import { Button } from "~/components/ui/button";
import { Alert, FieldError } from "~/components/ui/alert";
import { getAttemptForTaker } from "~/models/attempt-view.server";
import { submitWithUnsent } from "~/models/attempt.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatClock } from "~/utils/format";
import { AttemptParamsSchema, UnsentSchema } from "~/utils/attempt-schemas";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";
import { parseVnNumber } from "~/utils/numbers";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text || "[]");
  } catch {
    return null;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id } = parseParams(AttemptParamsSchema, params);
  const user = await requireUser(request);
  const view = await orHttpError(() => getAttemptForTaker(db, id, user.id, Date.now()));
  if (view.status === "submitted") throw redirect(`/attempts/${id}/result`);
  // When this page was made: a copy the phone kept offline (app shell) must not restart the clock.
  return { ...view, servedAt: Date.now() };
}

/**
 * "Nộp bài". Answers the browser could not send yet ride along and are saved
 * first; without JavaScript the form's own radio buttons are saved as chosen
 * on no saved version, so they never overwrite an answer already saved.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { id } = parseParams(AttemptParamsSchema, params);
  const user = await requireUser(request);
  const form = await readForm(request);
  const now = Date.now();
  const unsent = UnsentSchema.safeParse(parseJson(String(form.get("unsent") ?? "[]")));
  const fromForm = new Map<number, number[]>();
  for (const [name, value] of form) {
    const match = /^q-(\d+)$/.exec(name);
    if (match && /^\d+$/.test(String(value))) {
      const qid = Number(match[1]);
      fromForm.set(qid, [...(fromForm.get(qid) ?? []), Number(value)]);
    }
  }
  const prediction = parseVnNumber(String(form.get("prediction") ?? ""), { max: 1_000_000_000 });
  const unsentItems = [
    ...(prediction.ok ? [{ prediction: prediction.value, base: 0 }] : []),
    // Chosen on no known version: they never replace an answer already saved (decision 006).
    ...[...fromForm].map(([questionId, optionIds]) => ({ questionId, optionIds, base: 0 })),
    ...(unsent.success ? unsent.data : []),
  ];
  await orHttpError(() => submitWithUnsent(db, { attemptId: id, userId: user.id, unsent: unsentItems, now }));
  return redirect(`/attempts/${id}/result`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default function AttemptPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const {
    navigation,
    dialog,
    submitState,
    selected,
    setSelected,
    prediction,
    setPrediction,
    predictionProblem,
    setPredictionProblem,
    remaining,
    queue,
    finalSubmit,
  } = useAttempt(data);

  return (
    <div className="flex flex-col gap-4">
      <QuizBar questions={data.questions} selected={selected} remaining={remaining} />
      <QueueNotice attemptId={data.id} queue={queue} submitState={submitState} />
      <QuizTitle practice={data.practice} contestTitle={data.contestTitle} />
      {remaining <= 0 ? <Alert tone="info">{t("quiz.timeUp")}</Alert> : null}
      <QuestionNavigator
        items={data.questions.map((q) => ({
          position: q.position,
          answered: (selected[q.questionId] ?? []).length > 0,
        }))}
      />
      {/* data-early-input: taps before the script has run are kept (app/components/early-input.ts). */}
      <Form
        method="post"
        data-early-input
        className="flex flex-col gap-4"
        onSubmit={(e) => e.preventDefault()}
      >
        {data.questions.map((q) => (
          <QuestionCard
            key={q.questionId}
            {...q}
            selected={selected[q.questionId] ?? []}
            state={queue.states[`q:${q.questionId}`]}
            onChange={(optionIds) => {
              setSelected((s) => ({ ...s, [q.questionId]: optionIds }));
              queue.save(`q:${q.questionId}`, { questionId: q.questionId, optionIds });
            }}
          />
        ))}
        {data.predictionPrompt ? (
          <PredictionField
            prompt={data.predictionPrompt}
            prediction={prediction}
            setPrediction={setPrediction}
            predictionProblem={predictionProblem}
            setPredictionProblem={setPredictionProblem}
            queue={queue}
          />
        ) : null}
        {/* Before the script has run this posts the form as it is; afterwards it asks first. */}
        <SubmitButton busy={navigation.state !== "idle"} dialog={dialog} />
      </Form>
      <SubmitDialog
        questions={data.questions}
        selected={selected}
        predictionPrompt={data.predictionPrompt}
        prediction={prediction}
        dialog={dialog}
        submitState={submitState}
        busy={navigation.state !== "idle"}
        finalSubmit={finalSubmit}
      />
    </div>
  );
}

/**
 * The page's state and effects, kept whole: the answer queue, the clock and its resync, the taps
 * made before the script ran, and the submit that retries while offline.
 */
function useAttempt(data: AttemptData) {
  const navigate = useNavigate();
  const navigation = useNavigation();
  const dialog = useRef<HTMLDialogElement>(null);
  const submitting = useRef(false);
  const [submitState, setSubmitState] = useState<"idle" | "submitting" | "retrying">("idle");
  const [selected, setSelected] = useState<Record<number, number[]>>(() =>
    Object.fromEntries(data.answers.map((a) => [a.questionId, a.selected])),
  );
  const [prediction, setPrediction] = useState(data.prediction === null ? "" : String(data.prediction));
  const [predictionProblem, setPredictionProblem] = useState<string | null>(null);
  const [clock, setClock] = useState({ ms: data.remainingMs, at: 0 });
  const [remaining, setRemaining] = useState(data.remainingMs);

  // Each answer's version on the server: a save replaces the version this page saw (decision 006).
  const versions: Record<string, number> = {
    ...Object.fromEntries(data.answers.map((a) => [`q:${a.questionId}`, a.version])),
    prediction: data.predictionVersion,
  };
  const queue = useAnswerQueue(data.id, versions, {
    // Submitted on another device, or its time ran out: the result page says it is closed.
    onClosed: () => navigate(`/attempts/${data.id}/result?closed=1`),
    onRemaining: (ms) => {
      rememberDeadline(data, ms);
      setClock({ ms, at: performance.now() });
    },
    // Another device or tab saved since, or this device kept a newer answer or choice than the
    // page's: show it (SaveStatus says why when the server refused this page's save).
    onShow: (key, item) => {
      if (key === "prediction") setPrediction(item.prediction == null ? "" : String(item.prediction));
      else if (item.optionIds) setSelected((s) => ({ ...s, [Number(key.slice(2))]: item.optionIds! }));
    },
  });

  const { save } = queue;
  const { id, remainingMs, servedAt } = data;
  useEffect(() => {
    setClock({ ms: pageRemainingMs({ id, remainingMs, servedAt }), at: performance.now() });
    // Taps made before the page's script had run (a slow phone): queued like any other choice.
    for (const [name, values] of takeEarlyInput()) {
      const question = /^q-(\d+)$/.exec(name);
      if (question) {
        const questionId = Number(question[1]);
        const optionIds = values.map(Number);
        setSelected((s) => ({ ...s, [questionId]: optionIds }));
        save(`q:${questionId}`, { questionId, optionIds });
      } else if (name === "prediction") {
        setPrediction(values[0] ?? "");
        const parsed = parseVnNumber(values[0] ?? "", { max: 1_000_000_000 });
        if (parsed.ok) save("prediction", { prediction: parsed.value });
      }
    }
  }, [id, remainingMs, servedAt, save]);

  /**
   * Submits through the JSON endpoint and keeps retrying while the network is
   * down; the unsent answers stay in the browser until the server has them.
   */
  function finalSubmit() {
    if (submitting.current) return;
    submitting.current = true;
    setSubmitState("submitting");
    void (async () => {
      await Promise.race([queue.flush(), sleep(3000)]);
      for (let delay = 1000; ; delay = Math.min(delay * 2, 15_000)) {
        try {
          const response = await fetch(`/api/attempts/${data.id}/submit`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ unsent: queue.unsent() }),
          });
          if (response.status === 401)
            return window.location.assign(`/login?redirectTo=${encodeURIComponent(location.pathname)}`);
          // Anything but a server or network failure is final: the result page tells what happened.
          if (response.status < 500 && response.status !== 429) {
            clearStoredAnswers(data.id);
            return navigate(`/attempts/${data.id}/result`);
          }
        } catch {
          // Offline: try again below.
        }
        setSubmitState("retrying");
        await sleep(delay);
      }
    })();
  }

  useEffect(() => {
    const tick = () => {
      const left = Math.max(0, clock.ms - (performance.now() - clock.at));
      setRemaining(left);
      if (left <= 0) finalSubmit();
    };
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
    // The tick restarts only when the clock is set again; finalSubmit runs once (submitting ref) and
    // reads the queue, which is stable, so the first render's copy is the one wanted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clock]);

  // A phone waking from sleep may have paused timers: ask the server for the real time left.
  useEffect(() => {
    const resync = async () => {
      if (document.visibilityState !== "visible") return;
      const response = await fetch(`/api/attempts/${data.id}/answers`).catch(() => null);
      if (!response?.ok) return;
      const json = (await response.json()) as { status: string; remainingMs: number };
      if (json.status !== "open") navigate(`/attempts/${data.id}/result?closed=1`);
      else {
        rememberDeadline(data, json.remainingMs);
        setClock({ ms: json.remainingMs, at: performance.now() });
      }
    };
    document.addEventListener("visibilitychange", resync);
    return () => document.removeEventListener("visibilitychange", resync);
  }, [data, navigate]);

  return {
    navigation,
    dialog,
    submitState,
    selected,
    setSelected,
    prediction,
    setPrediction,
    predictionProblem,
    setPredictionProblem,
    remaining,
    queue,
    finalSubmit,
  };
}

type AttemptData = Awaited<ReturnType<typeof loader>>;
type Attempt = ReturnType<typeof useAttempt>;

/** The sticky bar: questions answered and the time left. */
function QuizBar({
  questions,
  selected,
  remaining,
}: { questions: AttemptData["questions"] } & Pick<Attempt, "selected" | "remaining">) {
  const t = useT();
  const answeredCount = questions.filter((q) => (selected[q.questionId] ?? []).length > 0).length;
  const lowTime = remaining < 60_000;
  return (
    <div className="sticky top-0 z-10 -mx-4 flex items-center justify-between gap-3 border-b border-slate-200 bg-white/95 px-4 py-2 shadow-sm">
      <div>
        <p className="text-base text-slate-700">
          {t("quiz.progress", { n: answeredCount, total: questions.length })}
        </p>
        <p className="sr-only">{t("quiz.timer")}</p>
      </div>
      <div
        role="timer"
        aria-label={t("quiz.timer")}
        className={`rounded-lg px-3 py-1 text-3xl font-bold tabular-nums ${lowTime ? "text-accent-600 bg-red-100" : "text-brand-800"}`}
      >
        {formatClock(remaining)}
      </div>
    </div>
  );
}

/** Signed out, offline (or a submit retrying), or the server busy: said above the questions. */
function QueueNotice({
  attemptId,
  queue,
  submitState,
}: { attemptId: AttemptData["id"] } & Pick<Attempt, "queue" | "submitState">) {
  const t = useT();
  const notice = queue.signedOut ? (
    <Alert>
      {t("quiz.signedOut")}{" "}
      <a
        className="font-semibold underline"
        href={`/login?redirectTo=${encodeURIComponent(`/attempts/${attemptId}`)}`}
      >
        {t("quiz.signInAgain")}
      </a>
    </Alert>
  ) : queue.offline || submitState === "retrying" ? (
    <Alert>{t(submitState === "retrying" ? "quiz.submitRetry" : "quiz.offline")}</Alert>
  ) : queue.busy ? (
    <Alert tone="info">{t("quiz.busy")}</Alert>
  ) : null;
  return notice && <div className="sticky top-16 z-10">{notice}</div>;
}

/** The contest's name, marked as practice when it is one. */
function QuizTitle({ practice, contestTitle }: Pick<AttemptData, "practice" | "contestTitle">) {
  const t = useT();
  return practice ? (
    <>
      <h1 className="text-2xl font-bold">
        {t("practice.quizTitle")}: {contestTitle}
      </h1>
      <div role="note" className="rounded-xl border-2 border-dashed border-amber-600 bg-amber-50 p-3 text-lg">
        {t("practice.banner")}
      </div>
    </>
  ) : (
    <h1 className="text-2xl font-bold">{contestTitle}</h1>
  );
}

/** The tie-break prediction: a number, checked and saved as it is typed. */
function PredictionField({
  prompt,
  prediction,
  setPrediction,
  predictionProblem,
  setPredictionProblem,
  queue,
}: { prompt: string } & Pick<
  Attempt,
  "prediction" | "setPrediction" | "predictionProblem" | "setPredictionProblem" | "queue"
>) {
  const t = useT();
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-2 text-xl font-semibold">{t("quiz.predictionTitle")}</h2>
      <p className="mb-2 text-lg">{prompt}</p>
      <label htmlFor="prediction" className="text-lg font-semibold">
        {t("quiz.prediction")}
      </label>
      <input
        id="prediction"
        name="prediction"
        inputMode="numeric"
        maxLength={20}
        value={prediction}
        aria-invalid={predictionProblem ? true : undefined}
        aria-describedby={predictionProblem ? "prediction-problem" : undefined}
        onChange={(e) => {
          const value = e.target.value;
          setPrediction(value);
          // "1.500" and "1500" are the same; "7,5" is refused with a message, never saved as 75.
          const parsed = parseVnNumber(value, { max: 1_000_000_000 });
          setPredictionProblem(parsed.ok ? null : t(parsed.problem.key, parsed.problem.vars));
          if (parsed.ok) queue.save("prediction", { prediction: parsed.value });
        }}
        className="mt-1 block min-h-12 w-48 rounded-lg border-2 border-slate-400 px-3 text-xl"
      />
      <FieldError id="prediction-problem" error={predictionProblem ?? undefined} />
      <SaveStatus state={queue.states.prediction} />
    </section>
  );
}

/** "Nộp bài": opens the confirmation below instead of posting. */
function SubmitButton({ busy, dialog }: Pick<Attempt, "dialog"> & { busy: boolean }) {
  const t = useT();
  return (
    <Button
      type="submit"
      className="w-full"
      disabled={busy}
      onClick={(event) => {
        event.preventDefault();
        dialog.current?.showModal();
      }}
    >
      {t("quiz.submit")}
    </Button>
  );
}

/** "Nộp bài?": the questions still unanswered, then submit or go back. */
function SubmitDialog({
  questions,
  selected,
  predictionPrompt,
  prediction,
  dialog,
  submitState,
  busy,
  finalSubmit,
}: Pick<AttemptData, "questions" | "predictionPrompt"> &
  Pick<Attempt, "selected" | "prediction" | "dialog" | "submitState" | "finalSubmit"> & { busy: boolean }) {
  const t = useT();
  const unanswered = questions
    .filter((q) => (selected[q.questionId] ?? []).length === 0)
    .map((q) => ({ href: `#cau-${q.position}`, label: t("quiz.question", { n: q.position }) }));
  if (predictionPrompt && prediction.trim() === "")
    unanswered.push({ href: "#prediction", label: t("quiz.predictionMissing") });
  return (
    <dialog
      ref={dialog}
      aria-labelledby="confirm-title"
      className="m-auto w-[min(32rem,92vw)] rounded-xl p-5"
    >
      <h2 id="confirm-title" className="mb-3 text-2xl font-bold">
        {t("quiz.confirmTitle")}
      </h2>
      <p className="mb-2 text-lg">
        {unanswered.length ? <UnansweredLinks items={unanswered} dialog={dialog} /> : t("quiz.confirmAll")}
      </p>
      <p className="mb-4 text-lg">{t("quiz.confirmNote")}</p>
      {submitState !== "idle" ? (
        <p role="status" className="text-brand-800 mb-4 text-lg font-semibold">
          {submitState === "retrying" ? t("quiz.submitRetry") : t("quiz.submitting")}
        </p>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button type="button" onClick={finalSubmit} disabled={busy || submitState !== "idle"}>
          {t("quiz.confirmYes")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
          {t("quiz.confirmNo")}
        </Button>
      </div>
    </dialog>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? metaTitle(matches, "title.attempt", { contest: data.contestTitle })
    : metaTitle(matches, "title.home");

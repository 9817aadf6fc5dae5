import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { useScoreOutbox, type OutboxState } from "~/components/stage/use-score-outbox";
import { Button } from "~/components/ui/button";
import { Alert, FieldError } from "~/components/ui/field";
import { judgeBoard, saveJudgeScore } from "~/models/stage-judging.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { formatNumber } from "~/utils/format";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useLocale, useT, metaTitle } from "~/utils/i18n";
import { parseVnNumber, toInputNumber } from "~/utils/numbers";

const ParamsSchema = z.object({
  id: z.coerce.number().int().positive(),
  partId: z.coerce.number().int().positive(),
  teamId: z.coerce.number().int().positive(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const { id, partId, teamId } = parseParams(ParamsSchema, params);
  const board = await orHttpError(() => judgeBoard(db, id, user.id));
  const part = board.parts.find((p) => p.id === partId);
  const index = board.teams.findIndex((t) => t.id === teamId);
  if (!part || index < 0) throw new Response("Not found", { status: 404 });
  const team = board.teams[index];
  if (team.ownUnit) throw new Response("Forbidden", { status: 403 });
  const mine = board.scores.find((s) => s.partId === partId && s.teamId === teamId);
  // The next team this judge may score in the same part, to move on without going back.
  const next = board.teams.slice(index + 1).find((t) => !t.ownUnit);
  return {
    contest: { id, title: board.contest.title },
    // Whose sheet this is: scores kept on a shared tablet are sent as this judge's only.
    judgeId: user.id,
    part: { id: part.id, name: part.name, maxScore: part.maxScore, closed: part.closedAt !== null },
    criteria: part.criteria.length
      ? part.criteria.map((c) => ({ key: String(c.id), name: c.name, maxScore: c.maxScore }))
      : [{ key: "total", name: "", maxScore: part.maxScore }],
    team: { id: team.id, name: team.name, unitName: team.unitName },
    saved: mine ? { values: mine.criteria, comment: mine.comment ?? "" } : null,
    // Who typed this score in from the judge's signed paper sheet, if the secretary did.
    fromPaperBy: mine?.source === "paper" ? (mine.enteredByName ?? "") : null,
    // The version this sheet shows: a save replaces it only (decision 006).
    version: mine?.version ?? 0,
    nextTeamId: next?.id ?? null,
  };
}

/** Without JavaScript the form posts here; with it, scores go through the offline-tolerant outbox. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const { id, partId, teamId } = parseParams(ParamsSchema, params);
  const form = await readForm(request);
  const values: Record<string, number> = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("score-")) continue;
    const parsed = parseVnNumber(String(value), SCORE);
    if (!parsed.ok) return { error: parsed.problem.key, vars: parsed.problem.vars };
    values[key.slice(6)] = parsed.value ?? Number.NaN;
  }
  try {
    const result = await saveJudgeScore(db, {
      contestId: id,
      partId,
      teamId,
      judge: user,
      values,
      comment: String(form.get("comment") ?? ""),
      base: Number(form.get("base") ?? 0) || 0,
    });
    if (result.outcome === "conflict") return { error: "judge.scoreConflict" as const };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.code };
    throw error;
  }
  return redirect(`/judge/contests/${id}`);
}

/** Scores take one decimal: "8,5" or "8.5". The maximum is the model's check, with its own message. */
const SCORE = { decimals: 1 };

/**
 * The sheet's boxes, total and problems, and its save through the outbox
 * (which keeps the score on the phone until the server has it).
 */
function useScoreSheet(data: Awaited<ReturnType<typeof loader>>) {
  const t = useT();
  const { part, team, criteria } = data;
  const initial = Object.fromEntries(
    criteria.map((c) => [c.key, data.saved ? toInputNumber((data.saved.values[c.key] ?? 0) / 10) : ""]),
  );
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [comment, setComment] = useState(data.saved?.comment ?? "");
  const version = useRef(data.version);
  const outbox = useScoreOutbox(data.contest.id, data.judgeId, (_key, reply) => {
    version.current = reply.version;
    // Another phone saved since this sheet loaded: show the score the server holds.
    if (reply.held) {
      const held = reply.held;
      setValues(
        Object.fromEntries(criteria.map((c) => [c.key, toInputNumber((held.values[c.key] ?? 0) / 10)])),
      );
      setComment(held.comment);
    }
  });
  const key = `${part.id}:${team.id}`;
  const state = outbox.states[key] ?? { kind: "idle" };
  // A score this phone keeps unsent (saved offline, then reloaded or come back to) is the sheet's
  // newest: it shows, not the older one the page was served with. Read after hydration (the phone's storage).
  useEffect(() => {
    const kept = outbox.kept(key);
    if (!kept) return;
    setValues(Object.fromEntries(criteria.map((c) => [c.key, toInputNumber(kept.values[c.key] ?? 0)])));
    setComment(kept.comment);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the sheet opens
  }, []);
  const parsed = Object.fromEntries(
    criteria.map((c) => [c.key, parseVnNumber(values[c.key], { ...SCORE, max: c.maxScore })]),
  );
  const numeric = (key: string) => {
    const p = parsed[key];
    return p.ok && p.value !== null ? p.value : null;
  };
  const total = criteria.reduce((s, c) => s + (numeric(c.key) ?? 0), 0);
  // A problem shows once the judge tries to save, or leaves a box holding something unreadable.
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const problemOf = (key: string) => {
    const p = parsed[key];
    if (!checked[key]) return null;
    if (!p.ok) return t(p.problem.key, p.problem.vars);
    return p.value === null ? t("judge.scoreEmpty") : null;
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(Object.fromEntries(criteria.map((c) => [c.key, true])));
    // The first box without a readable score takes the focus; its message is under it.
    const wrong = criteria.find((c) => numeric(c.key) === null);
    if (wrong) {
      document.getElementById(`score-${wrong.key}`)?.focus();
      return;
    }
    const form = new FormData(event.currentTarget);
    outbox.save({
      partId: part.id,
      teamId: team.id,
      // Every box holds a score by now (checked above).
      values: Object.fromEntries(criteria.map((c) => [c.key, numeric(c.key)!])),
      comment: String(form.get("comment") ?? ""),
      base: version.current,
    });
  }

  /** The judge types in a box or moves its slider: its problem waits for the judge to leave it. */
  function type(key: string, text: string) {
    setValues((v) => ({ ...v, [key]: text }));
    setChecked((v) => ({ ...v, [key]: false }));
  }
  const leave = (key: string) => setChecked((v) => ({ ...v, [key]: values[key].trim() !== "" }));
  return { values, comment, setComment, state, numeric, total, problemOf, type, leave, onSubmit };
}

/**
 * One sheet per team: "Đội tiếp theo →" and the Back button open the same route for another team,
 * whose sheet starts from that team's own score, never from the boxes of the one before.
 */
export default function ScoreTeam() {
  const data = useLoaderData<typeof loader>();
  return <ScoreSheet key={`${data.part.id}:${data.team.id}`} data={data} />;
}

function ScoreSheet({ data }: { data: Awaited<ReturnType<typeof loader>> }) {
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const { part, team, criteria } = data;
  const { values, comment, setComment, state, numeric, total, problemOf, type, leave, onSubmit } =
    useScoreSheet(data);

  return (
    <div className="flex flex-col gap-4">
      <Link to={`/judge/contests/${data.contest.id}`} className="text-brand-700 text-lg underline">
        ← {data.contest.title}
      </Link>
      <h1 className="text-2xl font-bold">
        {team.name}
        <span className="block text-lg font-normal">
          {part.name} — {t("stage.maxPoints", { n: part.maxScore })}
        </span>
      </h1>
      {part.closed ? <Alert>{t("stage.partClosed")}</Alert> : null}
      {data.fromPaperBy !== null ? (
        <Alert tone="info">{t("stagePaper.judgeNotice", { name: data.fromPaperBy })}</Alert>
      ) : null}
      {result?.error ? <Alert>{t(result.error, "vars" in result ? result.vars : undefined)}</Alert> : null}
      <Form
        method="post"
        onSubmit={onSubmit}
        // The app's own messages under the boxes, in the app's language, not the browser's popup.
        noValidate
        className="flex flex-col gap-4"
        aria-label={t("judge.scoreForm")}
      >
        {criteria.map((c) => (
          <CriterionScore
            key={c.key}
            criterion={c}
            text={values[c.key]}
            value={numeric(c.key)}
            problem={problemOf(c.key)}
            disabled={part.closed}
            onText={(text) => type(c.key, text)}
            onLeave={() => leave(c.key)}
          />
        ))}
        <p className="text-xl font-bold" aria-live="polite">
          {t("judge.total", { total: formatNumber(total, locale), max: part.maxScore })}
        </p>
        <label className="flex flex-col gap-1 text-lg font-semibold">
          {t("judge.comment")}
          <textarea
            name="comment"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={1000}
            rows={3}
            className="rounded-lg border-2 border-slate-400 p-2 text-lg font-normal"
            disabled={part.closed}
          />
        </label>
        <input type="hidden" name="base" value={data.version} />
        <SaveState
          state={state}
          signInPath={`/judge/contests/${data.contest.id}/parts/${part.id}/teams/${team.id}`}
        />
        <div className="flex flex-wrap gap-3">
          <Button disabled={part.closed}>{t("judge.save")}</Button>
          {data.nextTeamId ? (
            <Link
              to={`/judge/contests/${data.contest.id}/parts/${part.id}/teams/${data.nextTeamId}`}
              className="text-brand-700 self-center text-lg font-semibold underline"
            >
              {t("judge.nextTeam")}
            </Link>
          ) : null}
        </div>
      </Form>
    </div>
  );
}

type Criterion = Awaited<ReturnType<typeof loader>>["criteria"][number];

/** One criterion: a slider and a box, either sets the score; the box's problem below it. */
function CriterionScore({
  criterion: c,
  text,
  value,
  problem,
  disabled,
  onText,
  onLeave,
}: {
  criterion: Criterion;
  text: string;
  value: number | null;
  problem: string | null;
  disabled: boolean;
  onText: (text: string) => void;
  onLeave: () => void;
}) {
  const t = useT();
  const label = c.name
    ? t("judge.criterion", { name: c.name, max: c.maxScore })
    : t("judge.points", { max: c.maxScore });
  return (
    <div className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white p-3">
      <label htmlFor={`score-${c.key}`} className="text-lg font-semibold">
        {label}
      </label>
      <div className="flex items-center gap-3">
        <input
          type="range"
          min={0}
          max={c.maxScore}
          step={0.5}
          value={value ?? 0}
          onChange={(e) => onText(toInputNumber(Number(e.target.value)))}
          aria-label={t("judge.slider", { label })}
          className="min-h-12 min-w-0 flex-1"
          disabled={disabled}
        />
        <input
          id={`score-${c.key}`}
          name={`score-${c.key}`}
          inputMode="decimal"
          value={text}
          onChange={(e) => onText(e.target.value)}
          onBlur={onLeave}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `score-${c.key}-problem` : undefined}
          className="min-h-12 w-24 rounded-lg border-2 border-slate-400 px-2 text-xl"
          disabled={disabled}
          required
        />
      </div>
      <FieldError id={`score-${c.key}-problem`} error={problem ?? undefined} />
    </div>
  );
}

/** Where the score is: being sent, saved, waiting for the network, refused, or waiting for a sign-in. */
function SaveState({ state, signInPath }: { state: OutboxState; signInPath: string }) {
  const t = useT();
  return (
    <div role="status" className="min-h-7 text-lg">
      {state.kind === "saving" ? t("judge.saving") : null}
      {state.kind === "saved" ? (
        <span className="font-semibold text-green-800">{t("judge.saved")}</span>
      ) : null}
      {state.kind === "pending" ? (
        <span className="text-accent-600 font-semibold">{t("judge.pending")}</span>
      ) : null}
      {state.kind === "refused" ? (
        <span className="text-accent-600 font-semibold">{t(state.error)}</span>
      ) : null}
      {state.kind === "signedOut" ? (
        <span className="text-accent-600 font-semibold">
          {t("judge.signedOut")}{" "}
          <a className="underline" href={`/login?redirectTo=${encodeURIComponent(signInPath)}`}>
            {t("judge.signInAgain")}
          </a>
        </span>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.judgeScore");

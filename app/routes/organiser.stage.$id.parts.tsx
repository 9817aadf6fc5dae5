import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { CRITERIA_ROWS } from "~/forms/stage-form";
import { Button } from "~/components/ui/button";
import { Alert, Field, FieldError, SelectField } from "~/components/ui/field";
import { deletePart, savePart, validatePart, type PartProblems } from "~/models/stage-parts.server";
import { stageScored } from "~/models/contest-amendments.server";
import { stageSetup } from "~/models/stage.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";
import { toInputNumber } from "~/utils/numbers";
import { readPartForm } from "~/forms/stage-form.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
/** Which part a form is about (none: a new one); its fields are read by readPartForm. */
const TargetSchema = z.object({
  intent: z.enum(["save", "delete"]),
  partId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const { contest, parts } = await orHttpError(() => stageSetup(db, id));
  return { contest: { id, title: contest.title }, parts, scored: await stageScored(db, id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const form = await readForm(request);
  const target = TargetSchema.safeParse({
    intent: form.get("intent") ?? "save",
    partId: form.get("partId") ?? "",
  });
  if (!target.success) throw new Response("Bad request", { status: 400 });
  const { intent, partId } = target.data;
  try {
    if (intent === "delete" && partId !== null) {
      await deletePart(db, id, partId, user);
      return { partId, problems: {} as PartProblems, error: null, saved: true };
    }
    const { input, problems: typed } = readPartForm(form);
    // A number that cannot be read as typed is refused, with the model's other problems alongside.
    const problems = Object.keys(typed).length
      ? { ...validatePart(input), ...typed }
      : await savePart(
          db,
          id,
          partId,
          { ...input, reason: String(form.get("amendmentReason") ?? "").slice(0, 1000) },
          user,
        );
    return { partId, problems, error: null, saved: Object.keys(problems).length === 0 };
  } catch (error) {
    if (error instanceof DomainError) return { partId, problems: {}, error: error.code, saved: false };
    throw error;
  }
}

type Part = Awaited<ReturnType<typeof loader>>["parts"][number];

function PartForm({
  part,
  problems,
  scored,
}: {
  part: Part | null;
  problems: PartProblems;
  scored: boolean;
}) {
  const t = useT();
  const [scoring, setScoring] = useState(part?.scoring ?? "judges");
  const criteria = Array.from({ length: CRITERIA_ROWS }, (_, i) => part?.criteria[i] ?? null);
  return (
    <Form method="post" className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2" noValidate>
      {part ? <input type="hidden" name="partId" value={part.id} /> : null}
      <Field label={t("stage.partName")} name="name" defaultValue={part?.name} error={problems.name} />
      <Field
        label={t("stage.maxScore")}
        name="maxScore"
        inputMode="numeric"
        defaultValue={part?.maxScore}
        error={problems.maxScore}
      />
      <SelectField
        label={t("stage.scoring")}
        name="scoring"
        value={scoring}
        onChange={(e) => setScoring(e.target.value === "knowledge" ? "knowledge" : "judges")}
        options={[
          ["judges", t("stage.scoring.judges")],
          ["knowledge", t("stage.scoring.knowledge")],
        ]}
      />
      <label className="flex min-h-12 items-center gap-3 text-lg font-semibold">
        <input type="checkbox" name="isTieBreak" defaultChecked={part?.isTieBreak} className="size-6" />
        {t("stage.isTieBreak")}
      </label>
      <Field
        label={t("stage.timeLimitMin")}
        hint={t("stage.optional")}
        name="timeLimitMin"
        inputMode="decimal"
        defaultValue={part?.timeLimitSec ? toInputNumber(part.timeLimitSec / 60) : ""}
        error={problems.timeLimitSec}
      />
      <Field
        label={t("stage.penaltyPerMin")}
        hint={t("stage.optional")}
        name="overtimePenaltyPerMin"
        inputMode="decimal"
        defaultValue={toInputNumber(part?.overtimePenaltyPerMin)}
        error={problems.overtimePenaltyPerMin}
      />
      {scoring === "knowledge" ? (
        <>
          <Field
            label={t("stage.knowledgeQuestions")}
            name="knowledgeQuestions"
            inputMode="numeric"
            defaultValue={part?.knowledgeQuestions ?? 10}
            error={problems.knowledgeQuestions}
          />
          <Field
            label={t("stage.knowledgePoints")}
            name="knowledgePoints"
            inputMode="numeric"
            defaultValue={part?.knowledgePoints ?? 3}
            error={problems.knowledgePoints}
          />
          <SelectField
            label={t("stage.knowledgeMode")}
            name="knowledgeMode"
            defaultValue={part?.knowledgeMode ?? "all"}
            options={[
              ["all", t("stage.knowledgeMode.all")],
              ["buzzer", t("stage.knowledgeMode.buzzer")],
            ]}
          />
        </>
      ) : (
        <fieldset className="flex min-w-0 flex-col gap-2 sm:col-span-2">
          <legend className="text-lg font-semibold">{t("stage.criteria")}</legend>
          <p className="text-base text-slate-600">{t("stage.criteriaHint")}</p>
          <FieldError error={problems.criteria} />
          {criteria.map((c, i) => (
            <div key={i} className="grid grid-cols-[1fr_7rem] gap-2">
              <input
                name={`criterion-name-${i}`}
                aria-label={t("stage.criterionName", { n: i + 1 })}
                defaultValue={c?.name}
                className="min-h-11 min-w-0 rounded-lg border-2 border-slate-400 px-2"
              />
              <input
                name={`criterion-max-${i}`}
                aria-label={t("stage.criterionMax", { n: i + 1 })}
                inputMode="numeric"
                defaultValue={c?.maxScore}
                className="min-h-11 min-w-0 rounded-lg border-2 border-slate-400 px-2"
              />
            </div>
          ))}
        </fieldset>
      )}
      {scored ? (
        <div className="sm:col-span-2">
          <Field
            label={t("contests.amendmentReason")}
            hint={t("stage.amendmentHint")}
            name="amendmentReason"
            error={problems.amendmentReason}
          />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3 sm:col-span-2">
        <Button>{part ? t("org.save") : t("stage.addPart")}</Button>
        {part ? (
          <Button
            name="intent"
            value="delete"
            variant="secondary"
            onClick={(e) => {
              if (!window.confirm(`${t("stage.deletePart")}: ${part.name}?`)) e.preventDefault();
            }}
          >
            {t("stage.deletePart")}
          </Button>
        ) : null}
      </div>
    </Form>
  );
}

export default function StageParts() {
  const { contest, parts, scored } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const problemsFor = (partId: number | null) => (result && result.partId === partId ? result.problems : {});
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <h1 className="text-3xl font-bold">
        {t("stage.parts")}:{" "}
        <Link to={`/organiser/stage/${contest.id}`} className="underline">
          {contest.title}
        </Link>
      </h1>
      {result?.error ? <Alert>{t(result.error)}</Alert> : null}
      {result?.saved ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      {parts.map((p) => (
        <section key={p.id} aria-label={p.name} className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-xl font-bold">
            {t("stage.partN", { n: p.position })}: {p.name} — {t("stage.maxPoints", { n: p.maxScore })}
            {p.closedAt ? ` · ${t("stage.partClosedLabel")}` : ""}
          </h2>
          <PartForm key={JSON.stringify(p)} part={p} problems={problemsFor(p.id)} scored={scored} />
        </section>
      ))}
      <section aria-label={t("stage.addPart")} className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-xl font-bold">{t("stage.addPart")}</h2>
        <PartForm key={parts.length} part={null} problems={problemsFor(null)} scored={scored} />
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgStageParts", {}, { app: false });

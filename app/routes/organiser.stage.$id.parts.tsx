import { type SubmissionResult } from "@conform-to/react";
import { formProps } from "~/components/form-controls";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { ContestHeading } from "~/components/contest-heading";
import { KnowledgePartFields } from "~/components/stage/knowledge-part-fields";
import { answerAlerts, usePageForm } from "~/components/use-page-form";
import { Button } from "~/components/ui/button";
import {
  Alert,
  Field,
  FieldError,
  FormAlerts,
  initial,
  SelectField,
  type FieldMeta,
} from "~/components/ui/field";
import { CRITERIA_ROWS } from "~/forms/stage-form";
import { readPartForm } from "~/forms/stage-form.server";
import {
  criterionMax,
  criterionName,
  PART_PROBLEM_FIELD,
  PartFormSchema,
  PartTargetSchema,
} from "~/forms/stage-part";
import { deletePart, savePart, validatePart } from "~/models/stage-parts.server";
import { stageScored } from "~/models/contest-amendments.server";
import { withKnowledgeCodes } from "~/models/stage-knowledge.server";
import { stageSetup } from "~/models/stage.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";
import { toInputNumber } from "~/utils/numbers";
import { formatClock } from "~/utils/stage-time";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const { contest, parts } = await orHttpError(() => stageSetup(db, id));
  return {
    contest: { id, title: contest.title },
    parts: await withKnowledgeCodes(db, parts),
    scored: await stageScored(db, id),
  };
}

/** The model's problems with a part, under the form's fields (a number the schema refused keeps its own). */
function problemsAsFieldErrors(
  problems: Record<string, string | undefined>,
  refused: Record<string, unknown>,
) {
  const errors: Record<string, string[]> = {};
  for (const [name, problem] of Object.entries(problems)) {
    const field = PART_PROBLEM_FIELD[name] ?? name;
    if (problem && !refused[field]) errors[field] = [problem];
  }
  return errors;
}

/** Saved (or deleted): the forms start again from what the page now holds. */
function saved(submission: { reply: (options: { resetForm: true }) => SubmissionResult<string[]> }) {
  return { ...submission.reply({ resetForm: true }), status: "success" as const };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const form = await readForm(request);
  const target = parseWithZod(form, { schema: PartTargetSchema });
  if (target.status !== "success") throw new Response("Bad request", { status: 400 });
  const { intent, partId = null } = target.value;
  const submission = parseWithZod(form, { schema: PartFormSchema });
  try {
    if (intent === "delete" && partId !== null) {
      await deletePart(db, id, partId, user);
      return saved(target);
    }
    const { input } = readPartForm(form);
    // A number that cannot be read as typed is refused, with the model's other problems alongside.
    if (submission.status !== "success")
      return submission.reply({
        fieldErrors: problemsAsFieldErrors(validatePart(input), submission.error ?? {}),
      });
    const reason = submission.value.amendmentReason.slice(0, 1000);
    const fieldErrors = problemsAsFieldErrors(await savePart(db, id, partId, { ...input, reason }, user), {});
    return Object.keys(fieldErrors).length ? submission.reply({ fieldErrors }) : saved(submission);
  } catch (error) {
    if (error instanceof DomainError) return submission.reply({ formErrors: [error.code] });
    throw error;
  }
}

type Part = Awaited<ReturnType<typeof loader>>["parts"][number];

/** A time as the form shows it: minutes ("7,5") when a tenth of a minute will do, else "m:ss". */
const timeValue = (sec: number | null | undefined) =>
  !sec ? "" : sec % 6 === 0 ? toInputNumber(sec / 60) : formatClock(sec);

/** A saved part's values as its form shows them; a new part's defaults. */
function partValues(part: Part | null) {
  const criteria = Object.fromEntries(
    Array.from({ length: CRITERIA_ROWS }, (_, i) => [
      [criterionName(i), part?.criteria[i]?.name ?? ""],
      [criterionMax(i), part?.criteria[i] ? String(part.criteria[i].maxScore) : ""],
    ]).flat(),
  );
  return {
    ...criteria,
    name: part?.name ?? "",
    maxScore: part ? String(part.maxScore) : "",
    scoring: part?.scoring ?? "judges",
    isTieBreak: part?.isTieBreak ?? false,
    timeLimitMin: timeValue(part?.timeLimitSec),
    overtimePenaltyPerMin: toInputNumber(part?.overtimePenaltyPerMin),
    minTimeMin: timeValue(part?.minTimeSec),
    undertimePenaltyPerMin: toInputNumber(part?.undertimePenaltyPerMin),
    knowledgeQuestions: String(part?.knowledgeQuestions ?? 10),
    knowledgePoints: String(part?.knowledgePoints ?? 3),
    knowledgeMode: part?.knowledgeMode ?? "all",
    knowledgeCodes: part?.knowledgeCodes ?? "",
    knowledgeSeconds: String(part?.knowledgeSeconds ?? 30),
  };
}

function PartForm({ part, scored }: { part: Part | null; scored: boolean }) {
  const t = useT();
  const { form, fields } = usePageForm(PartFormSchema, {
    id: part ? `part-${part.id}` : "part-new",
    result: useActionData<typeof action>(),
    match: { partId: part?.id },
    defaultValue: partValues(part),
  });
  const [scoring, setScoring] = useState(initial(fields.scoring) ?? part?.scoring ?? "judges");
  return (
    <Form method="post" {...formProps(form)} className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2">
      {part ? <input type="hidden" name="partId" value={part.id} /> : null}
      <Field label={t("stage.partName")} meta={fields.name} />
      <Field label={t("stage.maxScore")} meta={fields.maxScore} inputMode="numeric" />
      <SelectField
        label={t("stage.scoring")}
        key={fields.scoring.key}
        name={fields.scoring.name}
        defaultValue={initial(fields.scoring)}
        onChange={(e) => setScoring(e.target.value === "knowledge" ? "knowledge" : "judges")}
        options={[
          ["judges", t("stage.scoring.judges")],
          ["knowledge", t("stage.scoring.knowledge")],
        ]}
      />
      <label className="flex min-h-12 items-center gap-3 text-lg font-semibold">
        <input
          type="checkbox"
          key={fields.isTieBreak.key}
          name={fields.isTieBreak.name}
          defaultChecked={initial(fields.isTieBreak) === "on"}
          className="size-6"
        />
        {t("stage.isTieBreak")}
      </label>
      <Field
        label={t("stage.timeLimitMin")}
        hint={t("stage.optional")}
        meta={fields.timeLimitMin}
        inputMode="decimal"
      />
      <Field
        label={t("stage.penaltyPerMin")}
        hint={t("stage.optional")}
        meta={fields.overtimePenaltyPerMin}
        inputMode="decimal"
      />
      <Field
        label={t("stageTiming.minTime")}
        hint={t("stage.optional")}
        meta={fields.minTimeMin}
        inputMode="decimal"
      />
      <Field
        label={t("stageTiming.undertimePenalty")}
        hint={t("stage.optional")}
        meta={fields.undertimePenaltyPerMin}
        inputMode="decimal"
      />
      {scoring === "knowledge" ? (
        <>
          <Field label={t("stage.knowledgeQuestions")} meta={fields.knowledgeQuestions} inputMode="numeric" />
          <Field label={t("stage.knowledgePoints")} meta={fields.knowledgePoints} inputMode="numeric" />
          <SelectField
            label={t("stage.knowledgeMode")}
            key={fields.knowledgeMode.key}
            name={fields.knowledgeMode.name}
            defaultValue={initial(fields.knowledgeMode)}
            options={[
              ["all", t("stage.knowledgeMode.all")],
              ["buzzer", t("stage.knowledgeMode.buzzer")],
            ]}
          />
          <KnowledgePartFields codes={fields.knowledgeCodes} seconds={fields.knowledgeSeconds} />
        </>
      ) : (
        <CriteriaFieldset fields={fields} errors={form.allErrors} />
      )}
      {scored ? (
        <div className="sm:col-span-2">
          <Field
            label={t("contests.amendmentReason")}
            hint={t("stage.amendmentHint")}
            meta={fields.amendmentReason}
          />
        </div>
      ) : null}
      <PartButtons part={part} />
    </Form>
  );
}

/** Save (or add) and, for a part already there, delete after a confirmation. */
function PartButtons({ part }: { part: Part | null }) {
  const t = useT();
  return (
    <div className="flex flex-wrap gap-3 sm:col-span-2">
      <Button>{part ? t("org.save") : t("stage.addPart")}</Button>
      {part ? (
        <Button
          name="intent"
          value="delete"
          variant="secondary"
          formNoValidate
          onClick={(e) => {
            if (!window.confirm(`${t("stage.deletePart")}: ${part.name}?`)) e.preventDefault();
          }}
        >
          {t("stage.deletePart")}
        </Button>
      ) : null}
    </div>
  );
}

/** A judged part's criteria: up to CRITERIA_ROWS rows of a name and a maximum; one message for them all. */
function CriteriaFieldset({
  fields,
  errors,
}: {
  fields: Record<string, FieldMeta>;
  errors: Record<string, string[]>;
}) {
  const t = useT();
  const problem = Object.entries(errors).find(
    ([name]) => name === "criteria" || name.startsWith("criterion-"),
  );
  return (
    <fieldset className="flex min-w-0 flex-col gap-2 sm:col-span-2">
      <legend className="text-lg font-semibold">{t("stage.criteria")}</legend>
      <p className="text-base text-slate-600">{t("stage.criteriaHint")}</p>
      <FieldError error={problem?.[1][0]} />
      {Array.from({ length: CRITERIA_ROWS }, (_, i) => (
        <div key={i} className="grid grid-cols-[1fr_7rem] gap-2">
          <CriterionInput meta={fields[criterionName(i)]} label={t("stage.criterionName", { n: i + 1 })} />
          <CriterionInput
            meta={fields[criterionMax(i)]}
            label={t("stage.criterionMax", { n: i + 1 })}
            inputMode="numeric"
          />
        </div>
      ))}
    </fieldset>
  );
}

function CriterionInput({
  meta,
  label,
  inputMode,
}: {
  meta: FieldMeta;
  label: string;
  inputMode?: "numeric";
}) {
  return (
    <input
      key={meta.key}
      name={meta.name}
      aria-label={label}
      inputMode={inputMode}
      defaultValue={initial(meta)}
      className="min-h-11 min-w-0 rounded-lg border-2 border-slate-400 px-2"
    />
  );
}

export default function StageParts() {
  const { contest, parts, scored } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <ContestHeading label={t("stage.parts")} title={contest.title} to={`/organiser/stage/${contest.id}`} />
      <FormAlerts form={answerAlerts(result)} />
      {result?.status === "success" ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      {parts.map((p) => (
        <section key={p.id} aria-label={p.name} className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-xl font-bold">
            {t("stage.partN", { n: p.position })}: {p.name} — {t("stage.maxPoints", { n: p.maxScore })}
            {p.closedAt ? ` · ${t("stage.partClosedLabel")}` : ""}
          </h2>
          <PartForm key={JSON.stringify(p)} part={p} scored={scored} />
        </section>
      ))}
      <section aria-label={t("stage.addPart")} className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-xl font-bold">{t("stage.addPart")}</h2>
        <PartForm key={parts.length} part={null} scored={scored} />
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgStageParts", {}, { app: false });

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { QuestionForm } from "~/components/question-form";
import { QuestionCard } from "~/components/quiz/question-card";
import { Alert } from "~/components/ui/field";
import { questionFormValues } from "~/forms/question-form";
import { readQuestionForm } from "~/forms/question-form.server";
import { codeTaken, getQuestion, updateQuestion, validateQuestion } from "~/models/question-bank.server";
import { categoryProblem, listCategories } from "~/models/question-categories.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseParams } from "~/utils/http.server";
import { useT, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const question = await getQuestion(db, id);
  if (!question) throw new Response("Not found", { status: 404 });
  const categories = (await listCategories(db)).filter((c) => !c.retired || c.code === question.category);
  return { question, categories };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const before = await getQuestion(db, id);
  if (!before) throw new Response("Not found", { status: 404 });
  const { submission, input, pictureErrors } = await readQuestionForm(db, request, user);
  if (!input) return { reply: submission.reply({ fieldErrors: pictureErrors }), saved: false };
  const problems: string[] = [...validateQuestion(input)];
  if (await codeTaken(db, input.code, id)) problems.push("q.codeTaken");
  const category = await categoryProblem(db, input.category, before.category);
  if (category) problems.push(category);
  if (problems.length || Object.keys(pictureErrors).length)
    return { reply: submission.reply({ formErrors: problems, fieldErrors: pictureErrors }), saved: false };
  await updateQuestion(db, id, input, user);
  return { reply: submission.reply(), saved: true };
}

export default function EditQuestion() {
  const { question, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const values = questionFormValues({
    ...question,
    options: question.options.map((o) => ({ text: o.text, correct: o.isCorrect, image: o.image })),
  });
  const [preview, setPreview] = useState<number[]>([]);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-bold">{t("q.edit")}</h1>
      {result?.saved || searchParams.get("saved") ? <Alert tone="success">{t("org.saved")}</Alert> : null}
      <p className="text-base text-slate-700">{t("q.snapshotNote")}</p>
      <QuestionForm
        key={JSON.stringify(values)}
        values={values}
        lastResult={result?.reply}
        categories={categories}
      />
      <section aria-label={t("q.preview")}>
        <h2 className="mb-2 text-xl font-bold">{t("q.preview")}</h2>
        <QuestionCard
          position={1}
          questionId={question.id}
          kind={question.kind}
          prompt={question.prompt}
          image={question.image}
          options={question.options.map((o) => ({
            id: o.id,
            text: o.text,
            ...(o.image ? { image: o.image } : {}),
          }))}
          selected={preview}
          state={undefined}
          onChange={setPreview}
        />
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgQuestionEdit", {}, { app: false });

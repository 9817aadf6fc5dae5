import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { QuestionForm } from "~/components/question-form";
import { readQuestionForm } from "~/forms/question-form.server";
import { codeTaken, createQuestions, validateQuestion } from "~/models/question-bank.server";
import { activeCategories, categoryProblem } from "~/models/question-categories.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { useT, metaTitle } from "~/utils/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  return { categories: await activeCategories(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { submission, input, pictureErrors } = await readQuestionForm(db, request, user);
  if (!input) return submission.reply({ fieldErrors: pictureErrors });
  const problems: string[] = [...validateQuestion(input)];
  if (await codeTaken(db, input.code)) problems.push("q.codeTaken");
  const category = await categoryProblem(db, input.category);
  if (category) problems.push(category);
  if (problems.length || Object.keys(pictureErrors).length)
    return submission.reply({ formErrors: problems, fieldErrors: pictureErrors });
  const [id] = await createQuestions(db, [input], user);
  return redirect(`/organiser/questions/${id}?saved=1`);
}

export default function NewQuestion() {
  const { categories } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("q.new")}</h1>
      <QuestionForm lastResult={lastResult} categories={categories} />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgQuestionNew", {}, { app: false });

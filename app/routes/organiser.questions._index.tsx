import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { QUESTION_CATEGORIES } from "#db/schema";
import { ImportForm } from "~/components/import-form";
import { Button } from "~/components/ui/button";
import { buttonClass } from "~/components/ui/button";
import { allTags, createQuestions, listQuestions } from "~/models/question-bank.server";
import { parseQuestionTable } from "~/models/question-import.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { runImport } from "~/utils/import-action.server";
import { useT } from "~/utils/i18n";

const FiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z.enum(QUESTION_CATEGORIES).optional().catch(undefined),
  status: z.enum(["active", "retired", "historical"]).optional().catch(undefined),
  difficulty: z.enum(["easy", "medium", "hard"]).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
  legal: z.string().trim().max(100).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filters = FiltersSchema.parse(params);
  const [questions, tags] = await Promise.all([listQuestions(db, filters), allTags(db)]);
  return { questions, tags, filters, query: new URL(request.url).search };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  return runImport(
    request,
    async (table) => {
      const existing = await listQuestions(db);
      return parseQuestionTable(table, new Set(existing.flatMap((q) => (q.code ? [q.code] : []))));
    },
    (inputs) => createQuestions(db, inputs, user.id),
  );
}

const select = "min-h-11 rounded-lg border-2 border-slate-400 bg-white px-2 text-base";

export default function QuestionBank() {
  const { questions, tags, filters, query } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t("q.title")}</h1>
        <Link to="/organiser/questions/new" className={buttonClass()}>
          {t("q.new")}
        </Link>
      </div>
      <ImportForm title={t("q.import")} templateHref="/organiser/templates/questions.xlsx" result={result} />
      <Form method="get" className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-3" aria-label={t("org.filter")}>
        <label className="flex flex-col text-base font-semibold">
          {t("org.search")}
          <input name="q" defaultValue={filters.q ?? ""} className="min-h-11 rounded-lg border-2 border-slate-400 px-2 font-normal" />
        </label>
        <label className="flex flex-col text-base font-semibold">
          {t("q.category")}
          <select name="category" defaultValue={filters.category ?? ""} className={select}>
            <option value="">{t("org.all")}</option>
            {QUESTION_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-base font-semibold">
          {t("q.status")}
          <select name="status" defaultValue={filters.status ?? ""} className={select}>
            <option value="">{t("org.all")}</option>
            {(["active", "retired", "historical"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`qstatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-base font-semibold">
          {t("q.difficulty")}
          <select name="difficulty" defaultValue={filters.difficulty ?? ""} className={select}>
            <option value="">{t("org.all")}</option>
            {(["easy", "medium", "hard"] as const).map((d) => (
              <option key={d} value={d}>
                {t(`difficulty.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-base font-semibold">
          {t("q.tag")}
          <select name="tag" defaultValue={filters.tag ?? ""} className={select}>
            <option value="">{t("org.all")}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-base font-semibold">
          {t("q.legal")}
          <input name="legal" defaultValue={filters.legal ?? ""} className="min-h-11 w-32 rounded-lg border-2 border-slate-400 px-2 font-normal" />
        </label>
        <Button variant="secondary">{t("org.filter")}</Button>
      </Form>
      <p className="flex flex-wrap gap-4 text-lg">
        <span>{t("q.count", { n: questions.length })}</span>
        <a href={`/organiser/questions/export/xlsx${query}`} className="font-semibold text-brand-700 underline" download>
          {t("q.exportXlsx")}
        </a>
        <a href={`/organiser/questions/export/csv${query}`} className="font-semibold text-brand-700 underline" download>
          {t("q.exportCsv")}
        </a>
      </p>
      <ol className="flex flex-col gap-2">
        {questions.map((q) => (
          <li key={q.id} className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="text-sm text-slate-600">
              {q.code} · {t(`category.${q.category}`)} · {t(`kind.${q.kind}`)} · {t(`difficulty.${q.difficulty}`)} ·{" "}
              <span className={q.status === "active" ? "text-green-800" : "text-accent-600"}>{t(`qstatus.${q.status}`)}</span>
            </p>
            <Link to={`/organiser/questions/${q.id}`} className="text-lg font-semibold text-brand-800 underline-offset-4 hover:underline">
              {q.prompt}
            </Link>
            {q.legalSource ? <p className="text-sm text-slate-600">{q.legalSource}</p> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Ngân hàng câu hỏi — Ban tổ chức" }];

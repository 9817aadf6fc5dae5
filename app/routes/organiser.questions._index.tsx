import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { useCategoryName } from "~/components/category-name";
import { DownloadLinks } from "~/components/download-links";
import { ImportForm } from "~/components/import-form";
import { Button, buttonClass } from "~/components/ui/button";
import { Alert, SelectField } from "~/components/ui/field";
import { ImportPreviewPanel } from "~/components/import-preview";
import { allTags, countQuestions, listQuestions } from "~/models/question-bank.server";
import { applyPendingImport, cancelPendingImport } from "~/models/question-reimport.server";
import { listCategories } from "~/models/question-categories.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { ImportResult } from "~/forms/import";
import { isMultipart } from "~/forms/import.server";
import { importQuestionFile } from "~/forms/question-import.server";
import { DomainError } from "~/utils/errors";
import { readForm } from "~/utils/http.server";
import { DIFFICULTIES, QUESTION_STATUSES } from "~/forms/question-form";
import { formatNumber } from "~/utils/format";
import { useLocale, useT, metaTitle } from "~/utils/i18n";

const FiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: z.string().max(40).optional().catch(undefined),
  status: z.enum(QUESTION_STATUSES).optional().catch(undefined),
  difficulty: z.enum(DIFFICULTIES).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
  legal: z.string().trim().max(100).optional().catch(undefined),
});

/** The list shows the bank a page at a time: 10,000 questions on one page were 15 MB of HTML. */
const PAGE_SIZE = 200;
const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filters = FiltersSchema.parse(params);
  const page = PageSchema.parse(params.page);
  const [questions, total, tags, categories] = await Promise.all([
    listQuestions(db, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    countQuestions(db, filters),
    allTags(db),
    listCategories(db),
  ]);
  const url = new URL(request.url);
  const pageHref = (n: number) => {
    const search = new URLSearchParams(url.search);
    search.set("page", String(n));
    return `?${search}`;
  };
  url.searchParams.delete("page");
  return {
    questions,
    tags,
    categories,
    filters,
    query: url.search,
    total,
    from: (page - 1) * PAGE_SIZE + 1,
    prev: page > 1 ? pageHref(page - 1) : null,
    next: page * PAGE_SIZE < total ? pageHref(page + 1) : null,
  };
}

/** The preview's buttons: apply the kept import, or drop it. */
const PendingSchema = z.object({
  intent: z.enum(["applyImport", "cancelImport"]),
  token: z.string().min(1).max(64),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  if (!isMultipart(request)) {
    const parsed = PendingSchema.safeParse(Object.fromEntries(await readForm(request)));
    if (!parsed.success) return { importError: "reimport.expired" as const };
    const { intent, token } = parsed.data;
    if (intent === "cancelImport") {
      await cancelPendingImport(db, token, user);
      return { cancelled: true };
    }
    try {
      return { applied: await applyPendingImport(db, token, user) };
    } catch (error) {
      if (error instanceof DomainError) return { importError: error.code };
      throw error;
    }
  }
  // Codes already in the bank are updates: the model previews them before anything changes.
  return importQuestionFile(db, request, user);
}

export default function QuestionBank() {
  const { questions, tags, categories, filters, query, total, from, prev, next } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A streamed import's result (with the page's script) stands until the page's own action answers again.
  const [streamed, setStreamed] = useState<ImportResult>();
  useEffect(() => setStreamed(undefined), [actionData]);
  const result = streamed ?? actionData;
  const t = useT();
  const categoryName = useCategoryName();
  const categoryOf = new Map(categories.map((c) => [c.code, c]));
  const locale = useLocale();
  const shown = t("q.shown", {
    from: formatNumber(from, locale),
    to: formatNumber(from + questions.length - 1, locale),
  });
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t("q.title")}</h1>
        <Link to="/organiser/questions/new" className={buttonClass()}>
          {t("q.new")}
        </Link>
      </div>
      {result && "preview" in result ? <ImportPreviewPanel preview={result.preview} /> : null}
      {result && "applied" in result ? (
        <Alert tone="success">{t("reimport.applied", result.applied)}</Alert>
      ) : null}
      {result && "cancelled" in result ? <Alert tone="info">{t("reimport.cancelled")}</Alert> : null}
      <ImportForm
        title={t("q.import")}
        templateHref="/organiser/templates/questions.xlsx"
        result={result}
        stream={{ url: "/organiser/questions/import", onResult: setStreamed }}
        word={{
          sampleHref: "/organiser/templates/questions.docx",
          fields: (
            <SelectField
              label={t("import.wordCategory")}
              name="wordCategory"
              className="text-base"
              options={categories
                .filter((c) => !c.retired)
                .map((c): [string, string] => [c.code, categoryName(c)])}
            />
          ),
        }}
      />
      <FilterForm filters={filters} tags={tags} categories={categories} />
      <p className="flex flex-wrap gap-4 text-lg">
        <span>{t("q.count", { n: total })}</span>
        {prev || next ? <span>{shown}</span> : null}
        <DownloadLinks
          links={[
            { href: `/organiser/questions/export/xlsx${query}`, label: t("q.exportXlsx") },
            { href: `/organiser/questions/export/csv${query}`, label: t("q.exportCsv") },
            { href: `/organiser/questions/export/paper${query}`, label: t("questionPapers.paper") },
            { href: `/organiser/questions/export/key${query}`, label: t("questionPapers.key") },
          ]}
        />
      </p>
      <ol className="flex flex-col gap-2">
        {questions.map((q) => (
          <li key={q.id} className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="text-sm text-slate-600">
              {q.code} · {categoryName(categoryOf.get(q.category) ?? { code: q.category, name: q.category })}{" "}
              · {t(`kind.${q.kind}`)} · {t(`difficulty.${q.difficulty}`)} ·{" "}
              <span className={q.status === "active" ? "text-green-800" : "text-accent-600"}>
                {t(`qstatus.${q.status}`)}
              </span>
            </p>
            <Link
              to={`/organiser/questions/${q.id}`}
              className="text-brand-800 text-lg font-semibold underline-offset-4 hover:underline"
            >
              {q.prompt}
            </Link>
            {q.legalSource ? <p className="text-sm text-slate-600">{q.legalSource}</p> : null}
          </li>
        ))}
      </ol>
      {prev || next ? (
        <nav aria-label={shown} className="flex gap-6 text-lg">
          {prev ? (
            <Link to={prev} className="text-brand-700 font-semibold underline">
              {t("q.prevPage")}
            </Link>
          ) : null}
          {next ? (
            <Link to={next} className="text-brand-700 font-semibold underline">
              {t("q.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

type BankData = SerializeFrom<typeof loader>;

/** The bank's filters: search, category, status, difficulty, tag and legal source. */
function FilterForm({
  filters,
  tags,
  categories,
}: {
  filters: BankData["filters"];
  tags: BankData["tags"];
  categories: BankData["categories"];
}) {
  const t = useT();
  const categoryName = useCategoryName();
  /** A filter's choices: "all" first, then each value with its label. */
  const anyOf = <T extends string>(values: readonly T[], label: (value: T) => string): [string, string][] => [
    ["", t("org.all")],
    ...values.map((v): [string, string] => [v, label(v)]),
  ];
  return (
    <Form
      method="get"
      className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-3"
      aria-label={t("org.filter")}
    >
      <label className="flex flex-col text-base font-semibold">
        {t("org.search")}
        <input
          name="q"
          defaultValue={filters.q ?? ""}
          className="min-h-11 rounded-lg border-2 border-slate-400 px-2 font-normal"
        />
      </label>
      <SelectField
        label={t("q.category")}
        name="category"
        defaultValue={filters.category ?? ""}
        className="text-base"
        options={[["", t("org.all")], ...categories.map((c): [string, string] => [c.code, categoryName(c)])]}
      />
      <SelectField
        label={t("q.status")}
        name="status"
        defaultValue={filters.status ?? ""}
        className="text-base"
        options={anyOf(QUESTION_STATUSES, (v) => t(`qstatus.${v}`))}
      />
      <SelectField
        label={t("q.difficulty")}
        name="difficulty"
        defaultValue={filters.difficulty ?? ""}
        className="text-base"
        options={anyOf(DIFFICULTIES, (v) => t(`difficulty.${v}`))}
      />
      <SelectField
        label={t("q.tag")}
        name="tag"
        defaultValue={filters.tag ?? ""}
        className="text-base"
        options={anyOf(tags, (tag) => tag)}
      />
      <label className="flex flex-col text-base font-semibold">
        {t("q.legal")}
        <input
          name="legal"
          defaultValue={filters.legal ?? ""}
          className="min-h-11 w-32 rounded-lg border-2 border-slate-400 px-2 font-normal"
        />
      </label>
      <Button variant="secondary">{t("org.filter")}</Button>
    </Form>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgQuestions", {}, { app: false });

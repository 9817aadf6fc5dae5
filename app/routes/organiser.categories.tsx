import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { useCategoryName } from "~/components/category-name";
import { Button } from "~/components/ui/button";
import { Alert, Field } from "~/components/ui/field";
import {
  createCategory,
  listCategories,
  renameCategory,
  setCategoryRetired,
} from "~/models/question-categories.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { readForm } from "~/utils/http.server";
import { message, metaTitle, useT, type Message } from "~/utils/i18n";

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().catch("") }),
  z.object({ intent: z.literal("rename"), code: z.string(), name: z.string().catch("") }),
  z.object({ intent: z.literal("retire"), code: z.string() }),
  z.object({ intent: z.literal("restore"), code: z.string() }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  return { categories: await listCategories(db) };
}

type Reply = { ok?: Message; error?: Message; code?: string; name?: string };

export async function action({ request }: ActionFunctionArgs): Promise<Reply> {
  const user = await requireRole(request, ["organiser"]);
  const parsed = IntentSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return { error: "categories.nameInvalid" };
  const input = parsed.data;
  try {
    if (input.intent === "create") {
      await createCategory(db, input.name, user);
      return { ok: message("categories.added", { name: input.name.trim() }) };
    }
    if (input.intent === "rename") {
      await renameCategory(db, input.code, input.name, user);
      return { ok: "categories.renamed" };
    }
    await setCategoryRetired(db, input.code, input.intent === "retire", user);
    return {};
  } catch (error) {
    // What was typed comes back with the reason, at the form it was typed in.
    if (error instanceof DomainError)
      return {
        error: message(error.code, error.vars),
        code: "code" in input ? input.code : undefined,
        name: "name" in input ? input.name : undefined,
      };
    throw error;
  }
}

/** The ward's categories: add one, rename one, retire one or bring it back. */
export default function Categories() {
  const { categories } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const categoryName = useCategoryName();
  const busy = useNavigation().state !== "idle";
  const creating = reply?.error && reply.code === undefined;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-3xl font-bold">{t("categories.title")}</h1>
      <p className="text-lg">{t("categories.intro")}</p>
      {reply?.ok ? <Alert tone="success">{t(reply.ok)}</Alert> : null}
      <Form
        method="post"
        className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        <input type="hidden" name="intent" value="create" />
        <Field
          label={t("categories.name")}
          name="name"
          defaultValue={creating ? reply?.name : ""}
          error={creating ? t(reply.error!) : undefined}
          key={creating ? `c-${reply?.name}` : "create"}
          required
        />
        <Button disabled={busy}>{t("categories.add")}</Button>
      </Form>
      <ul className="flex flex-col gap-2">
        {categories.map((c) => {
          const refused = reply?.error && reply.code === c.code ? t(reply.error) : undefined;
          return (
            <li
              key={c.code}
              aria-label={categoryName(c)}
              className={`flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 ${c.retired ? "text-slate-600" : ""}`}
            >
              <p className="text-lg">
                <strong>{categoryName(c)}</strong> · {t("categories.questions", { n: c.questions })} ·{" "}
                <span className="text-base">{t("categories.code", { code: c.code })}</span>
                {c.retired ? ` · ${t("categories.retired")}` : ""}
              </p>
              <div className="flex flex-wrap items-end gap-3">
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="rename" />
                  <input type="hidden" name="code" value={c.code} />
                  <Field
                    label={t("categories.newName", { name: categoryName(c) })}
                    name="name"
                    defaultValue={refused ? reply?.name : c.name}
                    error={refused}
                    key={`${c.code}-${c.name}-${refused ?? ""}`}
                  />
                  <Button variant="secondary" disabled={busy}>
                    {t("categories.rename")}
                  </Button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value={c.retired ? "restore" : "retire"} />
                  <input type="hidden" name="code" value={c.code} />
                  <Button variant="secondary" disabled={busy}>
                    {c.retired ? t("categories.restore") : t("categories.retire")}
                    <span className="sr-only"> {categoryName(c)}</span>
                  </Button>
                </Form>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) =>
  metaTitle(matches, "title.orgCategories", {}, { app: false });

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";
import { wardName } from "~/models/reset-codes.server";
import { db } from "~/utils/db.server";
import { useT, metaTitle } from "~/utils/i18n";

export async function loader(_: LoaderFunctionArgs) {
  return { ward: await wardName(db) };
}

/** Where to go and what to bring: the ward has no SMS, so a person proves who they are at its one-stop office. */
export default function ForgotPassword() {
  const { ward } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-5 text-lg">
      <h1 className="text-3xl font-bold">{t("forgot.title")}</h1>
      <p>{t("forgot.intro")}</p>
      <section aria-labelledby="forgot-where">
        <h2 id="forgot-where" className="mb-2 text-2xl font-bold">
          {t("forgot.whereTitle")}
        </h2>
        <p>{t("forgot.where", { ward: ward ? `UBND ${ward}` : t("forgot.wardFallback") })}</p>
      </section>
      <section aria-labelledby="forgot-bring">
        <h2 id="forgot-bring" className="mb-2 text-2xl font-bold">
          {t("forgot.bringTitle")}
        </h2>
        <ul className="ml-6 list-disc">
          <li>{t("forgot.bringId")}</li>
          <li>{t("forgot.bringPhone")}</li>
        </ul>
      </section>
      <section aria-labelledby="forgot-steps">
        <h2 id="forgot-steps" className="mb-2 text-2xl font-bold">
          {t("forgot.stepsTitle")}
        </h2>
        <ol className="ml-6 list-decimal">
          <li>{t("forgot.step1")}</li>
          <li>{t("forgot.step2")}</li>
          <li>{t("forgot.step3")}</li>
        </ol>
      </section>
      <p className="text-base text-slate-700">{t("forgot.staff")}</p>
      <Link to="/reset-password" className={buttonClass("primary", "self-start")}>
        {t("forgot.haveCode")}
      </Link>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.forgotPassword");

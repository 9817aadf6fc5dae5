import type { ReactNode } from "react";
import { useIsMessage, useT } from "~/utils/i18n";

/*
 * The alert and a field's error line: on every page (the quiz page too), so
 * they live apart from field.tsx, whose form parts only pages with forms load.
 */

export function FieldError({ id, error }: { id?: string; error?: string }) {
  const t = useT();
  const isMessage = useIsMessage();
  if (!error) return null;
  return (
    <p id={id} className="text-accent-600 font-semibold">
      {isMessage(error) ? t(error) : error}
    </p>
  );
}

export function Alert({
  children,
  tone = "error",
}: {
  children: ReactNode;
  tone?: "error" | "info" | "success";
}) {
  const styles = {
    error: "border-accent-600 bg-red-50 text-red-900",
    info: "border-brand-600 bg-brand-50 text-brand-800",
    success: "border-green-700 bg-green-50 text-green-900",
  };
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-lg border-l-4 p-4 text-lg ${styles[tone]}`}
    >
      {children}
    </div>
  );
}

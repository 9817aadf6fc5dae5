import { useIsMessage, useT } from "~/utils/i18n";

/**
 * The text of a field's first error: a message in the page's language, or a
 * model's own sentence as it came (the settings models still answer in
 * Vietnamese sentences).
 */
export function useProblemText() {
  const t = useT();
  const has = useIsMessage();
  return (...errorLists: (string[] | null | undefined)[]) => {
    const first = errorLists.flatMap((errors) => errors ?? [])[0];
    if (!first) return undefined;
    return has(first) ? t(first) : first;
  };
}

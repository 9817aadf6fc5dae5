import { useHasMessage, useT } from "./i18n";

/**
 * What an audit log action means, in the page's language (texts
 * `auditAction.<action>`, app/utils/messages/audit-actions.ts), or null for
 * an action without one: the page shows the raw action beside it.
 */
export function useAuditLabel() {
  const t = useT();
  const has = useHasMessage();
  return (action: string) => {
    const key = `auditAction.${action}`;
    return has(key) ? t(key) : null;
  };
}

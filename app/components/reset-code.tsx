import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/** On an account's row: staff tick that they checked the holder's papers, then issue a one-time code. */
export function ResetCodeForm({ userId, name }: { userId: number; name: string }) {
  const t = useT();
  return (
    <Form method="post" className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="identityChecked"
          aria-label={`${t("assist.identityChecked")}: ${name}`}
          className="size-6"
        />
        <span aria-hidden="true">{t("assist.identityChecked")}</span>
      </label>
      <Button
        name="intent"
        value="resetCode"
        variant="secondary"
        aria-label={`${t("resetCode.issue")}: ${name}`}
      >
        {t("resetCode.issue")}
      </Button>
    </Form>
  );
}

/** The code just issued, shown this once for staff to read out or write down. */
export function IssuedCode({
  issued,
}: {
  issued: { fullName: string; phone: string; code: string; expiresAt: number; url: string };
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <Alert tone="success">
      {t("resetCode.issued", {
        name: issued.fullName,
        phone: issued.phone,
        code: issued.code,
        until: formatDateTime(issued.expiresAt, locale),
        url: issued.url,
      })}
    </Alert>
  );
}

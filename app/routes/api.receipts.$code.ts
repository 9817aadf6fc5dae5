import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkReceipt, countReceiptCheck, normaliseReceiptCode } from "~/models/receipts.server";
import { db } from "~/utils/db.server";
import { translate } from "~/utils/i18n";

const headers = { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" };

/**
 * DESIGN.md: GET /api/receipts/:code.json → { valid, contest: { slug, title },
 * submittedAt, team, name } (name masked), or 404 { valid: false }. The
 * segment is "<code>.json"; flat routes have no dynamic segment with a suffix.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const segment = params.code ?? "";
  const typed = segment.endsWith(".json") ? segment.slice(0, -".json".length) : segment;
  if (normaliseReceiptCode(typed) === null) return Response.json({ valid: false }, { status: 404, headers });
  const wait = await countReceiptCheck(db, context.clientIp ?? "unknown", Date.now());
  if (wait !== null)
    return Response.json(
      {
        valid: false,
        error: "too_many_checks",
        message: translate("vi", "receipts.tooMany", { seconds: wait }),
      },
      { status: 429, headers: { ...headers, "Retry-After": String(wait) } },
    );
  const check = await checkReceipt(db, typed);
  if (!check.valid) return Response.json({ valid: false }, { status: 404, headers });
  const { code: _code, ...body } = check;
  return Response.json(body, { headers });
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  JudgeSignature,
  PaperHeading,
  PaperPage,
  PaperPages,
  paperCell,
} from "~/components/stage/paper-print";
import { judgeSummary } from "~/models/stage-paper.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { metaTitle } from "~/utils/i18n";
import { vnWallClock } from "~/utils/vietnam-time";

const ParamsSchema = z.object({
  id: z.coerce.number().int().positive(),
  judgeId: z.coerce.number().int().positive(),
});

// Without the header and footer: this page is the printout.
export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id, judgeId } = parseParams(ParamsSchema, params);
  const summary = await orHttpError(() => judgeSummary(db, id, judgeId));
  return { ...summary, printedAt: Date.now() };
}

const points = (tenths: number | null) => (tenths === null ? "" : formatNumber(tenths / 10));

/**
 * Biên bản chấm điểm: one judge's scores for every team in every part as
 * they stand (those typed in from paper marked), with totals, for the judge
 * to check and sign; one A4 page.
 */
export default function JudgeSummary() {
  const { contest, judge, parts, totalTenths, printedAt } = useLoaderData<typeof loader>();
  return (
    <PaperPages>
      <PaperPage label={`Biên bản chấm điểm — ${judge.name}`}>
        <PaperHeading wardName={contest.wardName} contest={contest.title} title="Biên bản chấm điểm" />
        <p className="mt-3">
          Giám khảo: <strong>{judge.name}</strong>
        </p>
        <p>Xác nhận các điểm dưới đây đúng với phiếu chấm của tôi.</p>
        {parts.map((part) => (
          <table key={part.id} className="mt-3 w-full border-collapse text-[10.5pt] leading-tight">
            <caption className="text-left font-bold">
              {part.name} (tối đa {formatNumber(part.maxScore)} điểm)
            </caption>
            <thead>
              <tr>
                <th className={`${paperCell} text-left`}>Đội thi</th>
                {part.criteria.map((c) => (
                  <th key={c.key} className={paperCell}>
                    {c.name || "Điểm"} ({formatNumber(c.maxScore)})
                  </th>
                ))}
                <th className={paperCell}>Tổng</th>
              </tr>
            </thead>
            <tbody>
              {part.rows.map((row) => (
                <tr key={row.team.id}>
                  <td className={paperCell}>
                    {row.team.name}
                    {row.source === "paper" ? <span className="italic"> (nhập hộ từ phiếu giấy)</span> : null}
                  </td>
                  {part.criteria.map((c) => (
                    <td key={c.key} className={`${paperCell} text-center`}>
                      {points(row.criteria?.[c.key] ?? null)}
                    </td>
                  ))}
                  <td className={`${paperCell} text-center font-bold`}>{points(row.totalTenths)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <p className="mt-3">
          Tổng số điểm đã chấm: <strong>{points(totalTenths)}</strong>
        </p>
        <JudgeSignature place={contest.place} name={judge.name} date={vnWallClock(printedAt)} />
      </PaperPage>
    </PaperPages>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.stagePaperSummary");

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
import { paperBoard } from "~/models/stage-paper.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatNumber } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
/** `?judge=`: that judge's name on the sheets (else a line to write it); `?part=`: one part (else every part). */
const SearchSchema = z.object({
  judge: z.coerce.number().int().positive().optional().catch(undefined),
  part: z.coerce.number().int().positive().optional().catch(undefined),
});

// Without the header and footer: this page is the printout.
export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const search = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const board = await orHttpError(() => paperBoard(db, id));
  const judge = board.judges.find((j) => j.id === search.judge) ?? null;
  if (search.judge && !judge) throw new Response("Not found", { status: 404 });
  const parts = search.part ? board.parts.filter((p) => p.id === search.part) : board.parts;
  if (!parts.length) throw new Response("Not found", { status: 404 });
  return {
    contest: board.contest,
    judge: judge && { name: judge.name, unitId: judge.unitId },
    parts,
    teams: board.teams,
  };
}

/**
 * A blank score sheet (phiếu chấm điểm) per part, for a judge who scores on
 * paper: teams in order of performance, a column per criterion with its
 * maximum, the total, and the judge's signature; one A4 page each.
 */
export default function BlankSheets() {
  const { contest, judge, parts, teams } = useLoaderData<typeof loader>();
  return (
    <PaperPages>
      {parts.map((part) => (
        <PaperPage key={part.id} label={`Phiếu chấm điểm — ${part.name}`}>
          <PaperHeading wardName={contest.wardName} contest={contest.title} title="Phiếu chấm điểm" />
          <p className="mt-3 text-center font-bold">
            {part.name} (tối đa {formatNumber(part.maxScore)} điểm)
          </p>
          <p className="mt-3">Giám khảo: {judge ? <strong>{judge.name}</strong> : "……………………………………………………"}</p>
          <table className="mt-3 w-full border-collapse text-[11pt]">
            <thead>
              <tr>
                <th className={paperCell}>TT</th>
                <th className={`${paperCell} text-left`}>Đội thi</th>
                {part.criteria.map((c) => (
                  <th key={c.key} className={paperCell}>
                    {c.name || "Điểm"}
                    <br />
                    <span className="font-normal">(tối đa {formatNumber(c.maxScore)})</span>
                  </th>
                ))}
                <th className={paperCell}>
                  Tổng
                  <br />
                  <span className="font-normal">(tối đa {formatNumber(part.maxScore)})</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team, i) => {
                // A judge does not score a team of their own unit: its row is struck out.
                const own = judge !== null && team.unitId !== null && team.unitId === judge.unitId;
                return (
                  <tr key={team.id} className="h-10">
                    <td className={`${paperCell} text-center`}>{i + 1}</td>
                    <td className={paperCell}>{team.name}</td>
                    {own ? (
                      <td colSpan={part.criteria.length + 1} className={`${paperCell} text-center italic`}>
                        Không chấm (cùng đơn vị)
                      </td>
                    ) : (
                      <>
                        {part.criteria.map((c) => (
                          <td key={c.key} className={paperCell} />
                        ))}
                        <td className={paperCell} />
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="mt-2 text-[10.5pt] italic">
            Điểm lẻ đến 0,5 hoặc 0,1 điểm, viết rõ ràng; sửa chữa phải ký bên cạnh.
          </p>
          <p className="mt-2">Nhận xét: ……………………………………………………………………………………………</p>
          <JudgeSignature place={contest.place} name={judge?.name ?? ""} />
        </PaperPage>
      ))}
    </PaperPages>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.stagePaperSheet");

import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { placeOf } from "~/models/certificates.server";
import { announcedResults } from "~/models/results.server";
import { db } from "~/utils/db.server";
import { formatMoney } from "~/utils/format";
import { vnWallClock } from "~/utils/vietnam-time";
import { orHttpError, parseParams } from "~/utils/http.server";
import { metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export const handle = { bare: true };

export async function loader({ params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const { contest, announcedAt, winners } = await orHttpError(() => announcedResults(db, slug));
  return {
    title: contest.title,
    wardName: contest.wardName,
    place: placeOf(contest.wardName),
    announcedAt,
    winners,
  };
}

type Winners = SerializeFrom<typeof loader>["winners"];

/** Every winner as one line of Điều 1: collectives, then teams, then people. */
function decisionRows(winners: Winners) {
  return [
    ...winners.collective.map((w) => ({ kind: "Tập thể", prize: w.prize, name: w.name, amount: w.amount })),
    ...winners.teams.map((w) => ({
      kind: "Đội",
      prize: w.prize,
      name: `${w.name}${w.unit ? ` (${w.unit})` : ""}`,
      amount: w.amount,
    })),
    ...winners.individual.map((w) => ({
      kind: "Cá nhân",
      prize: w.prize,
      name: `${w.name}${w.unit ? ` — ${w.unit}` : ""}`,
      amount: w.amount,
    })),
  ];
}

/** The ward's letterhead beside the national motto and the date line. */
function DecisionHeader({ wardName, place, date }: { wardName: string; place: string; date: Date }) {
  return (
    <div className="grid grid-cols-2 gap-4 text-center">
      <div>
        <p className="font-bold uppercase">Ủy ban nhân dân</p>
        <p className="font-bold uppercase">{wardName}</p>
        <p>Số: ……/QĐ-UBND</p>
      </div>
      <div>
        <p className="font-bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
        <p className="font-bold">Độc lập - Tự do - Hạnh phúc</p>
        <p className="mt-2 italic">
          {place}, ngày {date.getUTCDate()} tháng {date.getUTCMonth() + 1} năm {date.getUTCFullYear()}
        </p>
      </div>
    </div>
  );
}

function AwardTable({ rows, totalAmount }: { rows: ReturnType<typeof decisionRows>; totalAmount: number }) {
  return (
    <table className="my-2 w-full border-collapse text-[11.5pt] leading-tight">
      <thead>
        <tr>
          {["TT", "Tập thể / cá nhân", "Loại", "Giải", "Số tiền"].map((h) => (
            <th key={h} className="border border-black p-1">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td className="border border-black p-1 text-center">{i + 1}</td>
            <td className="border border-black p-1">{r.name}</td>
            <td className="border border-black p-1">{r.kind}</td>
            <td className="border border-black p-1">{r.prize}</td>
            <td className="border border-black p-1 text-right">{formatMoney(r.amount)}</td>
          </tr>
        ))}
        <tr>
          <td colSpan={4} className="border border-black p-1 text-right font-bold">
            Tổng cộng
          </td>
          <td className="border border-black p-1 text-right font-bold" data-testid="decision-total">
            {formatMoney(totalAmount)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** "Nơi nhận" beside the chair's signature. */
function Signature() {
  return (
    <div className="mt-6 grid break-inside-avoid grid-cols-2 gap-4">
      <div className="text-[11pt]">
        <p className="font-bold italic">Nơi nhận:</p>
        <p>- Như Điều 3;</p>
        <p>- Hội đồng thi, Ban tổ chức;</p>
        <p>- Lưu: VT.</p>
      </div>
      <div className="text-center">
        <p className="font-bold">CHỦ TỊCH</p>
        <p className="italic">(Ký, ghi rõ họ tên, đóng dấu)</p>
      </div>
    </div>
  );
}

/**
 * Quyết định khen thưởng: a print-ready draft for the ward chair to sign, on
 * one A4 page in the layout of an administrative decision (Nghị định
 * 30/2020/NĐ-CP): the ward as the place on the date line, "Nơi nhận" beside
 * the signature.
 */
export default function AwardDecision() {
  const { title, wardName, place, announcedAt, winners } = useLoaderData<typeof loader>();
  const date = vnWallClock(announcedAt ?? Date.now());
  const rows = decisionRows(winners);
  return (
    <main className="mx-auto max-w-[210mm] bg-white p-10 font-serif text-[13pt] leading-snug text-black print:p-0">
      {/* One A4 page: margins of an administrative paper (top and bottom 2 cm, left 3 cm, right 1.5 cm). */}
      <style>{"@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }"}</style>
      <DecisionHeader wardName={wardName} place={place} date={date} />
      <h1 className="mt-6 text-center text-[14pt] font-bold">QUYẾT ĐỊNH</h1>
      <p className="text-center font-bold">Về việc khen thưởng các tập thể, cá nhân đạt giải {title}</p>
      <p className="mt-3 text-center font-bold uppercase">Chủ tịch Ủy ban nhân dân {wardName}</p>
      <p className="mt-3 italic">Căn cứ Thể lệ {title};</p>
      <p className="italic">Căn cứ kết quả chấm thi và đề nghị của Hội đồng thi,</p>
      <p className="mt-3 text-center font-bold">QUYẾT ĐỊNH:</p>
      <p className="mt-2">
        <strong>Điều 1.</strong> Khen thưởng {rows.length} tập thể, cá nhân đạt giải {title}, cụ thể:
      </p>
      <AwardTable rows={rows} totalAmount={winners.totalAmount} />
      <p>
        <strong>Điều 2.</strong> Tổng kinh phí khen thưởng: {formatMoney(winners.totalAmount)}, trích từ kinh
        phí tổ chức cuộc thi.
      </p>
      <p>
        <strong>Điều 3.</strong> Quyết định có hiệu lực kể từ ngày ký. Văn phòng, Hội đồng thi và các tập thể,
        cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.
      </p>
      <Signature />
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.decision", {}, { app: false });

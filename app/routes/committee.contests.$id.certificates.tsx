import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { contests } from "#db/schema";
import { currentResults } from "~/models/results.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseParams } from "~/utils/http.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["committee", "organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const [contest] = await db.select().from(contests).where(eq(contests.id, id));
  if (!contest) throw new Response("Not found", { status: 404 });
  const { results } = await currentResults(db, id);
  const winners = [
    ...results.collective
      .filter((u) => u.prize)
      .map((u) => ({ name: u.name, line: `Đạt giải ${u.prize!.label} — giải tập thể` })),
    ...results.individual
      .filter((e) => e.prize)
      .map((e) => ({
        name: e.name,
        line: `Đạt giải ${e.prize!.label} — giải cá nhân${e.unitName ? ` (${e.unitName})` : ""}`,
      })),
  ];
  const participants = results.individual
    .filter((e) => !e.prize && e.status !== "disqualified")
    .map((e) => ({ name: e.name, line: `Đã tham gia cuộc thi${e.unitName ? ` (${e.unitName})` : ""}` }));
  return { title: contest.title, wardName: contest.wardName, certificates: [...winners, ...participants] };
}

/** Print-ready certificates, one per A4 landscape page: winners first, then participants. */
export default function Certificates() {
  const { title, wardName, certificates } = useLoaderData<typeof loader>();
  return (
    <main className="bg-white text-black">
      <style>{"@page { size: A4 landscape; margin: 12mm; } .cert { break-after: page; }"}</style>
      {certificates.map((c, i) => (
        <section
          key={i}
          className="cert border-brand-800 mx-auto flex min-h-[180mm] max-w-[273mm] flex-col items-center justify-center gap-6 border-8 border-double p-10 text-center font-serif"
        >
          <p className="text-xl font-bold uppercase">Ủy ban nhân dân {wardName}</p>
          <h1 className="text-accent-600 text-5xl font-bold">GIẤY CHỨNG NHẬN</h1>
          <p className="text-4xl font-bold">{c.name}</p>
          <p className="text-2xl">{c.line}</p>
          <p className="text-2xl italic">{title}</p>
        </section>
      ))}
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "Giấy chứng nhận" }];

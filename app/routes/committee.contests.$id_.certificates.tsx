import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { buttonClass } from "~/components/ui/button";
import { certificateSheet, type Certificate } from "~/models/certificates.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { TIME_ZONE } from "~/utils/format";
import { orHttpError, parseParams } from "~/utils/http.server";
import { useT, type Translate, metaTitle } from "~/utils/i18n";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
/** `?participants=1`: participation certificates too (the page's own form asks for them). */
const SearchSchema = z.object({
  participants: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

// Without the header and footer: this page is the printout.
export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["committee", "organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const url = new URL(request.url);
  const { participants } = SearchSchema.parse(Object.fromEntries(url.searchParams));
  const sheet = await orHttpError(() => certificateSheet(db, id, { participants }));
  // One QR code per address (every collective prize shares the winners page), loaded on first use.
  const qrcode = (await import("qrcode")).default;
  const svgs = new Map<string, string>();
  const certificates = [];
  for (const c of sheet.certificates) {
    const verifyUrl = `${url.origin}${c.verifyPath}`;
    let svg = svgs.get(verifyUrl);
    if (svg === undefined) {
      svg = (await qrcode.toString(verifyUrl, { type: "svg", margin: 0, errorCorrectionLevel: "M" })).replace(
        "<svg ",
        // Its wrapper is the image, named by the address.
        '<svg aria-hidden="true" ',
      );
      svgs.set(verifyUrl, svg);
    }
    certificates.push({ ...c, verifyUrl, qrSvg: svg });
  }
  return { ...sheet, participants, certificates };
}

/**
 * Day, month and year in Hà Nội, written as official papers are (Nghị định
 * 30/2020): a zero before days under 10 and months 1 and 2 ("ngày 05 tháng 4").
 */
function dateParts(ms: number) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "numeric",
    year: "numeric",
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const day = get("day");
  const month = get("month");
  return {
    day: String(day).padStart(2, "0"),
    month: month <= 2 ? String(month).padStart(2, "0") : String(month),
    year: String(get("year")),
  };
}

// A4 landscape is 297 × 210 mm; with 10 mm margins each certificate is a 277 × 190 mm box, never more,
// so it fills exactly one page (Chromium scales it to another paper size rather than splitting it).
const PRINT_CSS = `
@page { size: A4 landscape; margin: 10mm; }
@media print {
  html, body { margin: 0; padding: 0; background: #fff; }
  .certificate { margin: 0 !important; box-shadow: none !important; break-after: page; page-break-after: always; }
  .certificate:last-of-type { break-after: auto; page-break-after: auto; }
}
.certificate { width: 277mm; height: 190mm; box-sizing: border-box; overflow: hidden; break-inside: avoid; }
.certificate svg { width: 100%; height: 100%; }
`;

/** Print-ready certificates, one per A4 landscape page: prizes, then (when chosen) participation. */
export default function Certificates() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const reviewPath =
    data.contest.kind === "stage"
      ? `/committee/stage/${data.contest.id}`
      : `/committee/contests/${data.contest.id}`;
  const date = dateParts(data.issuedAt);
  return (
    <div className="min-h-screen bg-slate-100 text-black print:bg-white">
      <style>{PRINT_CSS}</style>
      <header className="mx-auto flex max-w-[277mm] flex-col gap-3 p-4 print:hidden">
        <Link to={reviewPath} className="text-brand-700 text-lg font-semibold underline">
          {t("certificates.back")}
        </Link>
        <h1 className="text-2xl font-bold">{t("certificates.heading", { title: data.contest.title })}</h1>
        <p className="text-lg" role="status">
          {t("certificates.summary", {
            prizes: data.prizeCount,
            participants: data.participants ? data.participantCount : 0,
          })}
        </p>
        <Form method="get" className="flex flex-wrap items-center gap-3">
          <label className="flex min-h-11 items-center gap-2 text-lg">
            <input
              type="checkbox"
              name="participants"
              value="1"
              defaultChecked={data.participants}
              className="size-6"
            />
            {t("certificates.includeParticipants")} ({data.participantCount})
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            {t("certificates.show")}
          </button>
          <button type="button" className={buttonClass()} onClick={() => window.print()}>
            {t("certificates.print")}
          </button>
        </Form>
        <p className="text-base text-slate-700">{t("certificates.printHint")}</p>
        {data.certificates.length === 0 ? (
          <p className="text-lg font-semibold">{t("certificates.none")}</p>
        ) : null}
      </header>
      {data.certificates.map((c, i) => (
        <CertificatePage
          key={i}
          n={i + 1}
          certificate={c}
          contestTitle={data.contest.title}
          wardName={data.contest.wardName}
          dateLine={t("certificates.dateLine", { place: data.place, ...date })}
          t={t}
        />
      ))}
    </div>
  );
}

function CertificatePage({
  n,
  certificate: c,
  contestTitle,
  wardName,
  dateLine,
  t,
}: {
  n: number;
  certificate: Certificate & { verifyUrl: string; qrSvg: string };
  contestTitle: string;
  wardName: string;
  dateLine: string;
  t: Translate;
}) {
  return (
    <article
      aria-label={`${t("certificates.title")} ${n}: ${c.name}`}
      className="certificate mx-auto mb-8 bg-white p-[5mm] font-serif shadow-lg"
    >
      <div className="border-brand-800 flex h-full flex-col border-[3mm] border-double px-[14mm] py-[8mm]">
        <div className="grid grid-cols-2 gap-6 text-center text-[12pt] leading-snug">
          <div>
            <p className="font-bold uppercase">{t("certificates.people")}</p>
            <p className="font-bold uppercase">{wardName}</p>
            <p className="mt-1">{t("certificates.number", { n })}</p>
          </div>
          <div>
            <p className="font-bold">{t("certificates.nation")}</p>
            <p className="font-bold underline underline-offset-4">{t("certificates.motto")}</p>
          </div>
        </div>
        <div className="flex flex-1 flex-col items-center justify-center gap-[3mm] text-center">
          <p className="text-accent-600 text-[34pt] leading-none font-bold tracking-wide">
            {t("certificates.document")}
          </p>
          <p className="text-[14pt] italic">{t("certificates.awardTo")}</p>
          <p className="text-brand-800 line-clamp-2 text-[26pt] leading-tight font-bold">{c.name}</p>
          {c.unit ? <p className="text-[14pt]">{t("certificates.unit", { unit: c.unit })}</p> : null}
          <p className="text-[16pt] font-bold">
            {c.kind === "prize"
              ? t("certificates.prize", {
                  prize: c.prize ?? "",
                  category: t(`certificates.category.${c.category}`),
                })
              : t("certificates.participated")}
          </p>
          <p className="line-clamp-2 max-w-[210mm] text-[15pt] italic">{contestTitle}</p>
        </div>
        <div className="flex items-end justify-between gap-6 text-[11pt]">
          <div className="flex max-w-[120mm] items-end gap-[3mm]">
            <div
              className="size-[24mm] shrink-0"
              role="img"
              aria-label={c.verifyUrl}
              dangerouslySetInnerHTML={{ __html: c.qrSvg }}
            />
            <p className="leading-snug break-all">
              {t("certificates.verify")}:<br />
              <span className="font-sans">{c.verifyUrl}</span>
            </p>
          </div>
          <div className="shrink-0 text-center leading-snug">
            <p className="italic">{dateLine}</p>
            <p className="font-bold">{t("certificates.signerRole")}</p>
            <p className="font-bold">{t("certificates.signer")}</p>
            <p className="mt-[16mm] text-[10pt] italic">{t("certificates.signHint")}</p>
          </div>
        </div>
      </div>
    </article>
  );
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, "title.certificates");

import type { ReactNode } from "react";

/*
 * The stage contest's printed papers (blank score sheets, a judge's biên bản
 * chấm điểm): A4 portrait, in Vietnamese as the jury signs them, whatever
 * the page's language. Each <PaperPage> is one printed page.
 */

/** The A4 page rule and a sheet per page: printed with the browser's own print (or saved as PDF). */
export function PaperPages({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto max-w-[210mm] bg-white font-serif text-[12pt] leading-snug text-black">
      <style>{"@page { size: A4 portrait; margin: 15mm 15mm 15mm 20mm; }"}</style>
      {children}
    </main>
  );
}

export function PaperPage({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label} className="break-after-page p-8 print:p-0 [&:last-child]:break-after-auto">
      {children}
    </section>
  );
}

/** The contest's name above the paper's own title. */
export function PaperHeading({
  wardName,
  contest,
  title,
}: {
  wardName: string;
  contest: string;
  title: string;
}) {
  return (
    <header className="text-center">
      <p className="font-bold uppercase">{wardName}</p>
      <p className="font-bold">{contest}</p>
      <h1 className="mt-3 text-[15pt] font-bold uppercase">{title}</h1>
    </header>
  );
}

/** "…, ngày … tháng … năm …" and the judge's signature with their name under it. */
export function JudgeSignature({ place, name, date }: { place: string; name: string; date?: Date }) {
  return (
    <div className="mt-6 grid break-inside-avoid grid-cols-2 gap-4">
      <div />
      <div className="text-center">
        <p className="italic">
          {date
            ? `${place}, ngày ${date.getUTCDate()} tháng ${date.getUTCMonth() + 1} năm ${date.getUTCFullYear()}`
            : `${place}, ngày …… tháng …… năm ……`}
        </p>
        <p className="font-bold">Giám khảo ký tên</p>
        <p className="italic">(Ký, ghi rõ họ tên)</p>
        <p className="mt-16 font-bold">{name}</p>
      </div>
    </div>
  );
}

export const paperCell = "border border-black px-1.5 py-1";

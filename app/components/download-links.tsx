import { useEffect, useState } from "react";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/** The cookie an export answers with (see markDownload in utils/http.server.ts). */
const COOKIE = "hoithi-download";

/**
 * Download links that say the file is being made (10,000 questions take the
 * server seconds to write as XLSX) until it starts to arrive: the link asks
 * with a token, and the file's answer sets a cookie with that token.
 */
export function DownloadLinks({ links }: { links: { href: string; label: string }[] }) {
  const t = useT();
  const locale = useLocale();
  const [preparing, setPreparing] = useState<{ label: string; token: string; startedAt: number } | null>(
    null,
  );
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!preparing) return;
    const timer = setInterval(() => {
      const arrived = document.cookie.split("; ").includes(`${COOKIE}=${preparing.token}`);
      if (arrived) document.cookie = `${COOKIE}=; Max-Age=0; Path=/organiser`;
      // Five minutes without an answer: the download failed or went elsewhere; stop saying it is coming.
      if (arrived || Date.now() - preparing.startedAt > 300_000) setPreparing(null);
      else setTick((n) => n + 1);
    }, 400);
    return () => clearInterval(timer);
  }, [preparing]);
  return (
    <>
      {links.map((link) => (
        <a
          key={link.href}
          href={link.href}
          className="text-brand-700 font-semibold underline"
          download
          onClick={(event) => {
            const token = Math.random().toString(36).slice(2, 12);
            const url = new URL(link.href, window.location.href);
            url.searchParams.set("dl", token);
            // The browser follows the link as it is when the click ends: with the token.
            event.currentTarget.href = url.pathname + url.search;
            setPreparing({ label: link.label, token, startedAt: Date.now() });
          }}
        >
          {link.label}
        </a>
      ))}
      {preparing ? (
        <span role="status" className="w-full text-base text-slate-700">
          {t("download.preparing", {
            file: preparing.label,
            s: formatNumber(Math.floor((Date.now() - preparing.startedAt) / 1000), locale),
          })}
        </span>
      ) : null}
    </>
  );
}

import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { keepPage, registerAppShell } from "~/components/app-shell";
import { flushKeptWork } from "~/components/outbox";
import { passwordResetNotice } from "~/models/own-account.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { pageMessages, pageTitles } from "~/utils/page-messages.server";
import {
  PAGE_TEXTS_ID,
  usePageTexts,
  isStaffArea,
  metaTitle,
  useHasMessage,
  useLocale,
  useT,
  type Locale,
  type MessageKey,
} from "~/utils/i18n";
import { getLocale } from "~/utils/locale.server";
import { useNonce } from "~/utils/nonce";
import { TextSizeControl, textSizeScript } from "~/components/text-size-control";
import stylesheet from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icon-192.png" },
  // The browser code's third-party licences (scripts/license-notices.ts).
  { rel: "license", href: "/third-party-licenses.txt" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([getLocale(request), getUser(request)]);
  const { pathname } = new URL(request.url);
  return {
    locale,
    // Only the texts this page can show: residents' pages go without the staff's (issue 15). A page
    // load carries them once, as plain JSON beside its data (entry.server); a client navigation's
    // data brings them. The titles, for the routes' meta, are always here (decision 019).
    titles: pageTitles(locale, pathname),
    ...(context.dataRequest ? { messages: pageMessages(locale, pathname) } : {}),
    user: user ? { fullName: user.fullName, role: user.role } : null,
    // Someone else reset this account's password: say who and when until its owner has read it.
    resetNotice: user ? await passwordResetNotice(db, user) : null,
  };
}

/** The title of pages without their own, and of the error page (an unknown address: "Không tìm thấy trang"). */
export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  !error
    ? metaTitle(matches, "title.home")
    : isRouteErrorResponse(error) && error.status === 404
      ? metaTitle(matches, "title.notFound")
      : metaTitle(matches, "title.error");

/**
 * What the root shows (the name in the header, the page's texts) changes through actions (signing
 * in and out, the account, the language) and when moving between residents' and staff pages
 * (pageMessages); not through a link or a search. Starting an attempt (the contest page's forms)
 * changes none of it either, and at a contest's opening everyone does it at once: the quiz page
 * then loads its own data only (issue 21).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  formAction,
  defaultShouldRevalidate,
}) =>
  (defaultShouldRevalidate && /^[pd]/i.test(formMethod!) && !/^\/contests\/[^/]+$/.test(formAction!)) ||
  isStaffArea(currentUrl.pathname) !== isStaffArea(nextUrl.pathname);

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const texts = usePageTexts();
  const locale: Locale = data?.locale ?? texts?.locale ?? "vi";
  return (
    // The inline script below sets data-text-size on <html> before React hydrates it.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#084a8c" />
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: textSizeScript }} />
        {texts ? (
          // The page's texts (see PageTextsProvider): written by the server, read by entry.client,
          // left as they are by hydration.
          <script
            type="application/json"
            id={PAGE_TEXTS_ID}
            nonce={nonce}
            suppressHydrationWarning
            dangerouslySetInnerHTML={{ __html: texts.json ?? "" }}
          />
        ) : null}
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

const navLink = "inline-flex min-h-11 items-center underline underline-offset-4";

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="bg-brand-800 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:block focus:min-h-11 focus:p-3">
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="mr-auto inline-flex min-h-11 items-center text-2xl font-bold">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.menu")} className="flex flex-wrap items-center gap-x-4 gap-y-2 text-lg">
          {data?.user ? (
            <>
              {data.user.role === "organiser" || data.user.role === "admin" ? (
                <Link to="/organiser" className={navLink}>
                  {t("org.title")}
                </Link>
              ) : null}
              {data.user.role === "committee" || data.user.role === "admin" ? (
                <Link to="/committee" className={navLink}>
                  {t("role.committee")}
                </Link>
              ) : null}
              {data.user.role === "judge" ? (
                <Link to="/judge" className={navLink}>
                  {t("judge.title")}
                </Link>
              ) : null}
              <Link to="/me/entries" className={navLink}>
                {t("nav.myEntries")}
              </Link>
              <Link to="/me/sessions" className={navLink}>
                {t("sessions.link")}
              </Link>
              <Link to="/me/profile" className={navLink}>
                {t("profile.title")}
              </Link>
              <span className="text-brand-100">{data.user.fullName}</span>
              <Form method="post" action="/logout">
                <button type="submit" className={navLink}>
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className={navLink}>
                {t("nav.login")}
              </Link>
              <Link to="/register" className={navLink}>
                {t("nav.register")}
              </Link>
            </>
          )}
          <Form method="post" action="/set-language">
            <input type="hidden" name="locale" value={locale === "vi" ? "en" : "vi"} />
            <input type="hidden" name="redirectTo" value={here} />
            {/* The accessible name starts with the visible text (WCAG 2.5.3 Label in Name). */}
            <button
              type="submit"
              className="inline-flex min-h-11 items-center rounded border border-white/60 px-3 text-base"
            >
              <span lang={locale === "vi" ? "en" : "vi"}>{t("nav.language")}</span>
              <span className="sr-only"> — {t("nav.languageLabel")}</span>
            </button>
          </Form>
          <TextSizeControl />
        </nav>
      </div>
    </header>
  );
}

function ResetNotice() {
  const notice = useRouteLoaderData<typeof loader>("root")?.resetNotice;
  const t = useT();
  const locale = useLocale();
  const here = useLocation();
  if (!notice) return null;
  return (
    <div
      role="alert"
      className="mb-4 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 text-lg text-amber-950"
    >
      <p>
        {t("sessions.resetNotice", {
          name: notice.byName ?? t("sessions.commandLine"),
          at: formatDateTime(notice.at, locale),
        })}
      </p>
      <Form method="post" action="/me/sessions" className="mt-2">
        <input type="hidden" name="redirectTo" value={here.pathname + here.search} />
        <button name="intent" value="ackReset" className="font-semibold underline">
          {t("sessions.resetNoticeOk")}
        </button>
      </Form>
    </div>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <>
      <Header />
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-6">
        <ResetNotice />
        {children}
      </main>
      <footer className="border-t border-slate-200 py-4 text-center text-base text-slate-600">
        <p>{t("footer.text")}</p>
        <Link to="/receipts" className="text-brand-700 inline-flex min-h-11 items-center underline">
          {t("receipts.footerLink")}
        </Link>
      </footer>
    </>
  );
}

export default function App() {
  // Marks the page as interactive: end-to-end tests wait for it before pressing keys.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
    if (import.meta.env.PROD) registerAppShell();
  }, []);
  // Offline-ready: keep this page on the phone, and send answers or scores kept from an earlier page,
  // once someone is signed in (not from the sign-in page, whose sends would race the sign-in).
  const location = useLocation();
  const signedIn = Boolean(useRouteLoaderData<typeof loader>("root")?.user);
  useEffect(() => {
    keepPage(location.pathname + location.search);
    if (!signedIn) return;
    const flush = () => void flushKeptWork(location.pathname);
    flush();
    window.addEventListener("online", flush);
    return () => window.removeEventListener("online", flush);
  }, [location.pathname, location.search, signedIn]);
  // Full-screen pages (the ceremony, printouts) opt out of the header and footer.
  const bare = useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  if (bare) return <Outlet />;
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

/** One error page for the whole app: expected failures carry a message key. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const isMessageKey = useHasMessage();
  let message: MessageKey = "error.generic";
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (isRouteErrorResponse(error)) {
    const code: unknown = error.data?.code;
    if (typeof code === "string" && isMessageKey(code)) message = code;
    else if (error.status === 404) message = "error.notFound";
    else if (error.status === 403) message = "error.forbidden";
    else if (error.status === 409) message = "error.conflict";
    else if (error.status === 429) message = "error.tooMany";
  } else if (typeof navigator !== "undefined" && !navigator.onLine) message = "error.offline";
  return (
    <Shell>
      <h1 className="mb-4 text-3xl font-bold">{notFound ? t("title.notFound") : t("error.title")}</h1>
      <p role="alert" className="mb-6 text-xl">
        {t(message)}
      </p>
      <Link to="/" className="text-brand-700 text-lg font-semibold underline underline-offset-4">
        {t("error.backHome")}
      </Link>
    </Shell>
  );
}

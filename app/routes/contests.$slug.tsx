import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { and, eq } from "drizzle-orm";
import type { ComponentProps } from "react";
import { z } from "zod";
import { contestExclusions, attempts } from "#db/schema";
import { Countdown, useRemaining } from "~/components/countdown";
import { StartConfirmation } from "~/components/quiz/start-confirmation";
import { TeamEntries, TeamStartButton } from "~/components/team-entry";
import { Alert, FormAlerts } from "~/components/ui/field";
import { Button, buttonClass } from "~/components/ui/button";
import { assertCanStart, inSamePeriod } from "~/models/attempt-policy.server";
import { startAttempt } from "~/models/attempt.server";
import { contestStatus, getContestBySlug, listPrizes, questionCount } from "~/models/contest.server";
import { practiceOffered } from "~/models/practice.server";
import { stageProgramme } from "~/models/stage.server";
import { roundContext } from "~/models/seasons.server";
import { takesIndividualEntries, teamEntryView, teamToEnter } from "~/models/team-entries.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { listAmendments } from "~/models/contest-amendments.server";
import { formatDateTime, formatMoney, formatNumber } from "~/utils/format";
import { orHttpError, parseParams, readForm } from "~/utils/http.server";
import { message, useLocale, useT, type MessageKey, metaTitle } from "~/utils/i18n";
import { StartSchema } from "~/forms/start";
import { prizeLabel } from "~/utils/prize-names";
import { qrSvg } from "~/utils/qr-code.server";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** The signed-in person's attempts at this contest, entries and practice alike. */
function ownAttempts(contestId: number, userId: number) {
  return db
    .select({
      id: attempts.id,
      status: attempts.status,
      startedAt: attempts.startedAt,
      teamId: attempts.teamId,
      practice: attempts.practice,
    })
    .from(attempts)
    .where(and(eq(attempts.contestId, contestId), eq(attempts.userId, userId)));
}

/** Their phone on the contest's exclusion list (taking part, but not ranked). */
function exclusionOf(contestId: number, phone: string) {
  return db
    .select({ phone: contestExclusions.phone })
    .from(contestExclusions)
    .where(and(eq(contestExclusions.contestId, contestId), eq(contestExclusions.phone, phone)))
    .get();
}

/** What the page shows of the contest itself. */
function contestFacts(contest: Awaited<ReturnType<typeof getContestBySlug>>) {
  return {
    slug: contest.slug,
    title: contest.title,
    kind: contest.kind,
    description: contest.description,
    rules: contest.rules,
    opensAt: contest.opensAt,
    closesAt: contest.closesAt,
    timeLimitSec: contest.timeLimitSec,
    maxAttempts: contest.maxAttempts,
    attemptPeriod: contest.attemptPeriod,
    counting: contest.counting,
    questionCount: contest.kind === "quiz" ? questionCount(contest) : 0,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const user = await getUser(request);
  const isStaff = user?.role === "organiser" || user?.role === "admin";
  const contest = await orHttpError(() => getContestBySlug(db, slug, { allowDraft: isStaff }));
  if (contest.kind === "season") throw redirect(`/seasons/${contest.slug}`);
  const now = Date.now();
  const [prizes, programme, mine, excluded, amendments, season] = await Promise.all([
    listPrizes(db, [contest.id]),
    contest.kind === "stage" ? stageProgramme(db, contest.id) : null,
    user ? ownAttempts(contest.id, user.id) : [],
    user ? exclusionOf(contest.id, user.phone) : undefined,
    listAmendments(db, contest.id),
    roundContext(db, contest, now),
  ]);
  const team = user ? await teamEntryView(db, contest, user.id, now) : null;
  // Practice attempts (thi thử) are no entries: they use no allowance and are resumed apart.
  const entries = mine.filter((a) => !a.practice);
  const openAttempt = entries.find((a) => a.status === "open");
  const openPractice = mine.find((a) => a.practice && a.status === "open");
  // The captain's own entries and the team's have separate allowances.
  const individual = entries.filter((a) => a.teamId === null);
  // Tell people before they press the button when they have no attempt left.
  let startBlocked: MessageKey | null = null;
  if (user && !openAttempt) {
    try {
      if (!takesIndividualEntries(contest)) throw new DomainError("teamEntry.teamOnly", 409);
      assertCanStart(
        contest,
        individual.map((a) => a.startedAt),
        now,
      );
    } catch (error) {
      if (error instanceof DomainError) startBlocked = error.code;
    }
  }
  const samePeriod = individual.filter((a) => inSamePeriod(contest.attemptPeriod, a.startedAt, now)).length;
  const url = new URL(request.url);
  const shareUrl = `${url.origin}/contests/${contest.slug}`;
  return {
    contest: contestFacts(contest),
    season: season && {
      slug: season.season.slug,
      title: season.season.title,
      roundNo: season.roundNo ?? 0,
      roundCount: season.roundCount,
      nextOpensAt: season.next && season.next.id !== contest.id ? season.next.opensAt : null,
    },
    status: contestStatus(contest, now),
    msToOpen: contest.opensAt - now,
    msToClose: contest.closesAt - now,
    prizes: prizes.map(({ category, label, count, amount }) => ({ category, label, count, amount })),
    signedIn: Boolean(user),
    openAttemptId: openAttempt?.id ?? null,
    practice: contest.kind === "quiz" && practiceOffered(contest, now),
    practiceOpen: Boolean(openPractice),
    openForTeam: openAttempt?.teamId != null && openAttempt.teamId === team?.id ? team.name : null,
    attemptsUsed: individual.length,
    /** One's own entries left (the team's are in `team`). */
    attemptsLeft: Math.max(0, contest.maxAttempts - samePeriod),
    team,
    startBlocked,
    notRanked: Boolean(user && (user.role !== "resident" || excluded)),
    shareUrl,
    programme,
    amendments,
    qrSvg: await qrSvg(shareUrl, 160),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const user = await requireUser(request);
  const contest = await orHttpError(() => getContestBySlug(db, slug));
  // The pages post a form; scripts (the load driver) may post no body at all: an individual entry.
  const formData = request.headers.get("content-type") ? await readForm(request) : new FormData();
  const submission = parseWithZod(formData, { schema: StartSchema });
  if (submission.status !== "success") return submission.reply();
  const forTeam = submission.value.cho === "doi";
  // "Thi thử": a practice attempt, started at once (it costs nothing to confirm).
  const practice = submission.value["thi-thu"] === "1";
  try {
    const { id } = await startAttempt(db, {
      contest,
      userId: user.id,
      practice,
      teamId: forTeam && !practice ? (await teamToEnter(db, contest, user.id)).id : null,
      now: Date.now(),
      ip: context.clientIp ?? null,
      assistedByUserId: user.assistedByUserId,
      userAgent: request.headers.get("user-agent"),
    });
    return redirect(`/attempts/${id}`);
  } catch (error) {
    if (error instanceof DomainError)
      return submission.reply({ formErrors: [message(error.code, error.vars)] });
    throw error;
  }
}

export default function ContestPage() {
  const data = useLoaderData<typeof loader>();
  // The start forms have no fields to check in the browser, so this page loads no conform: the
  // action's refusal (submission.reply) is shown as it comes.
  const refused = { errors: useActionData<typeof action>()?.error?.[""] ?? undefined, allErrors: {} };
  const navigation = useNavigation();
  const t = useT();
  const { contest, status } = data;
  return (
    <article className="flex flex-col gap-6">
      <header>
        <p className="text-brand-700 text-lg font-semibold">{t(`contest.status.${status}`)}</p>
        <h1 className="text-3xl font-bold">{contest.title}</h1>
        {data.season ? <RoundOfSeason season={data.season} /> : null}
        {contest.description ? <p className="mt-2 text-lg text-slate-700">{contest.description}</p> : null}
      </header>

      <ContestFacts contest={contest} />

      {contest.kind === "quiz" ? (
        <QuizStart data={data} refused={refused} busy={navigation.state !== "idle"} />
      ) : null}

      {data.programme ? (
        <StageProgramme slug={contest.slug} status={status} programme={data.programme} />
      ) : null}

      {contest.kind === "quiz" && status !== "published" ? (
        <p className="text-lg">
          <Link to={`/contests/${contest.slug}/stats`} className="text-brand-700 font-semibold underline">
            {t("stats.publicLink")}
          </Link>
        </p>
      ) : null}

      {contest.rules ? <ContestRules rules={contest.rules} amendments={data.amendments} /> : null}

      <ContestPrizes prizes={data.prizes} />

      <ContestShare shareUrl={data.shareUrl} qrSvg={data.qrSvg} />
    </article>
  );
}

type ContestData = Awaited<ReturnType<typeof loader>>;

/**
 * "Bắt đầu làm bài" first shows what starting costs (?bat-dau=1); the second press (a POST) starts
 * the clock. "Dự thi cho <đội>" does the same with ?cho=doi, for the captain's team. Worked out from
 * the address and the page's data alone, so a loaded page shows the confirmation without asking
 * the server (shouldRevalidate), and a page without JavaScript gets the same from its HTML.
 */
function startStep(
  search: URLSearchParams,
  data: Pick<ContestData, "signedIn" | "openAttemptId" | "startBlocked" | "team">,
) {
  const { team } = data;
  const forTeam = search.get("cho") === "doi" && Boolean(team?.isCaptain) && !team?.blocked;
  const confirming =
    search.has("bat-dau") && data.signedIn && !data.openAttemptId && (forTeam || !data.startBlocked);
  return { forTeam, confirming };
}

/**
 * Showing or leaving the confirmation changes only the address (startStep): the page already has
 * what it shows. At a contest's opening every resident presses "Bắt đầu làm bài" at once, and
 * this keeps the server to the start itself (issue 21).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  const rest = (url: URL) => {
    const search = new URLSearchParams(url.search);
    for (const step of ["bat-dau", "cho"]) search.delete(step);
    return `${url.pathname}?${search}`;
  };
  const onlyTheStep =
    (!formMethod || formMethod.toUpperCase() === "GET") && rest(currentUrl) === rest(nextUrl);
  return defaultShouldRevalidate && !onlyTheStep;
};

/** When it opens and closes and, for a quiz, its time, questions and attempts. */
function ContestFacts({ contest }: { contest: ContestData["contest"] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <dl className="grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 text-lg sm:grid-cols-2">
      <div>
        <dt className="font-semibold">{t("contest.opens")}</dt>
        <dd>{formatDateTime(contest.opensAt, locale)}</dd>
      </div>
      <div>
        <dt className="font-semibold">{t("contest.closes")}</dt>
        <dd>{formatDateTime(contest.closesAt, locale)}</dd>
      </div>
      {contest.kind === "quiz" ? (
        <>
          <div>
            <dt className="font-semibold">{t("contest.timeLimit")}</dt>
            <dd>
              {Math.round(contest.timeLimitSec / 60)} {t("contest.minutes")}
            </dd>
          </div>
          <div>
            <dt className="font-semibold">{t("contest.questionCount")}</dt>
            <dd>{contest.questionCount}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="font-semibold">{t("contest.attempts")}</dt>
            <dd>
              {t(`contest.attemptsValue.${contest.attemptPeriod}`, { n: contest.maxAttempts })}
              {contest.maxAttempts > 1 ? ` — ${t(`contest.counting.${contest.counting}`)}` : ""}
            </dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}

/** A quiz's start region: its clock or notice, the refusals, and the ways to start or resume. */
function QuizStart({
  data,
  refused,
  busy,
}: {
  data: ContestData;
  refused: ComponentProps<typeof FormAlerts>["form"];
  busy: boolean;
}) {
  const t = useT();
  const { contest, status } = data;
  const [search] = useSearchParams();
  const { forTeam, confirming } = startStep(search, data);
  // The page may have been open a while: the time to the close counts on from when it was loaded.
  const msToClose = useRemaining(data.msToClose);
  return (
    <section aria-label={t("contest.start")} className="flex flex-col gap-3">
      <StartNotice data={data} />
      <FormAlerts form={refused} />
      {data.notRanked && status === "open" ? <Alert tone="info">{t("contest.staffNotRanked")}</Alert> : null}
      {data.signedIn && data.attemptsUsed > 0 ? (
        <p className="text-lg">
          {t("contest.attemptsUsed", { n: data.attemptsUsed, max: contest.maxAttempts })}
        </p>
      ) : null}
      {status === "open" && data.startBlocked && !refused.errors ? (
        <Alert tone="info">{t(data.startBlocked)}</Alert>
      ) : null}
      {data.team?.isCaptain && status === "open" && !data.openAttemptId && !confirming ? (
        <p className="text-lg">{t("teamEntry.choose", { team: data.team.name })}</p>
      ) : null}
      {status === "open" && data.signedIn && (data.openAttemptId || confirming) ? (
        <StartConfirmation
          confirming={confirming}
          // The close cuts the attempt short: say the time there really is.
          minutes={Math.max(1, Math.ceil(Math.min(contest.timeLimitSec * 1000, msToClose) / 60_000))}
          questionCount={contest.questionCount}
          attemptsLeft={forTeam && data.team ? data.team.attemptsLeft : data.attemptsLeft}
          period={contest.attemptPeriod}
          busy={busy}
          team={confirming ? (forTeam ? data.team?.name : null) : data.openForTeam}
        />
      ) : status === "open" && data.signedIn ? (
        <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
          {!data.startBlocked ? (
            <Form method="get" preventScrollReset>
              <input type="hidden" name="bat-dau" value="1" />
              <Button disabled={busy} className="w-full sm:w-auto">
                {t("contest.start")}
              </Button>
            </Form>
          ) : null}
          {data.team?.isCaptain && !data.team.blocked ? (
            <TeamStartButton team={data.team.name} busy={busy} />
          ) : null}
        </div>
      ) : status === "open" && !data.startBlocked ? (
        <a
          href={`/login?redirectTo=${encodeURIComponent(`/contests/${contest.slug}`)}`}
          className={buttonClass("primary", "w-full sm:w-auto")}
        >
          {t("contest.loginToStart")}
        </a>
      ) : null}
      {data.team ? <TeamEntries team={data.team} maxAttempts={contest.maxAttempts} /> : null}
      {status === "open" && data.signedIn && data.practice && !confirming ? (
        <Form
          method="post"
          className="flex flex-col gap-3 rounded-xl border-2 border-dashed border-amber-600 bg-amber-50 p-4"
        >
          <p className="text-lg">{t("practice.hint")}</p>
          <input type="hidden" name="thi-thu" value="1" />
          <Button variant="secondary" disabled={busy} className="w-full sm:w-auto">
            {t(data.practiceOpen ? "practice.resume" : "practice.start")}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

/**
 * Open: the time left; not yet open: the time to the opening; a draft (seen by its organisers):
 * nothing, its label says it; else closed (with the results once announced).
 */
function StartNotice({ data }: { data: Pick<ContestData, "status" | "msToClose" | "msToOpen" | "contest"> }) {
  const t = useT();
  const { contest, status } = data;
  if (status === "draft") return null;
  return status === "open" ? (
    <p className="text-brand-700 text-xl font-semibold">
      <Countdown ms={data.msToClose} kind="closes" />
    </p>
  ) : status === "published" ? (
    <Alert tone="info">
      {t("contest.notOpenYet")} <Countdown ms={data.msToOpen} kind="opens" />
    </Alert>
  ) : (
    <Alert tone="info">
      {t("contest.closedNotice")}{" "}
      {status === "announced" ? (
        <Link to={`/contests/${contest.slug}/results`} className="font-semibold underline">
          {t("results.title")}
        </Link>
      ) : null}
    </Alert>
  );
}

/** A stage contest's links, parts and teams. */
function StageProgramme({
  slug,
  status,
  programme,
}: {
  slug: string;
  status: ContestData["status"];
  programme: NonNullable<ContestData["programme"]>;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-label={t("stage.parts")} className="flex flex-col gap-3">
      <p className="text-lg">
        <Link to={`/contests/${slug}/scoreboard`} className="text-brand-700 font-semibold underline">
          {t("stage.scoreboard")}
        </Link>
        {status === "announced" ? (
          <>
            {" · "}
            <Link to={`/contests/${slug}/results`} className="text-brand-700 font-semibold underline">
              {t("results.title")}
            </Link>
          </>
        ) : null}
      </p>
      <h2 className="text-2xl font-bold">{t("stage.parts")}</h2>
      <ol className="list-decimal pl-6 text-lg">
        {programme.parts.map((p) => (
          <li key={p.name}>
            {p.name} — {t("stage.maxPoints", { n: p.maxScore })}
            {p.timeLimitSec ? `, ≤ ${formatNumber(p.timeLimitSec / 60, locale)} ${t("contest.minutes")}` : ""}
          </li>
        ))}
      </ol>
      <h2 className="text-2xl font-bold">{t("stage.team")}</h2>
      <ol className="list-decimal pl-6 text-lg">
        {programme.teams.map((team) => (
          <li key={team.name}>{team.name}</li>
        ))}
      </ol>
    </section>
  );
}

/** "Đợt 2/4 của …" with the season's link, and when the next round opens. */
function RoundOfSeason({ season }: { season: NonNullable<ContestData["season"]> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="mt-1 text-lg">
      <Link to={`/seasons/${season.slug}`} className="text-brand-700 font-semibold underline">
        {t("season.roundOf", { n: season.roundNo, count: season.roundCount, title: season.title })}
      </Link>
      {season.nextOpensAt !== null ? (
        <span className="block text-base text-slate-700">
          {t("season.next", { time: formatDateTime(season.nextOpensAt, locale) })}
        </span>
      ) : null}
    </p>
  );
}

/** The rules as written and every amendment made to them since. */
function ContestRules({ rules, amendments }: { rules: string; amendments: ContestData["amendments"] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h2 className="mb-2 text-2xl font-bold">{t("contest.rules")}</h2>
      <div className="rounded-xl border border-slate-200 bg-white p-4 text-lg leading-relaxed whitespace-pre-line">
        {rules}
      </div>
      {amendments.length ? (
        <div className="mt-3 rounded-xl border-l-4 border-amber-600 bg-amber-50 p-4 text-lg">
          <h3 className="mb-1 font-bold">{t("contest.amendments")}</h3>
          <ol className="flex flex-col gap-2">
            {amendments.map((a) => (
              <li key={a.id}>
                {t("contest.amendmentAt", { at: formatDateTime(a.at, locale), reason: a.reason })}
                <ul className="list-disc pl-6 text-base">
                  {a.changes.map((c) => (
                    <li key={c.field}>
                      {c.field}: {c.before} → {c.after}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}

/** The prizes by category and their total; nothing when there are none. */
function ContestPrizes({ prizes }: { prizes: ContestData["prizes"] }) {
  const t = useT();
  const locale = useLocale();
  const total = prizes.reduce((sum, p) => sum + p.count * p.amount, 0);
  const categories = (["individual", "team", "collective"] as const).filter((c) =>
    prizes.some((p) => p.category === c),
  );
  return categories.length ? (
    <section>
      <h2 className="mb-2 text-2xl font-bold">{t("contest.prizes")}</h2>
      {categories.map((category) => (
        <div key={category} className="mb-3">
          <h3 className="text-xl font-semibold">{t(`contest.prizes.${category}`)}</h3>
          <ul className="list-disc pl-6 text-lg">
            {prizes
              .filter((p) => p.category === category)
              .map((p) => (
                <li key={p.label}>
                  {t("contest.prizeRow", {
                    count: p.count,
                    label: prizeLabel(t, p.label),
                    amount: formatMoney(p.amount, locale),
                  })}
                </li>
              ))}
          </ul>
        </div>
      ))}
      <p className="text-lg font-semibold">
        {t("contest.prizes.total")}: {formatMoney(total, locale)}
      </p>
    </section>
  ) : null;
}

/** The address to pass on and its QR code (not printed). */
function ContestShare({ shareUrl, qrSvg }: Pick<ContestData, "shareUrl" | "qrSvg">) {
  const t = useT();
  return (
    <section className="no-print">
      <h2 className="mb-2 text-2xl font-bold">{t("contest.share")}</h2>
      <p className="text-lg">{t("contest.shareHint")}</p>
      <p className="my-2 text-lg font-semibold break-all">{shareUrl}</p>
      <div
        className="w-40 rounded bg-white"
        role="img"
        aria-label={shareUrl}
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? metaTitle(matches, "title.contest", { contest: data.contest.title })
    : metaTitle(matches, "title.home");

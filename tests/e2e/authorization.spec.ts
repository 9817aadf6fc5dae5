import type { APIRequestContext, Browser } from "@playwright/test";
import { eq } from "drizzle-orm";
import { answers, attempts, contests } from "#db/schema";
import { startAttempt } from "~/models/attempt.server";
import { createUser, TEST_PASSWORD } from "../factories";
import { e2eDb, expect, test, uniquePhone } from "./fixtures";

type Role = "anonymous" | "residentA" | "residentB" | "organiser" | "committee" | "judge" | "admin";
const ROLES: Role[] = ["anonymous", "residentA", "residentB", "organiser", "committee", "judge", "admin"];
const DEMO_PHONES: Partial<Record<Role, string>> = {
  organiser: "0900000002",
  committee: "0900000003",
  judge: "0900000004",
  admin: "0900000001",
};

/** What a role gets: the page (200), the sign-in page (redirect), 401 (JSON), 403 or 404. */
type Outcome = 200 | "login" | 401 | 403 | 404;

/** Signs in through the real login form and returns that browser's request context. */
async function client(browser: Browser, baseURL: string, phone: string | null, password: string) {
  const context = await browser.newContext({ baseURL });
  if (phone) {
    const response = await context.request.post("/login", {
      form: { phone, password, redirectTo: "/" },
      headers: { Origin: baseURL },
      maxRedirects: 0,
    });
    expect(response.status(), `sign-in of ${phone}`).toBe(302);
  }
  return context.request;
}

async function outcome(request: APIRequestContext, url: string, init?: { post?: unknown }) {
  const response = init?.post
    ? await request.post(url, {
        data: init.post,
        headers: { Origin: new URL(url, `http://localhost:${process.env.E2E_PORT ?? 3100}`).origin },
        maxRedirects: 0,
      })
    : await request.get(url, { maxRedirects: 0 });
  const status = response.status();
  if (status === 302 && (response.headers().location ?? "").startsWith("/login")) return "login";
  return status;
}

test("every route answers each role as the matrix says, resident A's attempt stays A's, and no GET changes data", async ({
  browser,
  baseURL,
  allowConsole,
}) => {
  test.setTimeout(120_000);
  allowConsole(/status of (401|403|404)/);
  const db = await e2eDb();
  const bySlug = async (slug: string) => (await db.select().from(contests).where(eq(contests.slug, slug)))[0];
  const [open, c2022, stage] = await Promise.all([
    bySlug("cchc-cds-2026"),
    bySlug("cchc-2022"),
    bySlug("hoi-thi-tuyen-truyen-2026"),
  ]);
  const [a, b] = [
    await createUser(db, { phone: uniquePhone() }),
    await createUser(db, { phone: uniquePhone() }),
  ];
  const { id: attemptA } = await startAttempt(db, { contest: open, userId: a.id, now: Date.now(), ip: null });

  const clients = {} as Record<Role, APIRequestContext>;
  for (const role of ROLES) {
    const phone =
      role === "residentA" ? a.phone : role === "residentB" ? b.phone : (DEMO_PHONES[role] ?? null);
    clients[role] = await client(
      browser,
      baseURL!,
      phone,
      role.startsWith("resident") ? TEST_PASSWORD : "hoithi2026",
    );
  }

  const everyone = (o: Outcome) => Object.fromEntries(ROLES.map((r) => [r, o])) as Record<Role, Outcome>;
  const signedIn = { ...everyone(200), anonymous: "login" as Outcome };
  const only = (allowed: Role[]) => ({
    ...everyone(403),
    anonymous: "login" as Outcome,
    ...Object.fromEntries(allowed.map((r) => [r, 200])),
  });
  const organisers = only(["organiser", "admin"]);
  const committee = only(["committee", "admin"]);
  const ownerOnly = { ...everyone(404), anonymous: "login" as Outcome, residentA: 200 as Outcome };

  const matrix: [string, Record<Role, Outcome>][] = [
    ["/", everyone(200)],
    [`/contests/${open.slug}`, everyone(200)],
    [`/contests/${c2022.slug}/results`, everyone(200)],
    [`/contests/${stage.slug}/scoreboard`, everyone(200)],
    ["/api/contests.json", everyone(200)],
    [`/api/contests/${open.slug}/stats.json`, everyone(200)],
    ["/me/entries", signedIn],
    ["/me/sessions", signedIn],
    ["/me/profile", signedIn],
    ["/forgot-password", everyone(200)],
    ["/reset-password", everyone(200)],
    ["/organiser", organisers],
    ["/organiser/units", organisers],
    ["/organiser/questions", organisers],
    ["/organiser/contests", organisers],
    [`/organiser/contests/${open.id}/teams`, organisers],
    [`/organiser/contests/${open.id}/committee`, organisers],
    ["/organiser/accounts", organisers],
    ["/organiser/audit", organisers],
    [`/organiser/stage/${stage.id}`, organisers],
    [`/organiser/stage/${stage.id}/live`, organisers],
    ["/committee", committee],
    [`/committee/contests/${c2022.id}`, committee],
    // The demo committee member is on the 2022 roster; an admin reads every contest's trail.
    [`/committee/contests/${c2022.id}/audit`, committee],
    [`/committee/stage/${stage.id}`, committee],
    [`/staff/contests/${open.id}/stats`, only(["organiser", "committee", "admin"])],
    ["/judge", only(["judge", "admin"])],
    // Scoring screens need a seat on this contest's jury, which an admin does not have.
    [`/judge/contests/${stage.id}`, only(["judge"])],
    [`/attempts/${attemptA}`, ownerOnly],
    [`/api/attempts/${attemptA}/answers`, { ...everyone(404), anonymous: 401, residentA: 200 }],
  ];

  const dataOf = async () =>
    JSON.stringify([
      await db.select().from(contests).where(eq(contests.id, open.id)),
      await db.select().from(contests).where(eq(contests.id, c2022.id)),
      await db.select().from(attempts).where(eq(attempts.id, attemptA)),
      await db.select().from(answers).where(eq(answers.attemptId, attemptA)),
    ]);
  const before = await dataOf();
  const got: string[] = [];
  const want: string[] = [];
  for (const [url, expected] of matrix) {
    for (const role of ROLES) {
      got.push(`${url} ${role} → ${await outcome(clients[role], url)}`);
      want.push(`${url} ${role} → ${expected[role]}`);
    }
  }
  expect(got).toEqual(want);
  expect(await dataOf(), "no GET changes data").toBe(before);

  // Saving into resident A's attempt: only A can, and nobody else's try leaves a trace.
  const [question] = await db.query.attemptQuestions.findMany({
    where: (q, { eq: is }) => is(q.attemptId, attemptA),
  });
  const save = { questionId: question.questionId, optionIds: [question.options[0].id], base: 0 };
  for (const role of ROLES.filter((r) => r !== "residentA")) {
    expect(await outcome(clients[role], `/api/attempts/${attemptA}/answers`, { post: save }), role).toBe(
      role === "anonymous" ? 401 : 404,
    );
    expect(await outcome(clients[role], `/api/attempts/${attemptA}/submit`, { post: {} }), role).toBe(
      role === "anonymous" ? 401 : 404,
    );
  }
  expect(await db.select().from(answers).where(eq(answers.attemptId, attemptA))).toHaveLength(0);
  expect((await db.select().from(attempts).where(eq(attempts.id, attemptA)))[0].status).toBe("open");
  expect(await outcome(clients.residentA, `/api/attempts/${attemptA}/answers`, { post: save })).toBe(200);
  expect(await db.select().from(answers).where(eq(answers.attemptId, attemptA))).toHaveLength(1);
});

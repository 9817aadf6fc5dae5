/**
 * The load driver: a process of its own (started by bench.ts) that plays
 * many phones over loopback HTTP with keep-alive connections and writes
 * what it measured as JSON. Usage: driver.ts <config.json> <out.json>.
 *
 * Scenarios:
 * - save: `concurrency` connections save answers back to back for `durationMs`.
 * - residents: residents arrive evenly over `rampMs`; each signs in, starts
 *   the quiz, loads the quiz page, saves 20 answers with a think time between
 *   them and submits. Like the quiz page, it retries a save or submit that got
 *   503, 5xx or no answer, and a sign-in that got 503, after Retry-After.
 * - rush: `plans.length` submits spread evenly over `withinMs`, each carrying
 *   one answer that had not reached the server yet.
 * - alternate: as save, flat out, on two servers in turns (their ratio, as the machine drifts).
 * - submits: flat out, `concurrency` connections submit the planned attempts
 *   back to back (each with one unsent answer, as in the rush) until none is
 *   left: the most submits a second the server can do.
 * - get: `requests` GETs of one path, `concurrency` at a time, or at a steady `rate` a second.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createClient } from "@libsql/client";
import type { PlannedAttempt } from "./data";
import { HttpClient, type Reply } from "./http-client";

type Config =
  | {
      scenario: "save";
      base: string;
      plans: PlannedAttempt[];
      concurrency: number;
      durationMs: number;
      rate?: number;
      path?: string;
    }
  | {
      scenario: "residents";
      base: string;
      slug: string;
      phones: string[];
      password: string;
      rampMs: number;
      thinkMs: [number, number];
      databaseUrl: string;
    }
  | { scenario: "rush"; base: string; plans: PlannedAttempt[]; withinMs: number }
  | {
      scenario: "opening";
      base: string;
      slug: string;
      cookies: string[];
      rampMs: number;
      /** As a phone whose contest page has loaded its JavaScript: the start and the quiz page as data requests. */
      hydrated?: boolean;
    }
  | { scenario: "submits"; base: string; plans: PlannedAttempt[]; concurrency: number }
  | {
      scenario: "alternate";
      base: string;
      bases: string[];
      plans: PlannedAttempt[];
      concurrency: number;
      rounds: number;
      roundMs: number;
    }
  | {
      scenario: "get";
      base: string;
      path: string;
      cookie?: string;
      concurrency: number;
      requests: number;
      /** Requests a second, each sent on time whatever is still waiting (concurrency then ignored); flat out when left out. */
      rate?: number;
    };

const [configFile, outFile] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, "utf8")) as Config;
const client = new HttpClient(config.base);
const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  client.send(method, path, { Origin: config.base, ...headers }, body);

/** Latencies of one kind of request, and how its requests ended. */
class Series {
  times: number[] = [];
  statuses: Record<string, number> = {};
  record(ms: number, status: number | string) {
    this.times.push(ms);
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
  }
  summary(seconds?: number) {
    const sorted = [...this.times].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
    return {
      count: sorted.length,
      rps: seconds ? sorted.length / seconds : undefined,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: sorted.at(-1) ?? 0,
      statuses: this.statuses,
    };
  }
}

async function timed(series: Series, run: () => Promise<Reply>) {
  const started = performance.now();
  try {
    const reply = await run();
    series.record(performance.now() - started, reply.status);
    return reply;
  } catch (error) {
    series.record(performance.now() - started, (error as Error).message);
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (reply: Reply | null) => !reply || reply.status >= 500;
const retryAfterMs = (reply: Reply | null) =>
  Math.min(5, Number(reply?.headers["retry-after"] ?? 1) || 1) * 1000;
const json = { "Content-Type": "application/json" };

/** Sends until the server answers with something other than 5xx (as the quiz page does); counts the retries. */
async function untilAnswered(series: Series, retries: { count: number }, run: () => Promise<Reply>) {
  const started = performance.now();
  for (;;) {
    const reply = await timed(new Series(), run);
    if (!retryable(reply)) {
      series.record(performance.now() - started, reply!.status);
      return reply!;
    }
    retries.count++;
    await sleep(retryAfterMs(reply) * (0.5 + Math.random()));
  }
}

type Send = typeof send;
type SaveRound = Pick<
  Extract<Config, { scenario: "save" }>,
  "plans" | "concurrency" | "durationMs" | "rate" | "path"
>;

/**
 * Closed loop (no `rate`): every connection saves again as soon as it has an
 * answer, which finds the most the server can do. Paced (`rate` saves per
 * second over all connections): each connection saves on a fixed schedule,
 * and latency counts from the scheduled moment, so a slow server cannot hide
 * its queue by slowing the client down.
 *
 * Each save replaces the version the server holds (decision 006), so every
 * save is a real write. A conflict (409, another path that writes nothing) is
 * counted as stale; the first save of a question whose version `versions`
 * does not know yet learns the version an earlier run left.
 */
async function saveRound(via: Send, c: SaveRound, versions: Map<string, number>) {
  const saves = new Series();
  const started = performance.now();
  const stopAt = started + c.durationMs;
  const interval = c.rate ? (c.concurrency / c.rate) * 1000 : 0;
  let stale = 0;
  await Promise.all(
    Array.from({ length: c.concurrency }, async (_, i) => {
      const plan = c.plans[i % c.plans.length];
      let due = started + (interval * i) / c.concurrency;
      for (let k = 0; due < stopAt; k++) {
        if (interval) await sleep(due - performance.now());
        const q = plan.questions[k % plan.questions.length];
        const key = `${plan.attemptId}:${q.id}`;
        const body = JSON.stringify({
          questionId: q.id,
          optionIds: [q.optionIds[k % q.optionIds.length]],
          base: versions.get(key) ?? 0,
        });
        const sentFor = interval ? due : performance.now();
        let status: number | string;
        try {
          const reply = await via(
            "POST",
            c.path ?? `/api/attempts/${plan.attemptId}/answers`,
            { ...json, Cookie: plan.cookie },
            body,
          );
          status = reply.status;
          if (status === 200 || status === 409) {
            const { version } = JSON.parse(reply.body) as { version: number };
            if (status === 409 && versions.has(key)) stale++;
            versions.set(key, version);
            // A first-save conflict is a read of the held version, not a measured save.
            if (status === 409) status = 200;
          }
        } catch (error) {
          status = (error as Error).message;
        }
        saves.record(performance.now() - sentFor, status);
        due = interval ? due + interval : performance.now();
      }
    }),
  );
  return { saves, stale, seconds: (performance.now() - started) / 1000 };
}

async function saveScenario(c: Extract<Config, { scenario: "save" }>) {
  const { saves, stale, seconds } = await saveRound(send, c, new Map());
  return { saves: saves.summary(seconds), stale, offeredRate: c.rate };
}

/**
 * Two servers on one database, flat out in turns: `rounds` rounds of
 * `roundMs` on each, the order swapped every round, after a round on each
 * that is not counted (it learns every question's version). This machine's
 * speed drifts by up to 2× within a minute, so two servers measured one after
 * the other compare the moments as much as the servers; in turns, each
 * round's pair meets the same moment.
 */
async function alternateScenario(c: Extract<Config, { scenario: "alternate" }>) {
  const clients = c.bases.map((base) => {
    const client = new HttpClient(base);
    const via: Send = (method, path, headers = {}, body) =>
      client.send(method, path, { Origin: base, ...headers }, body);
    return { client, via };
  });
  const round = { plans: c.plans, concurrency: c.concurrency, durationMs: c.roundMs };
  const versions = new Map<string, number>();
  for (const { via } of clients) await saveRound(via, round, versions);
  const totals = c.bases.map(() => ({ saves: 0, seconds: 0, failed: 0, stale: 0 }));
  const rounds: number[][] = [];
  for (let r = 0; r < c.rounds; r++) {
    const rates: number[] = [];
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const { saves, stale, seconds } = await saveRound(clients[i].via, round, versions);
      const ok = saves.statuses[200] ?? 0;
      totals[i].saves += ok;
      totals[i].seconds += seconds;
      totals[i].failed += saves.times.length - ok;
      totals[i].stale += stale;
      rates[i] = ok / seconds;
    }
    rounds.push(rates);
  }
  for (const { client } of clients) client.close();
  return {
    rates: totals.map((t) => t.saves / t.seconds),
    failed: totals.map((t) => t.failed),
    stale: totals.map((t) => t.stale),
    rounds,
  };
}

async function residentsScenario(c: Extract<Config, { scenario: "residents" }>) {
  const db = createClient({ url: c.databaseUrl, intMode: "number" });
  const series = {
    signIn: new Series(),
    start: new Series(),
    page: new Series(),
    save: new Series(),
    submit: new Series(),
  };
  const retries = {
    signIn: { count: 0 },
    start: { count: 0 },
    page: { count: 0 },
    save: { count: 0 },
    submit: { count: 0 },
  };
  const refused: string[] = [];
  const expected: Record<string, Record<number, number>> = {};
  const started = performance.now();
  const think = () => c.thinkMs[0] + Math.random() * (c.thinkMs[1] - c.thinkMs[0]);

  async function resident(phone: string) {
    const form = new URLSearchParams({ phone, password: c.password, redirectTo: "/" }).toString();
    const signIn = await untilAnswered(series.signIn, retries.signIn, () =>
      send("POST", "/login", { "Content-Type": "application/x-www-form-urlencoded" }, form),
    );
    const cookie = String(signIn.headers["set-cookie"]?.[0] ?? "").split(";")[0];
    if (signIn.status !== 302 || !cookie) return refused.push(`${phone}: sign-in ${signIn.status}`);
    // A busy page or no answer: the resident waits and presses again, as the page tells them to.
    const start = await untilAnswered(series.start, retries.start, () =>
      send("POST", `/contests/${c.slug}`, { Cookie: cookie }),
    );
    const location = String(start.headers.location ?? "");
    if (!location.startsWith("/attempts/")) return refused.push(`${phone}: start ${start.status}`);
    const attemptId = location.slice("/attempts/".length);
    await untilAnswered(series.page, retries.page, () => send("GET", location, { Cookie: cookie }));
    // The page shows the drawn questions; reading them from the database spares parsing the HTML.
    const rows = await db.execute({
      sql: "SELECT question_id AS id, options FROM attempt_questions WHERE attempt_id = ? ORDER BY position",
      args: [attemptId],
    });
    const chosen: Record<number, number> = {};
    for (const row of rows.rows) {
      await sleep(think());
      const options = JSON.parse(String(row.options)) as { id: number }[];
      const optionId = options[Math.floor(Math.random() * options.length)].id;
      const body = JSON.stringify({ questionId: Number(row.id), optionIds: [optionId], base: 0 });
      const reply = await untilAnswered(series.save, retries.save, () =>
        send("POST", `/api/attempts/${attemptId}/answers`, { ...json, Cookie: cookie }, body),
      );
      if (reply.status !== 200) refused.push(`${phone}: save ${reply.status} ${reply.body}`);
      chosen[Number(row.id)] = optionId;
    }
    expected[attemptId] = chosen;
    await sleep(think());
    const submit = await untilAnswered(series.submit, retries.submit, () =>
      send(
        "POST",
        `/api/attempts/${attemptId}/submit`,
        { ...json, Cookie: cookie },
        JSON.stringify({ unsent: [] }),
      ),
    );
    if (submit.status !== 200) refused.push(`${phone}: submit ${submit.status}`);
  }

  await Promise.all(
    c.phones.map(async (phone, i) => {
      await sleep((i / c.phones.length) * c.rampMs);
      await resident(phone);
    }),
  );
  db.close();
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    signIn: series.signIn.summary(),
    start: series.start.summary(),
    page: series.page.summary(),
    save: series.save.summary(seconds),
    submit: series.submit.summary(),
    retries: Object.fromEntries(Object.entries(retries).map(([k, v]) => [k, v.count])),
    refused,
    expected,
  };
}

/**
 * The opening wave: residents who signed in on an earlier day (their session
 * cookies) arrive evenly over `rampMs` as the contest opens; each presses
 * "Bắt đầu làm bài", confirms and loads the quiz page, as a page without
 * JavaScript does (HTML) or, `hydrated`, as a loaded page does (data
 * requests). No password anywhere.
 */
async function openingScenario(c: Extract<Config, { scenario: "opening" }>) {
  const series = { confirm: new Series(), start: new Series(), page: new Series() };
  const retries = { count: 0 };
  const refused: string[] = [];
  // A loaded page asks for the next page's routes with its build's version (lazy route discovery).
  const version = c.hydrated
    ? /\/assets\/manifest-(\w+)\.js/.exec(
        (await send("GET", `/contests/${c.slug}`, { Cookie: c.cookies[0] })).body,
      )?.[1]
    : undefined;
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const started = performance.now();
  await Promise.all(
    c.cookies.map(async (cookie, i) => {
      await sleep((i / c.cookies.length) * c.rampMs);
      // A phone's browser takes compressed replies, and the app compresses those over 1 KB (the
      // pages and the quiz data): that costs the server CPU, so the wave asks as a phone does.
      const as = { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br" };
      // The requests a browser makes, found with Playwright: a loaded page asks for route data
      // (.data, only the routes that change) and hears of the start's redirect in the reply (202);
      // without JavaScript, each step is a page of HTML and the start a 302.
      // 1. "Bắt đầu làm bài": the confirmation (Xác nhận bắt đầu) on the contest page. A loaded page
      // shows it without asking the server.
      if (!c.hydrated) {
        const confirm = await untilAnswered(series.confirm, retries, () =>
          send("GET", `/contests/${c.slug}?bat-dau=1`, as),
        );
        if (confirm.status !== 200) return refused.push(`confirm ${confirm.status}`);
      }
      // 2. "Bắt đầu làm bài" again, in the confirmation: the start.
      const start = await untilAnswered(series.start, retries, () =>
        send("POST", `/contests/${c.slug}${c.hydrated ? ".data" : ""}?bat-dau=1`, { ...as, ...form }, ""),
      );
      const location = c.hydrated
        ? (/"(\/attempts\/[\w-]+)"/.exec(start.body)?.[1] ?? "")
        : String(start.headers.location ?? "");
      if (!location.startsWith("/attempts/")) return refused.push(`start ${start.status}`);
      // 3. The quiz page: its route (lazy discovery) and its data, or its HTML.
      const page = await untilAnswered(series.page, retries, async () => {
        if (!c.hydrated) return send("GET", location, as);
        const manifest = await send(
          "GET",
          `/__manifest?p=${encodeURIComponent(location)}&version=${version}`,
          as,
        );
        if (manifest.status !== 200) return manifest;
        return send("GET", `${location}.data?_routes=${encodeURIComponent("routes/attempts.$id")}`, as);
      });
      if (page.status !== 200) refused.push(`page ${page.status}`);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    confirm: series.confirm.summary(),
    start: series.start.summary(seconds),
    page: series.page.summary(),
    retries: retries.count,
    refused,
  };
}

async function rushScenario(c: Extract<Config, { scenario: "rush" }>) {
  const submits = new Series();
  const retries = { count: 0 };
  const refused: string[] = [];
  const started = performance.now();
  await Promise.all(
    c.plans.map(async (plan, i) => {
      await sleep((i / c.plans.length) * c.withinMs);
      // The last answer was chosen just before the deadline and is still in the phone's outbox.
      const reply = await untilAnswered(submits, retries, () => submitWithLastAnswer(plan));
      if (reply.status !== 200) refused.push(`${plan.attemptId}: ${reply.status} ${reply.body}`);
    }),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    submit: submits.summary(),
    retries: retries.count,
    refused,
  };
}

/** The submit of the rush: one answer chosen on the version answerAll saved, still in the outbox. */
function submitWithLastAnswer(plan: PlannedAttempt) {
  const q = plan.questions[0];
  const unsent = [{ questionId: q.id, optionIds: [q.optionIds[1]], base: 0 }];
  return send(
    "POST",
    `/api/attempts/${plan.attemptId}/submit`,
    { ...json, Cookie: plan.cookie },
    JSON.stringify({ unsent }),
  );
}

async function submitsScenario(c: Extract<Config, { scenario: "submits" }>) {
  const submits = new Series();
  const retries = { count: 0 };
  const refused: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: c.concurrency }, async () => {
      while (next < c.plans.length) {
        const plan = c.plans[next++];
        const reply = await untilAnswered(submits, retries, () => submitWithLastAnswer(plan));
        if (reply.status !== 200) refused.push(`${plan.attemptId}: ${reply.status} ${reply.body}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, submit: submits.summary(seconds), retries: retries.count, refused };
}

async function getScenario(c: Extract<Config, { scenario: "get" }>) {
  const headers = c.cookie ? { Cookie: c.cookie } : undefined;
  const cold = new Series();
  await timed(cold, () => send("GET", c.path, headers));
  const series = new Series();
  let next = 0;
  const started = performance.now();
  const rate = c.rate;
  await Promise.all(
    rate
      ? Array.from({ length: c.requests }, async (_, i) => {
          await sleep((i / rate) * 1000);
          await timed(series, () => send("GET", c.path, headers));
        })
      : Array.from({ length: c.concurrency }, async () => {
          while (next++ < c.requests) await timed(series, () => send("GET", c.path, headers));
        }),
  );
  return { cold: cold.summary(), get: series.summary((performance.now() - started) / 1000) };
}

const result =
  config.scenario === "save"
    ? await saveScenario(config)
    : config.scenario === "residents"
      ? await residentsScenario(config)
      : config.scenario === "rush"
        ? await rushScenario(config)
        : config.scenario === "submits"
          ? await submitsScenario(config)
          : config.scenario === "opening"
            ? await openingScenario(config)
            : config.scenario === "alternate"
              ? await alternateScenario(config)
              : await getScenario(config);
writeFileSync(outFile, JSON.stringify(result));
client.close();

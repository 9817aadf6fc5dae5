/**
 * `BENCH_ONLY=import npm run bench` (issue 19, item 5): large question imports
 * through the production server, as an organiser's browser posts them. On a
 * fresh database with the demo data: an XLSX of N new questions, the bank's
 * XLSX and CSV exports of them, the XLSX export re-imported with every prompt
 * changed (the preview, then its apply), a CSV of N more and a Word file. Each
 * step is one request timed end to end (the whole answer read), and the
 * questions in the database are counted after it: an import must add exactly
 * its questions, or the bench reports a problem.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { seedDemo } from "../../seeds/demo";
import { createSession } from "../../app/utils/session.server";
import { QUESTION_HEADERS, QUESTION_TEMPLATE_ROWS } from "../../app/models/question-import.server";
import { writeCsv, writeXlsx } from "../../app/models/spreadsheet.server";
import { wordFile, type WordFixtureQuestion } from "../fixtures/word";
import { startNode, stop } from "./processes";

export type ImportRow = {
  step: string;
  file: string;
  questions: number;
  seconds: number;
  perSecond: number;
  /** The largest server process's resident memory during the request (sampled every 50 ms). */
  peakMb: number;
  /** The sum over the server's processes at the same moments. */
  peakTotalMb: number;
  note: string;
};

export type ImportBenchOptions = {
  root: string;
  port: number;
  env: (databaseUrl: string, dataDir: string, workers: number) => Record<string, string>;
  smoke: boolean;
  problems: string[];
  log: (line: string) => void;
};

/** The bench's questions carry this tag, so the export holds them and not the demo's. */
const TAG = "đo tải";

function questionRow(prefix: string, i: number) {
  const row = [...QUESTION_TEMPLATE_ROWS[0]];
  row[0] = `${prefix}-${String(i).padStart(5, "0")}`;
  row[1] = i % 2 ? "CĐS" : "CCHC";
  row[3] = `Câu hỏi đo tải ${prefix} số ${i}: theo quy định hiện hành, phương án nào sau đây là đúng?`;
  for (let k = 0; k < 4; k++) row[4 + k] = `Phương án ${"ABCD"[k]} của câu ${i}`;
  row[10] = "ABCD"[i % 4];
  row[11] = `Giải thích cho câu ${i}.`;
  row[13] = TAG;
  return row;
}

function wordQuestions(n: number): WordFixtureQuestion[] {
  return Array.from({ length: n }, (_, i) => ({
    prompt: `Câu hỏi Word đo tải số ${i}: theo quy định hiện hành, phương án nào sau đây là đúng?`,
    options: Array.from({ length: 4 }, (_, k) =>
      k === i % 4
        ? { text: `Phương án đúng của câu ${i}`, correct: true }
        : `Phương án sai ${k} của câu ${i}`,
    ),
    answerStyle: "bold" as const,
  }));
}

function processesOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push(Number(entry), ...processesOf(Number(entry)));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** Samples the resident memory of the server's processes while `work` runs. */
async function sampled<T>(pids: number[], work: () => Promise<T>) {
  let largest = 0;
  let total = 0;
  const sample = () => {
    const rss = pids.map((p) => {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
        return match ? Number(match[1]) / 1024 : 0;
      } catch {
        return 0;
      }
    });
    largest = Math.max(largest, ...rss);
    total = Math.max(
      total,
      rss.reduce((a, b) => a + b, 0),
    );
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    sample();
    return { result, seconds, largest, total };
  } finally {
    clearInterval(timer);
  }
}

export async function importBench(o: ImportBenchOptions) {
  const N = o.smoke ? 200 : 10_000;
  const WORD = o.smoke ? 50 : 2_000;
  const dir = path.join(o.root, "import");
  mkdirSync(dir);
  const url = `file:${path.join(dir, "import.db")}`;
  const { db, client } = await openDatabase(url);
  await migrateDatabase(db);
  await seedDemo(db);
  const [organiser] = await db.all<{ id: number }>(sql`SELECT id FROM users WHERE phone = '0900000002'`);
  const cookie = (await createSession(db, organiser.id, Date.now())).split(";")[0];
  const counts = async () =>
    (
      await db.all<{ questions: number; options: number; edited: number }>(sql`
        SELECT (SELECT count(*) FROM questions) AS questions,
          (SELECT count(*) FROM question_options) AS options,
          (SELECT count(*) FROM questions WHERE prompt LIKE '% (sửa)') AS edited`)
    )[0];

  o.log(`(import) writing the files: ${N} rows XLSX and CSV, ${WORD} Word questions …`);
  const files = {
    xlsx: await writeXlsx(
      "Câu hỏi",
      QUESTION_HEADERS,
      Array.from({ length: N }, (_, i) => questionRow("BX", i)),
    ),
    csv: writeCsv(
      QUESTION_HEADERS,
      Array.from({ length: N }, (_, i) => questionRow("BC", i)),
    ),
    docx: await wordFile(wordQuestions(WORD)),
  };

  const app = await startNode("build/server.js", o.env(url, dir, 2), o.port);
  const pids = [app.proc.pid!, ...processesOf(app.proc.pid!)];
  const headers = { Cookie: cookie, Origin: app.base };
  const rows: ImportRow[] = [];
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(2)} MB`;

  /** Posts the import form as a browser without scripts does and reads the page it answers with. */
  const postFile = (bytes: Uint8Array | string, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append("file", new File([typeof bytes === "string" ? bytes : Buffer.from(bytes)], name));
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return fetch(`${app.base}/organiser/questions?index`, { method: "POST", body: form, headers }).then(
      async (r) => ({ status: r.status, html: await r.text() }),
    );
  };
  const imported = (html: string) => {
    const m = /Đã nhập ([\d.,]+) (dòng|câu hỏi)\./.exec(html);
    return m ? Number(m[1].replace(/[.,]/g, "")) : null;
  };
  const record = (
    step: string,
    file: string,
    questions: number,
    run: { seconds: number; largest: number; total: number },
    note = "",
  ) => {
    rows.push({
      step,
      file,
      questions,
      seconds: run.seconds,
      perSecond: questions / run.seconds,
      peakMb: run.largest,
      peakTotalMb: run.total,
      note,
    });
    o.log(
      `(import) ${step}: ${questions} in ${run.seconds.toFixed(2)} s, largest process ${run.largest.toFixed(0)} MB`,
    );
  };
  /** An import that must add exactly `expected` questions (and four options each). */
  const checkAdded = async (
    step: string,
    before: { questions: number; options: number },
    expected: number,
    html: string,
    status: number,
  ) => {
    const after = await counts();
    const shown = imported(html);
    if (status !== 200 || shown !== expected)
      o.problems.push(
        `(import) ${step}: answered ${status}, "${shown === null ? "no 'Đã nhập' message" : `Đã nhập ${shown}`}", expected ${expected}`,
      );
    if (after.questions - before.questions !== expected || after.options - before.options !== 4 * expected)
      o.problems.push(
        `(import) ${step}: added ${after.questions - before.questions} questions and ${after.options - before.options} options, expected ${expected} and ${4 * expected}`,
      );
    return after;
  };

  try {
    // A first request, so no step pays for loading the server's modules.
    await fetch(`${app.base}/organiser/questions`, { headers }).then((r) => r.text());

    let before = await counts();
    const xlsx = await sampled(pids, () => postFile(files.xlsx, "cau-hoi.xlsx"));
    before = await checkAdded("XLSX import", before, N, xlsx.result.html, xlsx.result.status);
    record("import, new questions", `XLSX, ${mb(files.xlsx.byteLength)}`, N, xlsx);

    const page = await sampled(pids, () =>
      fetch(`${app.base}/organiser/questions`, { headers }).then((r) => r.text()),
    );
    record(
      "the questions page (GET: the count, and the first 200 listed)",
      `HTML, ${mb(Buffer.byteLength(page.result))}`,
      before.questions,
      page,
      "the import's answer renders this page too",
    );

    const data = await sampled(pids, () =>
      fetch(`${app.base}/organiser/questions.data`, { headers }).then((r) => r.text()),
    );
    record(
      "… its data only (GET .data, no HTML)",
      `turbo-stream, ${mb(Buffer.byteLength(data.result))}`,
      before.questions,
      data,
      "what the page's script loads after a form post",
    );

    const exports: Record<string, Uint8Array> = {};
    for (const format of ["xlsx", "csv"] as const) {
      const run = await sampled(pids, () =>
        fetch(`${app.base}/organiser/questions/export/${format}?tag=${encodeURIComponent(TAG)}`, {
          headers,
        }).then(async (r) => ({ status: r.status, bytes: new Uint8Array(await r.arrayBuffer()) })),
      );
      exports[format] = run.result.bytes;
      if (run.result.status !== 200)
        o.problems.push(`(import) ${format} export answered ${run.result.status}`);
      record(`export (GET)`, `${format.toUpperCase()}, ${mb(run.result.bytes.byteLength)}`, N, run);
    }

    // The export edited as an organiser would: every prompt changed, then imported back.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exports.xlsx) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const promptColumn = QUESTION_HEADERS.indexOf("Câu hỏi") + 1;
    let editedRows = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.getCell(promptColumn).value = `${String(row.getCell(promptColumn).value)} (sửa)`;
      editedRows++;
    });
    if (editedRows !== N) o.problems.push(`(import) the XLSX export had ${editedRows} rows, expected ${N}`);
    const edited = new Uint8Array(await book.xlsx.writeBuffer());
    const preview = await sampled(pids, () => postFile(edited, "ngan-hang-sua.xlsx"));
    const token = /name="token" value="([^"]+)"/.exec(preview.result.html)?.[1];
    const unchanged = await counts();
    if (preview.result.status !== 200 || !token)
      o.problems.push(`(import) re-import: answered ${preview.result.status} without a preview`);
    if (unchanged.questions !== before.questions || unchanged.edited !== 0)
      o.problems.push(`(import) re-import: the preview changed the bank`);
    record(
      "re-import of the export, every prompt changed: preview",
      `XLSX, ${mb(edited.byteLength)}`,
      N,
      preview,
    );

    const apply = await sampled(pids, () =>
      fetch(`${app.base}/organiser/questions?index`, {
        method: "POST",
        body: new URLSearchParams({ intent: "applyImport", token: token ?? "" }),
        headers,
      }).then(async (r) => ({ status: r.status, html: await r.text() })),
    );
    const applied = await counts();
    if (apply.result.status !== 200 || applied.edited !== N || applied.questions !== before.questions)
      o.problems.push(
        `(import) apply: answered ${apply.result.status}, ${applied.edited} of ${N} prompts changed, ${applied.questions - before.questions} questions added`,
      );
    record("… apply (intent=applyImport)", "the preview's token", N, apply);

    before = applied;
    const csv = await sampled(pids, () => postFile(files.csv, "cau-hoi.csv"));
    before = await checkAdded("CSV import", before, N, csv.result.html, csv.result.status);
    record("import, new questions", `CSV, ${mb(Buffer.byteLength(files.csv))}`, N, csv);

    const word = await sampled(pids, () => postFile(files.docx, "cau-hoi.docx", { wordCategory: "CDS" }));
    before = await checkAdded("Word import", before, WORD, word.result.html, word.result.status);
    record("import, new questions", `Word .docx, ${mb(files.docx.byteLength)}`, WORD, word);
  } finally {
    await stop(app);
    client.close();
  }
  return rows;
}

/** The scenario's table, in markdown. */
export function importTable(rows: ImportRow[]) {
  const lines = [
    "| step | file | questions | seconds | questions/s | server peak RSS: largest process (all) | notes |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.step} | ${r.file} | ${r.questions.toLocaleString("en")} | ${r.seconds.toFixed(2)} | ${Math.round(r.perSecond).toLocaleString("en")} | ${r.peakMb.toFixed(0)} MB (${r.peakTotalMb.toFixed(0)} MB) | ${r.note} |`,
    ),
  ];
  return lines.join("\n");
}

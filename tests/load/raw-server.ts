/**
 * The machine's raw limit for saving an answer: a bare node:http server (no
 * Express, no Remix, no session or ownership checks) that parses the same
 * JSON body and runs the same libSQL upsert as the app, with the same
 * pragmas. RAW_WORKERS > 1 runs one process per worker with node:cluster,
 * as the app does. Env: DATABASE_URL, PORT, RAW_WORKERS.
 */
import cluster from "node:cluster";
import http from "node:http";
import { createClient } from "@libsql/client";

const workers = Number(process.env.RAW_WORKERS ?? 1);
const GRACE_MS = 5000;

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    process.exit(0);
  });
} else {
  const url = process.env.DATABASE_URL!;
  const client = createClient({ url, intMode: "number" });
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA foreign_keys = ON");
    await client.execute("PRAGMA synchronous = NORMAL");
  }
  const route = /^\/api\/attempts\/([^/]+)\/answers$/;
  http
    .createServer((req, res) => {
      const match = route.exec(req.url ?? "");
      if (req.method !== "POST" || !match) {
        res.writeHead(req.url === "/healthz" ? 200 : 404).end();
        return;
      }
      let text = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (text += chunk));
      req.on("end", async () => {
        try {
          const body = JSON.parse(text) as { questionId: number; optionIds: number[]; base: number };
          const now = Date.now();
          // The same versioned upsert as the app's (decision 006).
          const result = await client.execute({
            sql: `INSERT INTO answers (attempt_id, question_id, selected, seq, version, saved_at)
                  SELECT ?, ?, ?, 0, ?, ? WHERE EXISTS (
                    SELECT 1 FROM attempts WHERE id = ? AND status = 'open' AND deadline_at + ? >= ?)
                  ON CONFLICT (attempt_id, question_id) DO UPDATE
                    SET selected = excluded.selected, version = excluded.version, saved_at = excluded.saved_at
                    WHERE answers.version + 1 = excluded.version`,
            args: [
              match[1],
              body.questionId,
              JSON.stringify(body.optionIds),
              body.base + 1,
              now,
              match[1],
              GRACE_MS,
              now,
            ],
          });
          if (result.rowsAffected === 0) {
            // A conflict: tell the driver the version held, as the app does.
            const held = await client.execute({
              sql: "SELECT version FROM answers WHERE attempt_id = ? AND question_id = ?",
              args: [match[1], body.questionId],
            });
            res.writeHead(409, { "Content-Type": "application/json" });
            res.end(
              JSON.stringify({ error: "answer.conflict", version: Number(held.rows[0]?.version ?? 0) }),
            );
            return;
          }
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ ok: true, version: body.base + 1 }));
        } catch {
          res.writeHead(500).end();
        }
      });
    })
    .listen(Number(process.env.PORT), "127.0.0.1");
  process.on("SIGTERM", () => process.exit(0));
}

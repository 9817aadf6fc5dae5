import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeTurn } from "./write-turns";

describe("write turns", () => {
  it("is at once outside a cluster", async () => {
    const end = await writeTurn();
    expect(end).toBeTypeOf("function");
    end();
  });

  it("gives the turn to one worker at a time, each turn in full, and takes it back from a worker that dies", () => {
    const log = path.join(mkdtempSync(path.join(tmpdir(), "hoithi-turns-")), "turns.log");
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", path.resolve("tests/fixtures/write-turns-cluster.ts"), log],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = readFileSync(log, "utf8").trim().split("\n");
    const turns = lines.filter((line) => !line.startsWith("3 "));
    // 40 turns each for workers 1 and 2, every start followed by its own end: nobody wrote meanwhile.
    expect(turns).toHaveLength(160);
    for (let i = 0; i < turns.length; i += 2) {
      const [who] = turns[i].split(" ");
      expect([turns[i], turns[i + 1]]).toEqual([`${who} start`, `${who} end`]);
    }
    expect(new Set(turns.map((line) => line.split(" ")[0]))).toEqual(new Set(["1", "2"]));
    expect(lines).toContain("3 died holding the turn");
  });
});

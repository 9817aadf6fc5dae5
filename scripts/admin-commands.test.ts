import { count, eq } from "drizzle-orm";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { questions, units, users } from "../db/schema";
import { authenticate } from "../app/models/sign-in.server";
import { createTestDb } from "../tests/setup/test-db";
import { createClient } from "@libsql/client";
import sharp from "sharp";
import { preparePicture, storePictures } from "~/models/images.server";
import { COMMAND_LINE } from "~/utils/permissions.server";
import { runAdminCommand } from "./admin-commands";

describe("admin command line", () => {
  it("sets up a ward from nothing: first admin, units, questions, password reset, backup", async () => {
    const { db } = await createTestDb();
    await runAdminCommand(db, ["set-ward", "--name", "Phường Mới", "--province", "Tỉnh Mới"]);
    expect(
      await runAdminCommand(db, [
        "create-admin",
        "--phone",
        "0911 222 333",
        "--name",
        "Quản trị",
        "--password",
        "matkhau-dai",
      ]),
    ).toEqual([expect.stringContaining("0911222333")]);
    const [admin] = await db.select().from(users).where(eq(users.phone, "0911222333"));
    expect(admin.role).toBe("admin");
    expect(await authenticate(db, "0911222333", "matkhau-dai")).not.toBeNull();

    expect(await runAdminCommand(db, ["import-units", "tests/fixtures/units.csv"])).toEqual([
      "Imported 3 units.",
    ]);
    expect(await runAdminCommand(db, ["import-questions", "tests/fixtures/questions.xlsx"])).toEqual([
      "Imported 24 questions.",
    ]);
    await expect(
      runAdminCommand(db, ["import-questions", "tests/fixtures/questions-bad.csv"]),
    ).rejects.toThrow(/Nothing imported\. \d+ problem/);
    expect((await db.select({ n: count() }).from(questions))[0].n).toBe(24);
    expect((await db.select({ n: count() }).from(units))[0].n).toBe(3);

    const [line] = await runAdminCommand(db, ["reset-password", "--phone", "0911222333"]);
    const password = line.split(": ")[1];
    expect(await authenticate(db, "0911222333", password)).not.toBeNull();
    expect(await authenticate(db, "0911222333", "matkhau-dai")).toBeNull();

    // A question's picture lives in the database, so the backup holds it.
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#0b5cad" } })
      .png()
      .toBuffer();
    const [picture] = await storePictures(db, [await preparePicture(png)], COMMAND_LINE);
    const backup = path.join(tmpdir(), `hoithi-backup-${Date.now()}.db`);
    await runAdminCommand(db, ["backup", backup]);
    expect(existsSync(backup)).toBe(true);
    const copy = createClient({ url: `file:${backup}` });
    const { rows } = await copy.execute({
      sql: "SELECT width, height FROM images WHERE key = ?",
      args: [picture.key],
    });
    copy.close();
    expect(rows.map((r) => [r.width, r.height])).toEqual([[40, 30]]);
  });

  it("refuses bad input with a clear message", async () => {
    const { db } = await createTestDb();
    await expect(
      runAdminCommand(db, ["create-admin", "--phone", "123", "--name", "X", "--password", "matkhau-dai"]),
    ).rejects.toThrow("--phone");
    await expect(
      runAdminCommand(db, ["create-admin", "--phone", "0911222333", "--name", "X", "--password", "ngan"]),
    ).rejects.toThrow("at least 8");
    await expect(runAdminCommand(db, ["reset-password", "--phone", "0999999999"])).rejects.toThrow(
      "No account",
    );
    expect((await runAdminCommand(db, ["help"]))[0]).toContain("Usage");
  });
});

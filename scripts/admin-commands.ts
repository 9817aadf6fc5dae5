/**
 * The admin command line's commands, as a function over a database so tests
 * can run them on a temp file. The CLI wrapper is scripts/admin.ts.
 */
import { eq, sql } from "drizzle-orm";
import { COMMAND_LINE } from "~/utils/permissions.server";
import { readFileSync, statSync } from "node:fs";
import type { Db } from "../db/client";
import { units, users, wards } from "../db/schema";
import { createStaff, resetPassword } from "../app/models/staff-accounts.server";
import { audit } from "../app/models/audit.server";
import { createQuestions, listQuestions } from "../app/models/question-bank.server";
import { parseQuestionImport } from "../app/models/question-import.server";
import { readTable } from "../app/models/spreadsheet.server";
import { createUnits, listUnits, parseUnitTable } from "../app/models/units.server";
import { DomainError } from "../app/utils/errors";
import { capProblems, IMPORT_LIMITS, importLimitVars } from "../app/utils/import-limits";
import { translate, type Message } from "../app/utils/i18n";
import { normalisePhone } from "../app/utils/validation";

export const USAGE = `Usage: npm run admin -- <command> [options]
  create-admin --phone 09xxxxxxxx --name "Họ tên" --password "..."   create an administrator
  reset-password --phone 09xxxxxxxx                                 print a new password for an account
  set-ward --name "Phường …" --province "Tỉnh …"                    name the ward (first run)
  import-units <file.csv|file.xlsx>                                 import units (all or nothing)
  import-questions <file.csv|file.xlsx>                             import questions (all or nothing)
  backup <file.db>                                                  online backup (VACUUM INTO), app may run
  restore <file.db> [--force]                                       check a backup and put it in place (app stopped)`;

function option(args: string[], name: string) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function describeProblems(problems: { line: number; message: Message }[]) {
  const { shown, more } = capProblems(problems);
  return [
    `Nothing imported. ${problems.length} problem(s):`,
    ...shown.map((p) => `  line ${p.line}: ${translate("vi", p.message)}`),
    ...(more ? [`  … and ${more} more (only the first ${shown.length} are listed).`] : []),
  ].join("\n");
}

/** The file's bytes, refusing one over the import limit before reading it into memory. */
function readImportFile(file: string) {
  if (statSync(file).size > IMPORT_LIMITS.fileBytes) throw new DomainError("import.tooLarge", 422);
  return readFileSync(file);
}

/** Runs one command; returns the lines to print, throws an Error with a message for bad input. */
export async function runAdminCommand(db: Db, args: string[]): Promise<string[]> {
  const [command, ...rest] = args;
  const fail = (message: string): never => {
    throw new Error(message);
  };
  try {
    switch (command) {
      case "create-admin": {
        const phone =
          normalisePhone(option(rest, "phone") ?? "") ??
          fail("--phone must be a 10-digit number starting with 0");
        const fullName = option(rest, "name") ?? fail("--name is required");
        const password = option(rest, "password") ?? fail("--password is required (at least 8 characters)");
        if (password.length < 8) fail("--password must have at least 8 characters");
        const id = await createStaff(db, { phone, fullName, role: "admin", password }, COMMAND_LINE);
        return [`Created administrator #${id} (${phone}).`];
      }
      case "reset-password": {
        const phone =
          normalisePhone(option(rest, "phone") ?? "") ??
          fail("--phone must be a 10-digit number starting with 0");
        const [user] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
        if (!user) fail(`No account with phone ${phone}.`);
        return [`New password for ${phone}: ${(await resetPassword(db, user.id, COMMAND_LINE)).password}`];
      }
      case "set-ward": {
        const name = option(rest, "name") ?? fail("--name is required");
        const province = option(rest, "province") ?? "";
        const [ward] = await db.select().from(wards).limit(1);
        if (ward) await db.update(wards).set({ name, province }).where(eq(wards.id, ward.id));
        else await db.insert(wards).values({ name, province });
        await audit(db, { actorUserId: null, action: "cli.setWard", after: { name, province } });
        return [`Ward: ${name}${province ? `, ${province}` : ""}`];
      }
      case "import-units": {
        const table = await readTable(readImportFile(rest[0] ?? fail("a file name is required")));
        const { inputs, problems } = parseUnitTable(
          table,
          new Set((await listUnits(db)).map((u) => u.name.toLowerCase())),
        );
        if (problems.length) fail(describeProblems(problems));
        await createUnits(db, inputs, COMMAND_LINE);
        return [`Imported ${inputs.length} units.`];
      }
      case "import-questions": {
        const table = await readTable(readImportFile(rest[0] ?? fail("a file name is required")));
        const existing = new Set((await listQuestions(db)).flatMap((q) => (q.code ? [q.code] : [])));
        const { inputs, problems } = await parseQuestionImport(db, table, COMMAND_LINE, existing);
        if (problems.length) fail(describeProblems(problems));
        await createQuestions(db, inputs, COMMAND_LINE);
        return [`Imported ${inputs.length} questions.`];
      }
      case "backup": {
        const file = rest[0] ?? fail("a backup file name is required");
        await db.run(sql`VACUUM INTO ${file}`);
        const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(units);
        return [`Backed up to ${file} (${n} units).`];
      }
      default:
        return [USAGE];
    }
  } catch (error) {
    if (error instanceof DomainError) throw new Error(translate("vi", error.code, importLimitVars("vi")));
    throw error;
  }
}

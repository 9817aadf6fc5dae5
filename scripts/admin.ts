/** `npm run admin -- <command>`: first-run setup without demo data. See USAGE. */
import { databaseUrl, openDatabase } from "../db/client";
import { prepareDatabase } from "./setup";
import { runAdminCommand } from "./admin-commands";
import { restoreBackup } from "./restore";

const args = process.argv.slice(2);
if (args[0] === "restore") {
  // Works on files, before anything opens (and so creates) the database.
  const url = databaseUrl();
  try {
    if (!args[1]) throw new Error("a backup file name is required");
    if (!url.startsWith("file:"))
      throw new Error("restore works on an embedded database file (DATABASE_URL=file:…)");
    const counts = await restoreBackup(args[1], url.slice("file:".length), {
      force: args.includes("--force"),
    });
    console.log(
      `Restored ${args[1]} to ${url}: ${Object.entries(counts)
        .map(([t, n]) => `${n} ${t}`)
        .join(", ")}.`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
  process.exit();
}

await prepareDatabase({ seed: false });
const { db, client } = await openDatabase();
try {
  for (const line of await runAdminCommand(db, args)) console.log(line);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  client.close();
}

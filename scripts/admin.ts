/** `npm run admin -- <command>`: first-run setup without demo data. See USAGE. */
import { openDatabase } from "../db/client";
import { prepareDatabase } from "./setup";
import { runAdminCommand } from "./admin-commands";

await prepareDatabase({ seed: false });
const { db, client } = await openDatabase();
try {
  for (const line of await runAdminCommand(db, process.argv.slice(2))) console.log(line);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  client.close();
}

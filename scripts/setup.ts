/**
 * Prepares the database: creates data/, applies committed migrations, and
 * loads the demo data into an empty database (unless --no-seed or SEED=0).
 * Run by `npm start` before serving (compiled to build/setup.js by `npm run build`,
 * so the server runs it with plain Node.js), and by `npm run db:migrate` through tsx.
 */
import { openDatabase, databaseUrl } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedDemoIfEmpty } from "../seeds/demo";

export async function prepareDatabase({ seed = true } = {}) {
  const { db, client } = await openDatabase();
  try {
    await migrateDatabase(db);
    if (seed && process.env.SEED !== "0") {
      const started = Date.now();
      if (await seedDemoIfEmpty(db))
        console.log(`Loaded demo data into ${databaseUrl()} in ${Date.now() - started} ms`);
    }
  } finally {
    client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepareDatabase({ seed: !process.argv.includes("--no-seed") });
  console.log(`Database ready: ${databaseUrl()}`);
}

import { openDatabase } from "#db/client";

/** The process-wide database handle used by loaders and actions. */
export const { db, client } = await openDatabase();

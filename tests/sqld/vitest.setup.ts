import { inject } from "vitest";

// This worker's own sqld (see vitest.global-setup.ts); createTestDb() empties and migrates it per test.
const urls = inject("sqldUrls");
const url = urls[Number(process.env.VITEST_POOL_ID ?? 1) - 1];
if (!url) throw new Error(`no sqld for test worker ${process.env.VITEST_POOL_ID} (${urls.length} started)`);
process.env.TEST_SQLD_URL = url;
process.env.DATABASE_URL = url;

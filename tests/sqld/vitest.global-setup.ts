import type { TestProject } from "vitest/node";
import { startSqld, type Sqld } from "./sqld";

declare module "vitest" {
  export interface ProvidedContext {
    sqldUrls: string[];
  }
}

/** One sqld per test worker (VITEST_POOL_ID 1…n), so workers never share a database. */
export default async function setup(project: TestProject) {
  const workers = project.config.maxWorkers;
  const servers: Sqld[] = [];
  try {
    for (let i = 0; i < workers; i++) servers.push(await startSqld());
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
  project.provide(
    "sqldUrls",
    servers.map((s) => s.url),
  );
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}

/**
 * Which texts residents' pages can show (issue 15: residents' pages carry
 * only residents' texts). Read from the sources at build time (vite.config
 * passes the result to the server bundle as __RESIDENT_TEXTS__) and in tests:
 * every file a route outside the staff areas, or the root, runs or calls on
 * the server, followed through its imports, and the message keys it names:
 * literal keys ("quiz.saved"), and the prefixes of keys built at run time
 * (`unitKind.${kind}`), whose every key is then included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type ResidentTexts = { keys: string[]; prefixes: string[]; files: number };

const STAFF_ROUTE = /^(organiser|committee|judge|staff)[._]/;

export function scanResidentTexts(root = process.cwd()): ResidentTexts {
  const app = path.join(root, "app");
  const seen = new Set<string>();
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  const resolve = (from: string, spec: string) => {
    const base = spec.startsWith("~/")
      ? path.join(app, spec.slice(2))
      : spec.startsWith(".")
        ? path.join(path.dirname(from), spec)
        : null;
    if (!base) return null;
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`])
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    return null;
  };
  const visit = (file: string) => {
    // The dictionaries themselves name every key.
    if (seen.has(file) || file.includes(`${path.sep}messages${path.sep}`) || file.endsWith("i18n.ts")) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, key] of source.matchAll(/["']([a-zA-Z]+\.[\w.]+)["']/g)) keys.add(key);
    for (const [, prefix] of source.matchAll(/`([a-zA-Z]+)\.[\w.]*\$\{/g)) prefixes.add(prefix);
    for (const [, spec] of source.matchAll(/from\s+"([^"]+)"/g)) {
      const target = resolve(file, spec);
      if (target) visit(target);
    }
  };
  for (const route of readdirSync(path.join(app, "routes")))
    if (!STAFF_ROUTE.test(route) && !route.includes(".test.")) visit(path.join(app, "routes", route));
  visit(path.join(app, "root.tsx"));
  return { keys: [...keys].sort(), prefixes: [...prefixes].sort(), files: seen.size };
}

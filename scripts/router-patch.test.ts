/**
 * patches/@remix-run+router+1.23.3.patch (decision 015 and its addendum) changes the server's copy of the
 * router's matching (dist/router.cjs.js): ranked branches kept per route tree, compiled paths kept,
 * and branches skipped whose literal start does not fit the path. The other builds of the same
 * source are untouched (dist/router.js, which the browser's bundle is made from, and
 * dist/router.umd.js, which Node can require as it is), so the UMD one is the reference: over the
 * app's own routes and paths of every kind, both must find the same matches.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import type * as Router from "@remix-run/router";

type Route = Router.AgnosticRouteObject;
const require = createRequire(import.meta.url);
const reference = require("@remix-run/router/dist/router.umd.js") as typeof Router;
const patched = require("@remix-run/router") as typeof Router;
const appDir = fileURLToPath(new URL("../app", import.meta.url));

/** The app's route tree, as the server builds it from app/routes. */
function appRoutes(): Route[] {
  const manifest = flatRoutes(appDir);
  const children = (parentId: string): Route[] =>
    Object.values(manifest)
      .filter((r) => (r.parentId ?? "root") === parentId)
      .map((r): Route =>
        r.index
          ? { id: r.id, path: r.path, index: true }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: children(r.id) },
      );
  return [{ id: "root", path: "", children: children("root") }];
}

/** Paths of every kind: each route's own with sample values, other cases, slashes, and none. */
function samplePaths(routes: Route[]) {
  const paths = new Set([
    "/",
    "",
    "//",
    "/khong-co",
    "/__manifest",
    "/contests//x",
    "/CONTESTS/ABC",
    "/a%2Fb",
  ]);
  const walk = (list: Route[], parent: string) => {
    for (const r of list) {
      const full = path.posix.join(parent, r.path ?? "");
      for (const value of ["abc", "x.y", "Phường-1", "%20"]) {
        const filled = "/" + full.replace(/:[\w-]+\??/g, value).replace(/\*$/, "a/b/c");
        paths.add(filled);
        paths.add(filled.toUpperCase());
        paths.add(`${filled}/`);
        paths.add(`${filled}//`);
        paths.add(`${filled}/them`);
        paths.add(filled.replace(/^\//, "//"));
      }
      walk(r.index ? [] : (r.children ?? []), full);
    }
  };
  walk(routes, "");
  return [...paths];
}

const shape = (matches: ReturnType<typeof Router.matchRoutes>) =>
  matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })) ??
  null;

describe("the server's route matching (patched) against the unpatched build", () => {
  it("finds the same routes and values for every path, asked again and again", () => {
    const routes = appRoutes();
    const paths = samplePaths(routes);
    expect(paths.length).toBeGreaterThan(500);
    let matched = 0;
    for (let round = 0; round < 2; round++)
      for (const p of paths) {
        const expected = shape(reference.matchRoutes(routes, p));
        expect([p, shape(patched.matchRoutes(routes, p))]).toEqual([p, expected]);
        if (expected) matched++;
      }
    // Most sample paths name a real page: the comparison is not between two empty answers.
    expect(matched).toBeGreaterThan(paths.length);
  });
});

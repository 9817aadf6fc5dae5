import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

/** Where the browser bundle's third-party notices are served (every page links it: rel="license"). */
export const NOTICES_FILE = "third-party-licenses.txt";

/**
 * The browser bundle's third-party licence notices in one served file,
 * `/third-party-licenses.txt`, instead of in the JavaScript a phone
 * downloads: terser kept the `@license` comments (the Remix header alone 13
 * times), about 190 bytes of brotli on the quiz page. The file has each
 * bundled package's name, version, licence and LICENSE text, more than the
 * comments carried; every page links it (`<link rel="license">`).
 */
export function licenseNotices(): Plugin {
  return {
    name: "hoithi:license-notices",
    apply: "build",
    generateBundle(_options, bundle) {
      const packages = new Map<string, string>();
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        for (const id of output.moduleIds) {
          const root = packageRoot(id);
          if (root && !packages.has(root)) packages.set(root, notice(root));
        }
      }
      if (packages.size === 0) return;
      this.emitFile({
        type: "asset",
        fileName: NOTICES_FILE,
        source: [...packages.values()].sort().join("\n\n" + "-".repeat(72) + "\n\n") + "\n",
      });
    },
  };
}

/** The folder of the package in node_modules that holds this module, if any. */
function packageRoot(id: string) {
  const file = id.replace(/^\0/, "").split("?")[0];
  const at = file.lastIndexOf("/node_modules/");
  if (at === -1) return null;
  const rest = file.slice(at + "/node_modules/".length).split("/");
  const name = rest[0].startsWith("@") ? rest.slice(0, 2).join("/") : rest[0];
  return path.join(file.slice(0, at), "node_modules", name);
}

function notice(root: string) {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
    license?: string;
  };
  const licenseFile = readdirSync(root).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  const text = licenseFile
    ? readFileSync(path.join(root, licenseFile), "utf8").trim()
    : "(no licence file in the package)";
  return `${pkg.name} ${pkg.version} (${pkg.license ?? "licence not stated"})\n\n${text}`;
}

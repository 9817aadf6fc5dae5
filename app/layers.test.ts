/**
 * The layers of docs/decisions/008-layers-and-forms.md: every import of the
 * app points down (routes → components → forms → models → utils → db), and
 * the README's development map names every module the tree has.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const LAYERS = ["routes", "components", "forms", "models", "utils"] as const;
type Layer = (typeof LAYERS)[number];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const layerOf = (file: string): Layer | null => {
  const [top] = path.relative(path.join(root, "app"), file).split(path.sep);
  return (LAYERS as readonly string[]).includes(top) ? (top as Layer) : null;
};

/** The app files each file imports (through `~/…` or a relative path), type-only imports included. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^\s*(?:import|export)[^"';]*?from\s+"([^"]+)"/gm)].flatMap(([, spec]) => {
    const base = spec.startsWith("~/")
      ? path.join(root, "app", spec.slice(2))
      : spec.startsWith(".")
        ? path.join(path.dirname(file), spec)
        : null;
    return base ? [base] : [];
  });
}

describe("layers", () => {
  const appFiles = filesUnder(path.join(root, "app")).filter((f) => !f.includes(".test."));

  it("every import points to the same layer or one below it", () => {
    const upward: string[] = [];
    for (const file of appFiles) {
      const from = layerOf(file);
      if (!from) continue;
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to && LAYERS.indexOf(to) < LAYERS.indexOf(from))
          upward.push(`${path.relative(root, file)} → ${path.relative(root, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("the README's development map names every model, form, utility and component folder", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const map = readme.slice(readme.indexOf("## Development map"), readme.indexOf("## Testing"));
    const missing = appFiles
      .filter((f) => ["models", "forms", "utils"].includes(layerOf(f) ?? ""))
      .filter((f) => !f.includes(`${path.sep}messages${path.sep}`))
      .map((f) => path.basename(f).replace(/\.tsx?$/, ""))
      .filter((name) => !map.includes(name));
    const folders = readdirSync(path.join(root, "app", "components"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `${d.name}/`)
      .filter((folder) => !map.includes(folder));
    expect([...missing, ...folders]).toEqual([]);
  });
});

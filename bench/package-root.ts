import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of replaygraph's package.json, found by walking up from this module, so the
 * benchmarks find `bench/` whether they run from `dist/bench/` or from the sources.
 *
 * @throws {Error} when no replaygraph package.json is above this module.
 */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "replaygraph") return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error("Cannot find replaygraph's package.json above the benchmark modules; run them from the repository.");
    folder = parent;
  }
}

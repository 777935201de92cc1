import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Scenarios, property tests and benchmarks import the package by its public name, as a user
// would; in tests those names resolve to the TypeScript sources.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^replaygraph$/, replacement: here("./engine/index.ts") },
      { find: /^replaygraph\/sqlite$/, replacement: here("./store/sqlite/index.ts") },
      { find: /^replaygraph\/eventstoredb$/, replacement: here("./store/eventstoredb/index.ts") },
      { find: /^replaygraph\/postgres$/, replacement: here("./store/postgres/index.ts") },
      { find: /^replaygraph\/testing$/, replacement: here("./engine/fuzz/index.ts") },
      { find: /^replaygraph\/prebuilt$/, replacement: here("./engine/prebuilt/index.ts") },
    ],
  },
  test: {
    include: ["engine/**/*.test.ts", "store/**/*.test.ts", "scenarios/**/*.test.ts", "property-tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});

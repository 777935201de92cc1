import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import type { ConformanceLibrary } from "./conformance/conformance-manifest.js";
import { libraryRedirectPlugin } from "./conformance/library-redirect-plugin.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// LangGraph's own tests (conformance/upstream/), run verbatim once per library; see conformance/README.md.
const upstreamCases = [
  "pregel.test.ts",
  "func.test.ts",
  "time_travel.test.ts",
  "time_travel_extended.test.ts",
  "python_port/interrupt.test.ts",
  "python_port/checkpoint.test.ts",
  "python_port/graph_structure.test.ts",
].map((file) => `conformance/upstream/tests/${file}`);

const conformanceProject = (library: ConformanceLibrary): TestProjectInlineConfiguration => ({
  extends: true,
  plugins: [libraryRedirectPlugin(library)],
  test: {
    name: `conformance-${library}`,
    include: upstreamCases,
    setupFiles: ["conformance/upstream/tests/setup.node.ts", "conformance/upstream/tests/matchers/setup.ts"],
    runner: "./conformance/conformance-runner.ts",
    env: { CONFORMANCE_LIBRARY: library },
    includeTaskLocation: true,
    globals: true,
    // A case that hangs on replaygraph costs this long; upstream's slowest cases take ~1 s on LangGraph.
    testTimeout: library === "replaygraph" ? 5_000 : 30_000,
  },
});

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
      { find: /^replaygraph\/server$/, replacement: here("./engine/server/index.ts") },
      { find: /^replaygraph\/zod$/, replacement: here("./engine/zod/index.ts") },
      { find: /^replaygraph\/zod\/schema$/, replacement: here("./engine/zod/schema/index.ts") },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "./conformance/conformance-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "replaygraph",
          include: ["engine/**/*.test.ts", "store/**/*.test.ts", "scenarios/**/*.test.ts", "property-tests/**/*.test.ts"],
        },
      },
      conformanceProject("langgraph"),
      conformanceProject("replaygraph"),
    ],
  },
});

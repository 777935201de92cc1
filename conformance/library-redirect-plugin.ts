import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { isUpstreamFile, upstreamTestsDir, type ConformanceLibrary } from "./conformance-manifest.js";

/**
 * The vite plugin that injects a library into the upstream LangGraph test files: their relative
 * imports of LangGraph's own modules (`../graph/index.js`, `../../constants.js`, ...) resolve to
 * `conformance/libraries/<library>/index.ts`, and on the replaygraph side so does
 * `@langchain/langgraph-checkpoint` (the checkpointer is the library's). Imports between the
 * upstream files themselves (`./utils.js`) and of third-party packages (`@langchain/core`, `zod`)
 * are left alone, but their `vitest` is conformance/upstream-vitest.ts. Only importers inside conformance/upstream/ are touched.
 */
export function libraryRedirectPlugin(library: ConformanceLibrary): Plugin {
  const shim = fileURLToPath(new URL(`./libraries/${library}/index.ts`, import.meta.url));
  const upstreamVitest = fileURLToPath(new URL("./upstream-vitest.ts", import.meta.url));
  return {
    name: `conformance-library-redirect-${library}`,
    enforce: "pre",
    resolveId(source, importer) {
      const importerPath = importer?.split("?")[0];
      if (!importerPath || !isUpstreamFile(importerPath)) return null;
      if (source === "vitest") return upstreamVitest;
      if (source === "@langchain/langgraph-checkpoint") return library === "replaygraph" ? shim : null;
      if (!source.startsWith(".")) return null;
      return resolve(dirname(importerPath), source).startsWith(upstreamTestsDir) ? null : shim;
    },
  };
}

// Node module hooks (module.register) that let a plain `node` child process run this repository's
// TypeScript sources: a relative `./x.js` import resolves to `./x.ts` when only the .ts exists,
// and .ts files are transpiled (types stripped, no type check) with the repository's own
// `typescript` devDependency; the package's own names ("replaygraph", "replaygraph/sqlite", ...)
// resolve to their sources, as in vitest. Used by tests that run workers in real child processes
// (multi-process stores, process restarts, kill -9); Node 20 has no built-in TypeScript support.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const sources = {
  replaygraph: "../../engine/index.ts",
  "replaygraph/sqlite": "../sqlite/index.ts",
  "replaygraph/postgres": "../postgres/index.ts",
  "replaygraph/eventstoredb": "../eventstoredb/index.ts",
  "replaygraph/testing": "../../engine/fuzz/index.ts",
  "replaygraph/prebuilt": "../../engine/prebuilt/index.ts",
};

/** @type {import("node:module").ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  const source = sources[specifier];
  if (source !== undefined) return { url: new URL(source, import.meta.url).href, shortCircuit: true };
  if (specifier.startsWith(".") && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

/** @type {import("node:module").LoadHook} */
export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) return nextLoad(url, context);
  const source = await readFile(new URL(url), "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  return { format: "module", source: outputText, shortCircuit: true };
}

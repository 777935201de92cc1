import { existsSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MissingPeerDependencyError } from "../errors/missing-peer-dependency-error.js";

let syntaxDetection: "registered" | "unavailable" | undefined;
let typeScript: "registered" | undefined;

/**
 * Imports a graph module the way LangGraph's CLI loads `langgraph.json` graphs: an ES module, a
 * CommonJS module (`module.exports = { graph }`: its properties are the exports), a `.js` file with
 * `import` syntax in a CommonJS project, or TypeScript (`.ts`, `.mts`, `.cts`, through `tsx`, an
 * optional peer dependency).
 *
 * @throws {MissingPeerDependencyError} for a TypeScript module when `tsx` is not installed.
 */
export async function importGraphFile(path: string): Promise<Record<string, unknown>> {
  const module = /\.[cm]?tsx?$/.test(path) ? await importTypeScript(path) : await importJavaScript(path);
  return withCommonJsExports(module);
}

async function importJavaScript(path: string): Promise<Record<string, unknown>> {
  registerSyntaxDetection();
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}

async function importTypeScript(path: string): Promise<Record<string, unknown>> {
  let tsx: { register: () => unknown };
  try {
    tsx = (await import("tsx/esm/api")) as typeof tsx;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") {
      throw new MissingPeerDependencyError(`Loading the TypeScript graph module ${path}`, "tsx", { cause: error });
    }
    throw error;
  }
  // Registered for the whole process (not tsx's isolated tsImport): the module's own imports of
  // replaygraph must be the CLI's instance, whose runtime runs its nodes.
  if (!typeScript) typeScript = (tsx.register(), "registered");
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}

/** Registers module-syntax-hooks once; from the TypeScript sources (tests) there is no built hook file, and nothing is registered. */
function registerSyntaxDetection(): void {
  if (syntaxDetection) return;
  const hooks = new URL("./module-syntax-hooks.js", import.meta.url);
  syntaxDetection = existsSync(fileURLToPath(hooks)) ? (register(hooks), "registered") : "unavailable";
}

/** A CommonJS module's `module.exports` arrives as `default`; its properties are the module's exports too. */
function withCommonJsExports(module: Record<string, unknown>): Record<string, unknown> {
  const fallback = module["default"];
  if (typeof fallback !== "object" || fallback === null || Array.isArray(fallback) || "invoke" in fallback) return module;
  return { ...(fallback as Record<string, unknown>), ...module };
}

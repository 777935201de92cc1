import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { LangChainCoreMissingError } from "../store-errors.js";

const require = createRequire(import.meta.url);
const loaded = new Map<string, Readonly<Record<string, unknown>> | undefined>();

/**
 * What `@langchain/core/<subpath>` exports (`"messages"`, `"documents"`, `"load/serializable"`),
 * loaded synchronously the first time it is asked for, or undefined when core has no such entry
 * point. `@langchain/core` is an optional peer dependency: nothing loads it until a LangChain value
 * is written or read.
 *
 * The ECMAScript-module build is loaded (Node's `require()` of an ES module, Node 20.19 and later),
 * so its classes are the ones a user's `import { AIMessage } from "@langchain/core/messages"` sees.
 *
 * WARNING: on Node older than 20.19 that cannot work, and the CommonJS build is loaded instead: values
 * read back are then instances of core's CommonJS classes, which LangChain's own checks
 * (`AIMessage.isInstance`) accept but `instanceof` against the ES-module classes does not.
 *
 * @throws {LangChainCoreMissingError} when `@langchain/core` is not installed.
 */
export function langChainCoreEntry(subpath: string): Readonly<Record<string, unknown>> | undefined {
  if (loaded.has(subpath)) return loaded.get(subpath);
  const entry = load(`@langchain/core/${subpath}`);
  loaded.set(subpath, entry);
  return entry;
}

function load(specifier: string): Readonly<Record<string, unknown>> | undefined {
  let url: string;
  try {
    url = import.meta.resolve(specifier);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    throw new LangChainCoreMissingError({ cause: error });
  }
  try {
    return require(fileURLToPath(url)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_REQUIRE_ESM") throw error;
    return require(specifier) as Record<string, unknown>;
  }
}

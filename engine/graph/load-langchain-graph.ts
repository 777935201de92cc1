import { langChainCoreEntry } from "../../store/langchain/langchain-core-entry.js";
import { LangChainCoreMissingError } from "../../store/store-errors.js";
import { MissingPeerDependencyError } from "../errors/missing-peer-dependency-error.js";
import type { DrawableGraph } from "./drawable-graph.js";

/**
 * LangChain's `Graph` class (`@langchain/core/runnables/graph`), loaded the way every LangChain
 * value is (see langchain-core-entry.ts: the ES-module build, the classes users import); only
 * drawings need it.
 *
 * @throws {MissingPeerDependencyError} when `@langchain/core` is not installed.
 */
export function langchainGraphClass(feature: string): new () => DrawableGraph {
  let entry: Readonly<Record<string, unknown>> | undefined;
  try {
    entry = langChainCoreEntry("runnables/graph");
  } catch (error) {
    if (error instanceof LangChainCoreMissingError) throw new MissingPeerDependencyError(feature, "@langchain/core", { cause: error });
    throw error;
  }
  if (typeof entry?.["Graph"] !== "function") throw new MissingPeerDependencyError(feature, "@langchain/core (a version with runnables/graph)");
  return entry["Graph"] as new () => DrawableGraph;
}

import { createRequire } from "node:module";
import { MissingPeerDependencyError } from "../errors/missing-peer-dependency-error.js";
import type { DrawableGraph } from "./drawable-graph.js";

const packageName = "@langchain/core";
const graphModule = "@langchain/core/runnables/graph";

type GraphModule = { Graph: new () => DrawableGraph };

/** LangChain's `Graph` class, loaded now (for the synchronous `getGraph()`); only drawings need it. */
export function requireLangchainGraph(feature: string): new () => DrawableGraph {
  try {
    return (createRequire(import.meta.url)(graphModule) as GraphModule).Graph;
  } catch (error) {
    throw new MissingPeerDependencyError(feature, packageName, { cause: error });
  }
}

/** LangChain's `Graph` class, imported as an ES module (for `getGraphAsync()`). */
export async function importLangchainGraph(feature: string): Promise<new () => DrawableGraph> {
  try {
    return ((await import(graphModule)) as GraphModule).Graph;
  } catch (error) {
    throw new MissingPeerDependencyError(feature, packageName, { cause: error });
  }
}

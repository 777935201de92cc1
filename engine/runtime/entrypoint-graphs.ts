import type { GraphSpec } from "../graph/graph-spec.js";

/** The graphs that run a functional API entrypoint (a one-node graph of `entrypoint()`). */
const entrypointGraphs = new WeakSet<GraphSpec>();

/** Marks `spec` as an entrypoint's graph: like LangGraph's entrypoint (a Pregel with no `__start__` node), its runs trace no `__start__` run. */
export function markEntrypointGraph(spec: GraphSpec): void {
  entrypointGraphs.add(spec);
}

/** True for the graph of an entrypoint (see {@link markEntrypointGraph}). */
export function isEntrypointGraph(spec: GraphSpec): boolean {
  return entrypointGraphs.has(spec);
}

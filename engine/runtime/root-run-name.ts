import type { GraphSpec } from "../graph/graph-spec.js";

/** Graphs compiled with a `name` (an entrypoint's graph included). */
const namedGraphs = new WeakSet<GraphSpec>();

/** Marks `spec` as compiled with a name: its runs are reported under that name, as LangGraph's. */
export function markNamedGraph(spec: GraphSpec): void {
  namedGraphs.add(spec);
}

/** The name a run of `spec` is reported under to callbacks: `runName`, else the graph's given name, else LangGraph's default. */
export function rootRunNameOf(spec: GraphSpec, runName: string | undefined): string {
  return runName ?? (namedGraphs.has(spec) ? spec.name : "LangGraph");
}

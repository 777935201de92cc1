import type { GraphSpec } from "../graph/graph-spec.js";

/** A node of a compiled graph, called on its own (LangGraph's `graph.nodes[name]`). */
export interface GraphNode {
  readonly name: string;
  /** Calls the node with `input` as its state and returns what it returned; no thread, no checkpoint, no writes applied. */
  invoke(input: unknown, config?: Record<string, unknown>): Promise<unknown>;
}

/**
 * The nodes of a graph by name, each callable on its own as in LangGraph
 * (`graph.nodes.one.invoke(state)`): the node's function (or Runnable, or subgraph) is called
 * with the input as its state, outside any run.
 *
 * WARNING: outside a run there is no task: `interrupt()`, `effect()` and `getConfig()` in the node
 * throw their "outside a node" errors.
 */
export function graphNodesOf(graph: GraphSpec): Readonly<Record<string, GraphNode>> {
  const nodes: Record<string, GraphNode> = {};
  for (const [name, spec] of graph.nodes) {
    const action = spec.action as unknown;
    nodes[name] = {
      name,
      invoke: async (input, config = {}) => {
        const withDefaults = { configurable: {}, metadata: {}, tags: [], ...config };
        if (typeof action === "function") return (action as (state: unknown, config: unknown) => unknown)(input, withDefaults);
        return (action as { invoke(input: unknown, config: unknown): Promise<unknown> }).invoke(input, withDefaults);
      },
    };
  }
  return nodes;
}

/**
 * The outputs of subgraphs invoked inside nodes. A node that returns one as it is (`(state, config)
 * => inner.invoke(state, config)`) writes only the keys its own graph has, as the subgraph-as-node
 * form does and as LangGraph does; keys only the subgraph has are left out. Any other update with
 * a key the state does not have is still refused (a typo must not vanish).
 */
const outputs = new WeakSet<object>();

/** Marks `output` as a subgraph's output; returns it. */
export function markSubgraphOutput<T extends object>(output: T): T {
  outputs.add(output);
  return output;
}

/** Whether `value` is a subgraph's output returned as it is. */
export function isSubgraphOutput(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && outputs.has(value);
}

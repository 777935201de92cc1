import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";

/**
 * The graphs compiled on each checkpointer in this process, by name (the name each thread's first
 * event records): a checkpointer's own reads (`checkpointer.getTuple(config)`) fold a thread's
 * events through its graph's reducers. The latest graph compiled under a name wins.
 */
const graphsByStore = new WeakMap<EventStore, Map<string, GraphSpec>>();

/** Called by a compiled graph's constructor for its checkpointer. */
export function rememberCheckpointerGraph(store: EventStore, graph: GraphSpec): void {
  let graphs = graphsByStore.get(store);
  if (!graphs) graphsByStore.set(store, (graphs = new Map()));
  graphs.set(graph.name, graph);
}

/** The graph compiled on `store` under `name`, if this process compiled one. */
export function checkpointerGraphOf(store: EventStore, name: string): GraphSpec | undefined {
  return graphsByStore.get(store)?.get(name);
}

/** The names of the graphs compiled on `store`. */
export function checkpointerGraphNamesOf(store: EventStore): string[] {
  return [...(graphsByStore.get(store)?.keys() ?? [])];
}

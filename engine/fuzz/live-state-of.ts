import type { EventStore } from "../../store/event-store.js";
import type { CompiledStateGraph } from "../runtime/compiled-state-graph.js";
import { graphRuntimeOf } from "../runtime/graph-runtime.js";
import type { LiveThread } from "./live-state-checking-store.js";

/**
 * The state a compiled graph holds in this process for a thread on `store`: its thread actor's
 * folded state (an actor that has never loaded the thread holds the empty state).
 */
export function liveStateOf(graph: CompiledStateGraph<any>, store: EventStore, threadId: string): LiveThread {
  const runtime = graphRuntimeOf(graph);
  return { graph: runtime.spec, state: runtime.registry.actorFor(store, threadId).state };
}

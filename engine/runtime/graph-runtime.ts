import type { BaseStore } from "../../store/long-term/base-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import type { ActorRegistry } from "./actor-registry.js";
import type { Durability } from "./durability.js";

/** What the engine service needs of a compiled graph: its spec, its live thread actors, its clock. */
export interface GraphRuntime {
  readonly spec: GraphSpec;
  readonly registry: ActorRegistry;
  readonly now: () => number;
  readonly newId: () => string;
  /** The long-term memory store of `compile({ store })`, as nodes see it (watched). */
  readonly longTermStore?: BaseStore | undefined;
  /** The graph's `compile({ durability })`: how its service runs append steps when the run names none. */
  readonly durability?: Durability | undefined;
}

const runtimes = new WeakMap<object, GraphRuntime>();

/** Called by a compiled graph's constructor. */
export function registerGraphRuntime(graph: object, runtime: GraphRuntime): void {
  runtimes.set(graph, runtime);
}

/** The runtime of a compiled graph; throws for anything else. */
export function graphRuntimeOf(graph: object): GraphRuntime {
  const runtime = runtimes.get(graph);
  if (!runtime) throw new TypeError("Expected a compiled graph (the result of StateGraph.compile()).");
  return runtime;
}

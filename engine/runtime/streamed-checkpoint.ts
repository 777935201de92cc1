import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { checkpointIdOf } from "../thread/ids.js";
import type { StateSnapshot } from "../thread/state-snapshot.js";
import { checkpointNsOf, type SubgraphScope } from "./subgraph-scope.js";
import { relabelled, withSubgraphStates } from "./subgraph-state.js";

/**
 * A checkpoint as the `checkpoints` and `debug` stream modes report it, as LangGraph does: its
 * subgraph tasks name their subgraphs' states, and a subgraph's checkpoint is shown under the
 * addressed thread with its namespace and its parents' checkpoints (`metadata.parents`).
 */
export async function streamedCheckpointOf(
  graph: GraphSpec,
  store: EventStore,
  threadId: string,
  snapshot: StateSnapshot,
  scope: SubgraphScope | undefined,
): Promise<StateSnapshot> {
  const namespace = scope?.namespace ?? [];
  const rootThreadId = scope?.rootThreadId ?? threadId;
  const parents = parentsOfScope(scope);
  const labelled = namespace.length > 0 ? relabelled(snapshot, rootThreadId, namespace, parents) : snapshot;
  return withSubgraphStates(graph, labelled, threadId, rootThreadId, namespace, store, false, parents);
}

/** The checkpoints of the graphs above a nested run, by namespace, from what its scope carries. */
function parentsOfScope(scope: SubgraphScope | undefined): Record<string, string> {
  const parents: Record<string, string> = {};
  const threads = scope?.threads ?? [];
  const checkpoints = scope?.checkpoints ?? [];
  threads.forEach((thread, index) => {
    const revision = checkpoints[index];
    if (revision !== undefined) parents[checkpointNsOf(scope!.namespace.slice(0, index))] = checkpointIdOf(thread, revision);
  });
  return parents;
}

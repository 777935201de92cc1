import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec, SubgraphNode } from "../graph/graph-spec.js";
import { checkpointIdOf, childThreadIdOf, revisionOfCheckpointId } from "../thread/ids.js";
import { foldCheckpointRuns } from "./checkpoint-runs.js";
import { snapshotOf, type CheckpointConfig, type SnapshotTask, type StateSnapshot } from "../thread/state-snapshot.js";
import { graphRuntimeOf } from "./graph-runtime.js";
import { checkpointNsOf, namespaceElementOf, statefulChildThreadIdOf, statefulNamespaceElementOf } from "./subgraph-scope.js";

/** The graph specs compiled with `checkpointer: true` (stateful subgraphs). */
const statefulSpecs = new WeakSet<GraphSpec>();

/** Called by a compiled graph's constructor for `compile({ checkpointer: true })`. */
export function markStatefulSubgraph(spec: GraphSpec): void {
  statefulSpecs.add(spec);
}

/** A subgraph as getState reaches it: the compiled graph, and the thread that holds its state. */
export interface ResolvedSubgraph {
  readonly graph: SubgraphNode;
  readonly threadId: string;
  readonly namespace: readonly string[];
  /** The graphs above it, outermost first after the root: each one's namespace string and thread. */
  readonly enclosing: readonly { readonly ns: string; readonly graph: SubgraphNode; readonly threadId: string }[];
}

/** The compiled subgraph a node runs, when the node is one. */
function subgraphOfNode(spec: GraphSpec, node: string): SubgraphNode | undefined {
  const found = spec.nodes.get(node);
  return asSubgraph(found?.action) ?? found?.subgraphs?.map(asSubgraph).find((graph) => graph !== undefined);
}

function asSubgraph(action: unknown): SubgraphNode | undefined {
  return typeof action === "object" && action !== null && "graphSpec" in action ? (action as SubgraphNode) : undefined;
}

/** The subgraph of one namespace element (`node:taskId`, `node`, with `#index` for later calls) under a graph's thread. */
function stepInto(spec: GraphSpec, threadId: string, element: string): { graph: SubgraphNode; threadId: string } | undefined {
  const [head, indexPart] = element.split("#") as [string, string | undefined];
  const callIndex = indexPart === undefined ? 0 : Number(indexPart);
  const colon = head.indexOf(":");
  const node = colon < 0 ? head : head.slice(0, colon);
  const graph = subgraphOfNode(spec, node);
  if (!graph) return undefined;
  if (colon < 0) return { graph, threadId: statefulChildThreadIdOf(threadId, node, callIndex) };
  return { graph, threadId: childThreadIdOf(threadId, node, head.slice(colon + 1), callIndex) };
}

/** The subgraph a `checkpoint_ns` names under a root thread (`a:id|b:id`), if the graph has it. */
export function resolveNamespace(spec: GraphSpec, rootThreadId: string, checkpointNs: string): ResolvedSubgraph | undefined {
  let current: { graph: SubgraphNode | undefined; spec: GraphSpec; threadId: string } = { graph: undefined, spec, threadId: rootThreadId };
  const namespace = checkpointNs.split("|");
  const enclosing: { ns: string; graph: SubgraphNode; threadId: string }[] = [];
  for (const [index, element] of namespace.entries()) {
    if (current.graph) enclosing.push({ ns: checkpointNsOf(namespace.slice(0, index)), graph: current.graph, threadId: current.threadId });
    const next = stepInto(current.spec, current.threadId, element);
    if (!next) return undefined;
    current = { graph: next.graph, spec: next.graph.graphSpec, threadId: next.threadId };
  }
  return { graph: current.graph!, threadId: current.threadId, namespace, enclosing };
}

/**
 * The checkpoint ids of the graphs above a resolved subgraph, by namespace (LangGraph's
 * `metadata.parents`): their current checkpoints, `rootCheckpointId` for the root's.
 */
export async function parentsOf(resolved: ResolvedSubgraph, store: EventStore, rootCheckpointId: string | undefined): Promise<Record<string, string>> {
  const parents: Record<string, string> = {};
  if (rootCheckpointId !== undefined) parents[""] = rootCheckpointId;
  for (const level of resolved.enclosing) {
    const runtime = graphRuntimeOf(level.graph);
    const actor = runtime.registry.actorFor(store, level.threadId);
    if (!actor.busy) await actor.catchUp();
    const id = snapshotOf(runtime.spec, actor.state, true).config.configurable.checkpoint_id;
    if (id !== undefined) parents[level.ns] = id;
  }
  return parents;
}

/** A subgraph's snapshot as LangGraph shows it: under the root thread's id, with its namespace. */
export function relabelled(
  snapshot: StateSnapshot,
  rootThreadId: string,
  namespace: readonly string[],
  parents: Readonly<Record<string, string>>,
): StateSnapshot {
  const ns = checkpointNsOf(namespace);
  const relabel = (config: CheckpointConfig | undefined): CheckpointConfig | undefined =>
    config && { configurable: { ...config.configurable, thread_id: rootThreadId, checkpoint_ns: ns } };
  const own = snapshot.config.configurable.checkpoint_id;
  const config = { configurable: { ...relabel(snapshot.config)!.configurable, checkpoint_map: { ...parents, ...(own !== undefined ? { [ns]: own } : {}) } } };
  return {
    ...snapshot,
    config,
    parentConfig: relabel(snapshot.parentConfig),
    metadata: snapshot.metadata && { ...snapshot.metadata, thread_id: rootThreadId, parents: { ...parents } },
  };
}

/**
 * The snapshot with each task of a subgraph node given its subgraph's `state`, as LangGraph's
 * getState does: the config that names the subgraph's state, or (`deep`, getState's `subgraphs:
 * true`) that state itself, its own subgraphs' states included.
 */
export async function withSubgraphStates(
  spec: GraphSpec,
  snapshot: StateSnapshot,
  threadId: string,
  rootThreadId: string,
  namespace: readonly string[],
  store: EventStore,
  deep: boolean,
  parents: Readonly<Record<string, string>> = {},
): Promise<StateSnapshot> {
  if (!snapshot.tasks.some((task) => subgraphOfNode(spec, task.name))) return snapshot;
  const own = snapshot.config.configurable.checkpoint_id;
  const childParents = own === undefined ? parents : { ...parents, [checkpointNsOf(namespace)]: own };
  const tasks: SnapshotTask[] = [];
  for (const task of snapshot.tasks) {
    const graph = subgraphOfNode(spec, task.name);
    if (!graph) {
      tasks.push(task);
      continue;
    }
    const stateful = statefulSpecs.has(graph.graphSpec);
    const element = stateful ? statefulNamespaceElementOf(task.name, 0) : namespaceElementOf(task.name, task.id, 0);
    const childNamespace = [...namespace, element];
    const childThreadId = stateful ? statefulChildThreadIdOf(threadId, task.name, 0) : childThreadIdOf(threadId, task.name, task.id, 0);
    const named = { configurable: { thread_id: rootThreadId, checkpoint_ns: checkpointNsOf(childNamespace) } };
    const child = deep ? await subgraphSnapshot(graph, store, childThreadId, rootThreadId, childNamespace, true, childParents) : undefined;
    tasks.push({ ...task, state: child ?? named });
  }
  return { ...snapshot, tasks };
}

/** The current state of a subgraph's thread as getState shows it, or undefined when it has not run. */
export async function subgraphSnapshot(
  graph: SubgraphNode,
  store: EventStore,
  threadId: string,
  rootThreadId: string,
  namespace: readonly string[],
  deep: boolean,
  parents: Readonly<Record<string, string>>,
): Promise<StateSnapshot | undefined> {
  const runtime = graphRuntimeOf(graph);
  const actor = runtime.registry.actorFor(store, threadId);
  if (!actor.busy) await actor.catchUp();
  if (actor.state.revision === -1) return undefined;
  const own = relabelled(snapshotOf(runtime.spec, actor.state, true), rootThreadId, namespace, parents);
  return withSubgraphStates(runtime.spec, own, threadId, rootThreadId, namespace, store, deep, parents);
}

/**
 * For each checkpoint of a resolved subgraph, the checkpoints of the graphs above it when it was
 * made (LangGraph's `metadata.parents`), from what its runs recorded; a checkpoint whose run
 * recorded none (before 0.2) is absent (its caller falls back to the current ones).
 */
export async function parentsByCheckpointOf(
  resolved: ResolvedSubgraph,
  store: EventStore,
  rootThreadId: string,
): Promise<(checkpointId: string | undefined) => Record<string, string> | undefined> {
  const byRevision = new Map<number, Record<string, string>>();
  const spec = graphRuntimeOf(resolved.graph).spec;
  await foldCheckpointRuns(spec, store, resolved.threadId, (state, parentCheckpoints) => {
    if (!parentCheckpoints || parentCheckpoints.length !== resolved.enclosing.length + 1 || !state.checkpoint) return;
    const parents: Record<string, string> = { "": checkpointIdOf(rootThreadId, parentCheckpoints[0]!) };
    resolved.enclosing.forEach((level, index) => (parents[level.ns] = checkpointIdOf(level.threadId, parentCheckpoints[index + 1]!)));
    byRevision.set(state.checkpoint.revision, parents);
  });
  return (checkpointId) => {
    const revision = checkpointId === undefined ? undefined : revisionOfCheckpointId(resolved.threadId, checkpointId);
    return revision === undefined ? undefined : byRevision.get(revision);
  };
}

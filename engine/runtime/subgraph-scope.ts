import type { CustomRoute } from "./nested-sink.js";
import type { RunSink } from "./run-sink.js";
import type { SubgraphReplay } from "./subgraph-replay.js";

/**
 * Where a run sits among nested graphs, as LangGraph names it: the thread the user addressed
 * (`rootThreadId`, what every node sees as `configurable.thread_id`), the checkpoint namespace of
 * the running graph (`[]` at the root; one `node:taskId` element per subgraph level) and, when
 * the caller streams with `subgraphs: true`, where a nested graph's chunks go.
 */
export interface SubgraphScope {
  readonly rootThreadId: string;
  readonly namespace: readonly string[];
  /** The sink of a nested graph at `namespace`; absent when nested graphs' chunks are not streamed. */
  readonly sinkFor: ((namespace: readonly string[]) => RunSink) | undefined;
  /** Where nested graphs' custom chunks go (see nested-sink.ts); absent, they go where their other chunks do. */
  readonly custom?: CustomRoute | undefined;
  /** Set when the run travels back in time: where its stateful subgraphs start (see subgraph-replay.ts). */
  readonly replay?: SubgraphReplay | undefined;
  /**
   * The revisions of the checkpoints the running steps were planned from, the root's first: in a
   * task's scope, its own step's last; in a nested run's, the calling task's step's last.
   */
  readonly checkpoints?: readonly number[] | undefined;
  /** In a nested run's scope: the threads of the graphs above it, the root's first (`checkpoints` are theirs). */
  readonly threads?: readonly string[] | undefined;
}

/** The scope of a graph run inside a task of the graph whose scope is `parent` (on thread `parentThreadId`), at `namespace`. */
export function nestedScopeOf(parent: SubgraphScope | undefined, parentThreadId: string, namespace: readonly string[]): SubgraphScope {
  return {
    rootThreadId: parent?.rootThreadId ?? parentThreadId,
    namespace,
    sinkFor: parent?.sinkFor,
    custom: parent?.custom,
    ...(parent?.replay ? { replay: parent.replay } : {}),
    ...(parent?.checkpoints !== undefined ? { checkpoints: parent.checkpoints } : {}),
    threads: [...(parent?.threads ?? []), parentThreadId],
  };
}

/** The namespace element of the `callIndex`-th subgraph call of a task: LangGraph's `node:taskId` (later calls get `#index`). */
export function namespaceElementOf(node: string, taskId: string, callIndex: number): string {
  return callIndex === 0 ? `${node}:${taskId}` : `${node}:${taskId}#${callIndex}`;
}

/** The namespace element of a stateful subgraph (`compile({ checkpointer: true })`): its node, as LangGraph's. */
export function statefulNamespaceElementOf(node: string, callIndex: number): string {
  return callIndex === 0 ? node : `${node}#${callIndex}`;
}

/** The thread that keeps a stateful subgraph's state: one per parent thread, node and call position. */
export function statefulChildThreadIdOf(parentThreadId: string, node: string, callIndex: number): string {
  return `${parentThreadId}/${node}${callIndex === 0 ? "" : `#${callIndex}`}`;
}

/** LangGraph's `checkpoint_ns` string of a namespace: its elements joined by `|` (`""` at the root). */
export function checkpointNsOf(namespace: readonly string[]): string {
  return namespace.join("|");
}

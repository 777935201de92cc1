import type { EventStore } from "../../store/event-store.js";
import type { StateDefinition, StateOf } from "../graph/annotation.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { RevisionOutOfRangeError, UnknownThreadError } from "../errors/audit-errors.js";
import { MissingCheckpointerError } from "../errors/run-errors.js";
import type { CompiledStateGraph } from "../runtime/compiled-state-graph.js";
import { replayThread } from "../runtime/thread-history.js";
import { streamNameOf } from "../thread/ids.js";
import { statusOf, type ThreadStatus } from "../thread/lifecycle-machine.js";
import { snapshotOf, type StateSnapshot } from "../thread/state-snapshot.js";
import type { ThreadState } from "../thread/thread-state.js";

/** A thread's state right after one event, rebuilt by replay: what `getState()` returned then. */
export interface StateAtRevision<TValues = Record<string, unknown>> extends StateSnapshot<TValues> {
  /** The revision of the last event replayed. */
  readonly revision: number;
  /** The revision of the thread's last event when it was read. */
  readonly lastRevision: number;
  readonly status: ThreadStatus;
}

/** Options of {@link stateAt}. */
export interface StateAtOptions {
  /** Called as the replay goes, with events replayed so far and the events to replay. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link stateAt} needs of a graph: its spec (for the reducers) and its store. */
export interface ReplayableGraph {
  readonly graphSpec: GraphSpec;
  readonly checkpointer: EventStore | undefined;
}

type ValuesOf<TGraph> = TGraph extends CompiledStateGraph<infer TDefinition extends StateDefinition> ? StateOf<TDefinition> : Record<string, unknown>;

const progressEvery = 1000;

/**
 * The state of a thread right after the event at `revision` (default: its last event), rebuilt by
 * replaying the stream from its start through the graph's reducers. Values include the writes of
 * tasks that finished in a step that had not committed yet, as `getState()` shows them.
 *
 * @throws {UnknownThreadError} when the thread has no events.
 * @throws {RevisionOutOfRangeError} when `revision` is not one of the thread's revisions.
 *
 * @example
 * const before = await stateAt(graph, "thread-42", 17);
 * console.log(before.values, before.next, before.status);
 */
export async function stateAt<TGraph extends ReplayableGraph>(
  graph: TGraph,
  threadId: string,
  revision?: number,
  options: StateAtOptions = {},
): Promise<StateAtRevision<ValuesOf<TGraph>>> {
  const store = graph.checkpointer;
  if (!store) throw new MissingCheckpointerError("stateAt()");
  const { currentRevision, streamExists } = await store.readStream(streamNameOf(threadId), { direction: "backwards", maxCount: 1 });
  if (!streamExists) throw new UnknownThreadError(threadId);
  const target = revision ?? currentRevision;
  if (!Number.isSafeInteger(target) || target < 0 || target > currentRevision) throw new RevisionOutOfRangeError(threadId, target, currentRevision);
  const { onProgress } = options;
  let found: ThreadState | undefined;
  await replayThread(graph.graphSpec, store, threadId, (state) => {
    if (onProgress && (state.revision + 1) % progressEvery === 0) onProgress(state.revision + 1, target + 1);
    if (state.revision < target) return true;
    found = state;
    return false;
  });
  if (!found) throw new RevisionOutOfRangeError(threadId, target, currentRevision);
  onProgress?.(target + 1, target + 1);
  return {
    ...(snapshotOf(graph.graphSpec, found, true) as StateSnapshot<ValuesOf<TGraph>>),
    revision: target,
    lastRevision: currentRevision,
    status: statusOf(found.lifecycle),
  };
}

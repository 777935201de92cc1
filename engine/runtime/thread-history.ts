import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { readThreadSnapshot } from "../snapshot/snapshot-store.js";
import { initialValues } from "../thread/apply-writes.js";
import { checkpointOrderOf, streamNameOf } from "../thread/ids.js";
import { START } from "../graph/constants.js";
import type { Writes } from "../thread/events.js";
import { checkpointMetadataOf, inputMetadataOf, inputSnapshotOf, snapshotOf, type CheckpointMetadata, type StateSnapshot } from "../thread/state-snapshot.js";
import { initialThreadState, type ThreadState } from "../thread/thread-state.js";
import { foldRecorded } from "./thread-actor.js";

const pageSize = 1000;

/** How many of a thread's newest snapshots a limited history read tries before replaying it all. */
const snapshotsTried = 3;

/**
 * Replays a thread's stream from its first event (or from `from`, a state of the thread at some
 * revision), calling `visit` with the state after each event. The whole history is never held in
 * memory at once.
 */
export async function replayThread(
  graph: GraphSpec,
  store: EventStore,
  threadId: string,
  visit: (state: ThreadState, previous: ThreadState) => boolean | void,
  from?: ThreadState,
): Promise<ThreadState> {
  let state = from ?? initialThreadState(threadId, initialValues(graph));
  const stream = streamNameOf(threadId);
  for (;;) {
    const { events } = await store.readStream(stream, { fromRevision: state.revision + 1, maxCount: pageSize });
    for (const recorded of events) {
      const previous = state;
      state = foldRecorded(graph, state, recorded);
      if (visit(state, previous) === false) return state;
    }
    if (events.length < pageSize) return state;
  }
}

/** Which checkpoints {@link historyOf} returns. */
export interface HistoryOptions {
  /** At most this many, the newest first. */
  readonly limit?: number | undefined;
  /** Only checkpoints older than this checkpoint id. */
  readonly before?: string | undefined;
  /** Only checkpoints whose metadata has these values (LangGraph's `filter`). */
  readonly filter?: Readonly<Record<string, unknown>> | undefined;
  /**
   * Whether a limited read may start from the thread's snapshots (default true): when the events
   * after one of its newest snapshots hold `limit` checkpoints, nothing older is read.
   */
  readonly snapshots?: boolean;
}

/**
 * Checkpoints of a thread as {@link StateSnapshot}s, newest first, as LangGraph lists them. A
 * checkpoint's `next` and `tasks` describe the step that followed it, with the outcomes recorded
 * for that step.
 *
 * Replaying from a snapshot gives every checkpoint from the one the snapshot's state is at,
 * exactly as a full replay does; a `limit` read uses it when that is enough.
 */
export async function historyOf(graph: GraphSpec, store: EventStore, threadId: string, options: HistoryOptions = {}): Promise<StateSnapshot[]> {
  const { limit } = options;
  if (limit !== undefined && options.snapshots !== false) {
    let position: number | undefined;
    for (let tried = 0; tried < snapshotsTried; tried++) {
      const read = await readThreadSnapshot(store, graph, threadId, position);
      if (read === undefined) break;
      position = read.position - 1;
      if (read.snapshot === undefined) continue;
      const found = await checkpointsOf(graph, store, threadId, read.snapshot.state, options);
      if (found.length >= limit) return found;
    }
  }
  return checkpointsOf(graph, store, threadId, undefined, options);
}

/** A checkpoint a replay passed, projected into a snapshot only if it is returned. */
interface PassedCheckpoint {
  /** Where it sorts in the thread's history (see `checkpointOrderOf`). */
  readonly order: number;
  /** Its metadata, computed only for a `filter`. */
  readonly metadata: () => CheckpointMetadata;
  readonly project: () => StateSnapshot;
}

/**
 * The checkpoints a replay from `from` (or the first event) passes, newest first: at most `limit`,
 * only those older than `before` and matching `filter`. Only the ones returned are projected into
 * snapshots (projecting one cost more than folding the events between two checkpoints).
 */
async function checkpointsOf(
  graph: GraphSpec,
  store: EventStore,
  threadId: string,
  from: ThreadState | undefined,
  options: HistoryOptions,
): Promise<StateSnapshot[]> {
  const { limit, filter } = options;
  const before = options.before === undefined ? undefined : (checkpointOrderOf(threadId, options.before) ?? -Infinity);
  const kept: PassedCheckpoint[] = [];
  const keep = (passed: PassedCheckpoint) => {
    if (before !== undefined && passed.order >= before) return;
    if (filter !== undefined && !matchesFilter(passed.metadata(), filter)) return;
    kept.push(passed);
    if (limit !== undefined && kept.length >= 2 * limit + 16) kept.splice(0, kept.length - limit);
  };
  // Folded states are never changed afterwards, so keeping one is keeping that checkpoint.
  const keepState = (state: ThreadState, inputTaken = false) => {
    const checkpoint = state.checkpoint!;
    const project = inputTaken ? () => withInputResult(snapshotOf(graph, state, false), checkpoint.pendingInput!) : () => snapshotOf(graph, state, false);
    keep({ order: checkpoint.revision, metadata: () => checkpointMetadataOf(threadId, checkpoint), project });
  };
  const final = await replayThread(
    graph,
    store,
    threadId,
    (state, previous) => {
      const checkpoint = state.checkpoint;
      if (checkpoint === undefined || checkpoint.revision === previous.checkpoint?.revision) return;
      // A run that continued from an update as input ran its `__start__` task: it shows the input it wrote.
      const inputTaken =
        previous.checkpoint?.pendingInput !== undefined && checkpoint.source === "loop" && checkpoint.parentRevision === previous.checkpoint.revision;
      if (previous.checkpoint && checkpoint.absorbs !== previous.checkpoint.revision) keepState(previous, inputTaken);
      if (checkpoint.input) {
        keep({ order: checkpoint.revision - 0.5, metadata: () => inputMetadataOf(threadId, checkpoint), project: () => inputSnapshotOf(previous, state) });
      }
    },
    from,
  );
  if (final.checkpoint) keepState(final);
  const newest = limit === undefined ? kept : kept.slice(Math.max(0, kept.length - limit));
  return newest.reverse().map((passed) => passed.project());
}

/** LangGraph's metadata filter: every key given has that value (compared as JSON). */
function matchesFilter(metadata: CheckpointMetadata, filter: Readonly<Record<string, unknown>>): boolean {
  const record = metadata as unknown as Record<string, unknown>;
  return Object.entries(filter).every(([key, value]) => JSON.stringify(record[key]) === JSON.stringify(value));
}

/** The state of a thread right after the event at `revision`, or undefined past its end. Always a full replay. */
export async function stateAt(graph: GraphSpec, store: EventStore, threadId: string, revision: number): Promise<ThreadState | undefined> {
  let found: ThreadState | undefined;
  await replayThread(graph, store, threadId, (state) => {
    if (state.revision === revision) {
      found = state;
      return false;
    }
    return true;
  });
  return found;
}

/** An input checkpoint's snapshot with its `__start__` task's result, the input (LangGraph shows a result only for a task that wrote something). */
function withInputResult(snapshot: StateSnapshot, input: Writes): StateSnapshot {
  if (Object.keys(input).length === 0) return snapshot;
  return { ...snapshot, tasks: snapshot.tasks.map((task) => (task.name === START && task.result === undefined ? { ...task, result: input } : task)) };
}

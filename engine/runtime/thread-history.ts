import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { readThreadSnapshot } from "../snapshot/snapshot-store.js";
import { initialValues } from "../thread/apply-writes.js";
import { checkpointIdOf, streamNameOf } from "../thread/ids.js";
import { snapshotOf, type StateSnapshot } from "../thread/state-snapshot.js";
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
  /** Only checkpoints whose id sorts before this checkpoint id (older ones). */
  readonly before?: string | undefined;
  /**
   * Whether a limited read may start from the thread's snapshots (default true): when the events
   * after one of its newest snapshots hold `limit` checkpoints, nothing older is read.
   */
  readonly snapshots?: boolean;
}

/**
 * Checkpoints of a thread as {@link StateSnapshot}s, newest first. A checkpoint's `next` and
 * `tasks` describe the step that followed it, with the outcomes recorded for that step.
 *
 * Replaying from a snapshot gives every checkpoint from the one the snapshot's state is at,
 * exactly as a full replay does; a `limit` read uses it when that is enough.
 */
export async function historyOf(graph: GraphSpec, store: EventStore, threadId: string, options: HistoryOptions = {}): Promise<StateSnapshot[]> {
  const { limit, before } = options;
  if (limit !== undefined && options.snapshots !== false) {
    let position: number | undefined;
    for (let tried = 0; tried < snapshotsTried; tried++) {
      const read = await readThreadSnapshot(store, graph, threadId, position);
      if (read === undefined) break;
      position = read.position - 1;
      if (read.snapshot === undefined) continue;
      const found = await checkpointsOf(graph, store, threadId, read.snapshot.state, limit, before);
      if (found.length >= limit) return found;
    }
  }
  return checkpointsOf(graph, store, threadId, undefined, limit, before);
}

/**
 * The checkpoints a replay from `from` (or the first event) passes, newest first: at most `limit`,
 * and only those whose id sorts before `before`. Only the ones returned are projected into
 * snapshots (projecting one cost more than folding the events between two checkpoints).
 */
async function checkpointsOf(
  graph: GraphSpec,
  store: EventStore,
  threadId: string,
  from: ThreadState | undefined,
  limit: number | undefined,
  before: string | undefined,
): Promise<StateSnapshot[]> {
  // Folded states are never changed afterwards, so keeping one is keeping that checkpoint.
  const kept: ThreadState[] = [];
  const keep = (state: ThreadState, checkpoint: NonNullable<ThreadState["checkpoint"]>) => {
    if (before !== undefined && checkpointIdOf(threadId, checkpoint.revision) >= before) return;
    kept.push(state);
    if (limit !== undefined && kept.length >= 2 * limit + 16) kept.splice(0, kept.length - limit);
  };
  const final = await replayThread(
    graph,
    store,
    threadId,
    (state, previous) => {
      if (previous.checkpoint && state.checkpoint?.revision !== previous.checkpoint.revision) keep(previous, previous.checkpoint);
    },
    from,
  );
  if (final.checkpoint) keep(final, final.checkpoint);
  const newest = limit === undefined ? kept : kept.slice(Math.max(0, kept.length - limit));
  return newest.reverse().map((state) => snapshotOf(graph, state, false));
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

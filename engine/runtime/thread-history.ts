import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { initialValues } from "../thread/apply-writes.js";
import { streamNameOf } from "../thread/ids.js";
import { snapshotOf, type StateSnapshot } from "../thread/state-snapshot.js";
import { initialThreadState, type ThreadState } from "../thread/thread-state.js";
import { foldRecorded } from "./thread-actor.js";

const pageSize = 1000;

/**
 * Replays a thread's stream from its first event, calling `visit` with the state after each
 * event. The whole history is never held in memory at once.
 */
export async function replayThread(
  graph: GraphSpec,
  store: EventStore,
  threadId: string,
  visit: (state: ThreadState, previous: ThreadState) => boolean | void,
): Promise<ThreadState> {
  let state = initialThreadState(threadId, initialValues(graph));
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

/**
 * Every checkpoint of a thread as a {@link StateSnapshot}, newest first. A checkpoint's `next`
 * and `tasks` describe the step that followed it, with the outcomes recorded for that step.
 */
export async function historyOf(graph: GraphSpec, store: EventStore, threadId: string): Promise<StateSnapshot[]> {
  const snapshots: StateSnapshot[] = [];
  const final = await replayThread(graph, store, threadId, (state, previous) => {
    if (previous.checkpoint && state.checkpoint?.revision !== previous.checkpoint.revision) snapshots.push(snapshotOf(graph, previous, false));
  });
  if (final.checkpoint) snapshots.push(snapshotOf(graph, final, false));
  return snapshots.reverse();
}

/** The state of a thread right after the event at `revision`, or undefined past its end. */
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

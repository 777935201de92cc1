import { upcastThreadEvent } from "../thread/upcast-thread-event.js";
import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { initialValues } from "../thread/apply-writes.js";
import { streamNameOf } from "../thread/ids.js";
import { initialThreadState, type ThreadState } from "../thread/thread-state.js";
import { foldRecorded } from "./thread-actor.js";

const pageSize = 1000;

/**
 * Replays a subgraph's thread and calls `visit` with the state at each of its checkpoints and the
 * checkpoints of the graphs above it that the run which made it was started under
 * (`RunStarted.parentCheckpoints`, the root's first; undefined for runs recorded before 0.2).
 * A checkpoint an update makes belongs to the run before it; a fork's, to the run it starts.
 */
export async function foldCheckpointRuns(
  spec: GraphSpec,
  store: EventStore,
  threadId: string,
  visit: (state: ThreadState, parentCheckpoints: readonly number[] | undefined) => void,
): Promise<void> {
  let state = initialThreadState(threadId, initialValues(spec));
  let ofRun: readonly number[] | undefined;
  let forkPending: ThreadState | undefined;
  const stream = streamNameOf(threadId);
  for (;;) {
    const { events } = await store.readStream(stream, { fromRevision: state.revision + 1, maxCount: pageSize });
    for (const recorded of events) {
      const previous = state;
      state = foldRecorded(spec, state, recorded);
      if (recorded.type === "RunStarted") {
        const started = upcastThreadEvent(recorded);
        ofRun = started.type === "RunStarted" ? started.parentCheckpoints : undefined;
      }
      // A run's fork is recorded just before the run starts, and belongs to that run.
      if (forkPending) {
        visit(forkPending, recorded.type === "RunStarted" ? ofRun : undefined);
        forkPending = undefined;
      }
      if (state.checkpoint === undefined || state.checkpoint.revision === previous.checkpoint?.revision) continue;
      if (recorded.type === "ThreadForked") forkPending = state;
      else visit(state, ofRun);
    }
    if (events.length < pageSize) break;
  }
  if (forkPending) visit(forkPending, undefined);
}

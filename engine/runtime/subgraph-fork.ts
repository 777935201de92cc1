import type { EventStore } from "../../store/event-store.js";
import { UnknownCheckpointError } from "../errors/resume-errors.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { initialValues } from "../thread/apply-writes.js";
import { forkedStateOf, forkOf, type Fork } from "../thread/forked-state.js";
import { isInputCheckpointId, revisionOfCheckpointId, streamNameOf } from "../thread/ids.js";
import { initialThreadState, type ThreadState } from "../thread/thread-state.js";
import type { ReplayTarget } from "./subgraph-replay.js";
import { foldRecorded, type ThreadActor } from "./thread-actor.js";
import { stateAt } from "./thread-history.js";

/** How a stateful subgraph's call starts when its run travels back in time: with the call's input or going on, from its current state or a fork. */
export interface SubgraphStart {
  /** The call's input is new input on that state (else the state's pending work goes on). */
  readonly fresh: boolean;
  /** Fork the subgraph's thread first; absent: from its current state. */
  readonly fork?: Fork;
}

const pageSize = 1000;

/**
 * Where a stateful subgraph's first call in a travelling run starts (see subgraph-replay.ts):
 * - a named checkpoint: its state goes on (pending tasks run again, their interrupts ask again);
 * - a bound: the input, on the state of the subgraph's latest checkpoint made before the root's
 *   checkpoint at `before` (none: the empty state). Undefined: as an ordinary call.
 */
export async function subgraphStartOf(spec: GraphSpec, store: EventStore, actor: ThreadActor, target: ReplayTarget): Promise<SubgraphStart | undefined> {
  if (!actor.busy) await actor.catchUp();
  if ("checkpointId" in target) return namedStart(spec, store, actor, target.checkpointId);
  if (actor.state.revision === -1) return undefined;
  const found = await latestBefore(spec, store, actor.threadId, target.before);
  if (found === "head" || (found !== undefined && found.checkpoint?.revision === actor.state.checkpoint?.revision)) return undefined;
  return { fresh: true, fork: found ? forkOf(found) : emptyFork(spec, actor.threadId) };
}

async function namedStart(spec: GraphSpec, store: EventStore, actor: ThreadActor, checkpointId: string): Promise<SubgraphStart> {
  const revision = revisionOfCheckpointId(actor.threadId, checkpointId);
  if (revision === undefined) throw new UnknownCheckpointError(checkpointId, actor.threadId);
  if (actor.state.checkpoint?.revision === revision && !isInputCheckpointId(actor.threadId, checkpointId)) return { fresh: false };
  const past = await stateAt(spec, store, actor.threadId, revision);
  if (!past || past.checkpoint?.revision !== revision) throw new UnknownCheckpointError(checkpointId, actor.threadId);
  return { fresh: false, fork: forkOf(past) };
}

/**
 * The state at the subgraph's latest checkpoint made before the root checkpoint at `before`: made
 * by a run whose root step was planned from an earlier root checkpoint (RunStarted.rootCheckpoint).
 * Runs recorded without one (before 0.2) count as earlier; `"head"` when no run says otherwise.
 */
async function latestBefore(spec: GraphSpec, store: EventStore, threadId: string, before: number): Promise<ThreadState | "head" | undefined> {
  let state = initialThreadState(threadId, initialValues(spec));
  let found: ThreadState | undefined;
  let anyLater = false;
  let rootOfRun: number | undefined;
  let forkPending: ThreadState | undefined;
  const stream = streamNameOf(threadId);
  for (;;) {
    const { events } = await store.readStream(stream, { fromRevision: state.revision + 1, maxCount: pageSize });
    for (const recorded of events) {
      const previous = state;
      state = foldRecorded(spec, state, recorded);
      const data = recorded.data as { rootCheckpoint?: unknown };
      if (recorded.type === "RunStarted") rootOfRun = typeof data.rootCheckpoint === "number" ? data.rootCheckpoint : undefined;
      // A run's fork is recorded just before the run starts, and belongs to that run.
      if (forkPending) {
        if (recorded.type !== "RunStarted" || rootOfRun === undefined || rootOfRun < before) found = forkPending;
        else anyLater = true;
        forkPending = undefined;
      }
      if (state.checkpoint === undefined || state.checkpoint.revision === previous.checkpoint?.revision) continue;
      if (recorded.type === "ThreadForked") forkPending = state;
      else if (rootOfRun === undefined || rootOfRun < before) found = state;
      else anyLater = true;
    }
    if (events.length < pageSize) break;
  }
  if (forkPending) found = forkPending;
  return anyLater ? found : "head";
}

/** A fork back to a subgraph's empty state (no checkpoint of it came before the root's). */
function emptyFork(spec: GraphSpec, threadId: string): Fork {
  const empty = initialThreadState(threadId, initialValues(spec));
  return { fromRevision: -1, state: forkedStateOf(empty), checkpoint: { step: -1, parentRevision: undefined } };
}

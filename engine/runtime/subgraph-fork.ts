import type { EventStore } from "../../store/event-store.js";
import { UnknownCheckpointError } from "../errors/resume-errors.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { initialValues } from "../thread/apply-writes.js";
import { forkedStateOf, forkOf, type Fork } from "../thread/forked-state.js";
import { isInputCheckpointId, revisionOfCheckpointId } from "../thread/ids.js";
import { initialThreadState, type ThreadState } from "../thread/thread-state.js";
import { foldCheckpointRuns } from "./checkpoint-runs.js";
import type { ReplayTarget } from "./subgraph-replay.js";
import type { ThreadActor } from "./thread-actor.js";
import { stateAt } from "./thread-history.js";

/** How a stateful subgraph's call starts when its run travels back in time: with the call's input or going on, from its current state or a fork. */
export interface SubgraphStart {
  /** The call's input is new input on that state (else the state's pending work goes on). */
  readonly fresh: boolean;
  /** Fork the subgraph's thread first; absent: from its current state. */
  readonly fork?: Fork;
}

/**
 * Where a stateful subgraph's first call in a travelling run starts (see subgraph-replay.ts):
 * - a named checkpoint: its state goes on (pending tasks run again, their interrupts ask again);
 * - a bound: the input, on the state of the subgraph's latest checkpoint made before the root's
 *   checkpoint at `before` (none: the empty state). Undefined: as an ordinary call.
 */
export async function subgraphStartOf(spec: GraphSpec, store: EventStore, actor: ThreadActor, target: ReplayTarget): Promise<SubgraphStart | undefined> {
  if (!actor.busy) await actor.catchUp();
  if ("checkpointId" in target) return namedStart(spec, store, actor, target.checkpointId, target.threadId ?? actor.threadId);
  if (actor.state.revision === -1) return undefined;
  const found = await latestBefore(spec, store, actor.threadId, target.before);
  if (found === "head" || (found !== undefined && found.checkpoint?.revision === actor.state.checkpoint?.revision)) return undefined;
  return { fresh: true, fork: found ? forkOf(found) : emptyFork(spec, actor.threadId) };
}

async function namedStart(spec: GraphSpec, store: EventStore, actor: ThreadActor, checkpointId: string, threadId: string): Promise<SubgraphStart> {
  const revision = revisionOfCheckpointId(threadId, checkpointId);
  if (revision === undefined) throw new UnknownCheckpointError(checkpointId, threadId);
  const own = threadId === actor.threadId;
  if (own && actor.state.checkpoint?.revision === revision && !isInputCheckpointId(threadId, checkpointId)) return { fresh: false };
  const past = await stateAt(spec, store, threadId, revision);
  if (!past || past.checkpoint?.revision !== revision) throw new UnknownCheckpointError(checkpointId, threadId);
  if (own) return { fresh: false, fork: forkOf(past) };
  // A stateless subgraph's task ran again under a new id: its new thread starts as a copy of the named checkpoint.
  return { fresh: false, fork: { fromRevision: -1, state: forkedStateOf(past), checkpoint: { step: past.checkpoint.step + 1, parentRevision: undefined } } };
}

/**
 * The state at the subgraph's latest checkpoint made before the root checkpoint at `before`: made
 * by a run whose root step was planned from an earlier root checkpoint. Runs recorded without
 * their parents' checkpoints (before 0.2) count as earlier; `"head"` when no run says otherwise.
 */
async function latestBefore(spec: GraphSpec, store: EventStore, threadId: string, before: number): Promise<ThreadState | "head" | undefined> {
  let found: ThreadState | undefined;
  let anyLater = false;
  await foldCheckpointRuns(spec, store, threadId, (state, parentCheckpoints) => {
    const root = parentCheckpoints?.[0];
    if (root === undefined || root < before) found = state;
    else anyLater = true;
  });
  return anyLater ? found : "head";
}

/** A fork back to a subgraph's empty state (no checkpoint of it came before the root's). */
function emptyFork(spec: GraphSpec, threadId: string): Fork {
  const empty = initialThreadState(threadId, initialValues(spec));
  return { fromRevision: -1, state: forkedStateOf(empty), checkpoint: { step: -1, parentRevision: undefined } };
}

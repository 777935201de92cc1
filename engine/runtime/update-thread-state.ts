import { UnknownCheckpointError } from "../errors/resume-errors.js";
import { COPY, END, INPUT } from "../graph/constants.js";
import type { Send } from "../graph/send.js";
import { InvalidUpdateError } from "../errors/run-errors.js";
import { decide } from "../thread/decide.js";
import { valuesWithPendingWrites } from "../thread/evolve.js";
import type { Writes } from "../thread/events.js";
import { checkpointIdOf, isInputCheckpointId, revisionOfCheckpointId } from "../thread/ids.js";
import type { CheckpointConfig } from "../thread/state-snapshot.js";
import { computeRoutes } from "./compute-routes.js";
import { createNodeConfig } from "./node-config.js";
import type { RunConfig } from "./run-config.js";
import type { ThreadActor } from "./thread-actor.js";
import { forkOf } from "../thread/forked-state.js";
import { stateAt } from "./thread-history.js";
import { prepareWrites } from "../graph/prepare-writes.js";
import { retryOnConflict } from "./conflict-retry-policy.js";

/** One update of a superstep: writes as a node, with the routes of the `Command` it came in, if any. */
export interface NodeUpdate {
  readonly writes: Writes;
  readonly asNode: string;
  readonly goto?: readonly (string | Send)[];
}

/** What `updateState()` asks for, checked. */
export interface UpdateRequest {
  readonly writes: Writes;
  readonly asNode?: string;
  /** `Command({ goto })` given as the values: where `asNode` routes to, besides its edges. */
  readonly goto?: readonly (string | Send)[];
  /** The other updates of a bulkUpdateState superstep: one checkpoint for all of them. */
  readonly alongside?: readonly NodeUpdate[];
  readonly checkpointId: string | undefined;
  readonly config: RunConfig;
  readonly now: () => number;
}

/**
 * Appends a state update to a thread (through its mailbox), forking first when it names a past
 * checkpoint. `asNode`'s edges decide what runs next, computed on the updated state.
 */
export async function updateThreadState(actor: ThreadActor, request: UpdateRequest): Promise<CheckpointConfig> {
  return actor.exclusive(() =>
    retryOnConflict(async () => {
      await actor.catchUp();
      const copy = request.asNode === COPY;
      const fork = await forkFor(actor, request.checkpointId, copy);
      const base = fork?.past ?? actor.state;
      const asNode = copy ? undefined : request.asNode;
      // Named by the revision it is appended at: one update per revision is ever stored.
      const writes = prepareWrites(actor.graph, request.writes, `${actor.threadId}@${actor.state.revision + 1}/update`);
      const config = createNodeConfig({ threadId: actor.threadId, configurable: request.config.configurable ?? {} });
      const before = valuesWithPendingWrites(actor.graph, base);
      // An update as input routes when its `__start__` task runs; an update as START routes by START's edges.
      const routed = asNode !== undefined && asNode !== END && asNode !== INPUT;
      const routes = routed ? await computeRoutes(actor.graph, asNode, before, writes, request.goto ?? [], config) : undefined;
      const alongside = [];
      for (const [index, update] of (request.alongside ?? []).entries()) {
        const own = prepareWrites(actor.graph, update.writes, `${actor.threadId}@${actor.state.revision + 1}/update/${index + 1}`);
        alongside.push({ asNode: update.asNode, writes: own, routes: await computeRoutes(actor.graph, update.asNode, before, own, update.goto ?? [], config) });
      }
      const at = request.now();
      const decision = decide(actor.graph, actor.state, {
        type: "UpdateState",
        graphName: actor.graph.name,
        writes,
        ...(asNode !== undefined ? { asNode } : {}),
        ...(routes ? { routes } : {}),
        ...(alongside.length > 0 ? { alongside } : {}),
        ...(fork ? { fork: forkOf(fork.past, copy) } : {}),
        ...(copy ? { copy } : {}),
        at,
      });
      await actor.commit(decision, at);
      return {
        configurable: { thread_id: actor.threadId, checkpoint_ns: "", checkpoint_id: checkpointIdOf(actor.threadId, actor.state.checkpoint!.revision) },
      };
    }),
  );
}

/** The past state an update forks from; a copy forks from the head too. */
async function forkFor(actor: ThreadActor, checkpointId: string | undefined, copy: boolean) {
  if (checkpointId === undefined && copy) return headFork(actor);
  if (checkpointId === undefined) return undefined;
  const revision = revisionOfCheckpointId(actor.threadId, checkpointId);
  if (revision === undefined) throw new UnknownCheckpointError(checkpointId, actor.threadId);
  if (actor.state.checkpoint?.revision === revision && !isInputCheckpointId(actor.threadId, checkpointId)) return copy ? headFork(actor) : undefined;
  const past = await stateAt(actor.graph, actor.store, actor.threadId, revision);
  if (!past || past.checkpoint?.revision !== revision) throw new UnknownCheckpointError(checkpointId, actor.threadId);
  return { revision, past };
}

function headFork(actor: ThreadActor) {
  const head = actor.state.checkpoint;
  if (!head) throw new InvalidUpdateError(`updateState(config, values, "${COPY}") copies a checkpoint, and this thread has none yet: run the graph first.`);
  return { revision: head.revision, past: actor.state };
}

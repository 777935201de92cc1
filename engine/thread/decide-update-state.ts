import type { GraphSpec } from "../graph/graph-spec.js";
import type { AlongsideUpdate, Routes, ThreadEvent, Writes } from "./events.js";
import { START } from "../graph/constants.js";
import { foldNew, type Decision } from "./decision.js";
import type { ThreadState } from "./thread-state.js";
import { threadForkedOf, type Fork } from "./forked-state.js";

/** `updateState(config, values, asNode)` as a command. */
export interface UpdateState {
  readonly type: "UpdateState";
  readonly graphName: string;
  readonly writes: Writes;
  readonly asNode?: string;
  /** Where the run goes next, computed from `asNode`'s edges on the updated state. */
  readonly routes?: Routes;
  /** The other updates of a bulkUpdateState superstep, applied with this one as one checkpoint. */
  readonly alongside?: readonly AlongsideUpdate[];
  /** Fork first: the update applies to this past checkpoint's state. */
  readonly fork?: Fork;
  /** `asNode: "__copy__"`: the fork alone, a copy of the checkpoint (no update after it). */
  readonly copy?: boolean;
  readonly at: number;
}

/**
 * Decides the events of a state update: always appended (a fork is a new checkpoint on top of the
 * stream, never a rewrite). Validation of the writes happens before, in the runtime.
 */
export function decideUpdateState(graph: GraphSpec, state: ThreadState, command: UpdateState): Decision {
  const events: ThreadEvent[] = [];
  if (state.revision === -1) events.push({ type: "ThreadCreated", v: 1, threadId: state.threadId, graph: command.graphName, reducerFirstWrite: "taken" });
  if (command.fork) events.push(threadForkedOf(command.fork));
  if (command.copy) return { events, state: foldNew(graph, state, events, command.at) };
  events.push({
    type: "StateUpdated",
    v: 1,
    writes: command.writes,
    ...(command.asNode !== undefined ? { asNode: command.asNode } : {}),
    ...(command.routes ? { routes: command.routes } : {}),
    ...(command.asNode === START ? { asStart: true as const } : {}),
    ...(command.alongside ? { alongside: command.alongside } : {}),
  });
  return { events, state: foldNew(graph, state, events, command.at) };
}

import type { GraphSpec } from "../graph/graph-spec.js";
import type { ThreadEvent } from "./events.js";
import { evolve } from "./evolve.js";
import type { ThreadState } from "./thread-state.js";

/** What `decide` returns: the events to append, and the state they fold to. */
export interface Decision {
  readonly events: readonly ThreadEvent[];
  /** The state after the events, assuming they are appended right after `state.revision`. */
  readonly state: ThreadState;
  /** Set when the events record a refusal (a queued run that could not start): thrown once they are appended. */
  readonly refused?: unknown;
}

/** The revision of the state a decision was made on: where its events are appended after. */
export function revisionDecidedOn(decision: Decision): number {
  return decision.state.revision - decision.events.length;
}

/** Folds new events onto a state as if appended now at `at` (epoch ms). */
export function foldNew(graph: GraphSpec, state: ThreadState, events: readonly ThreadEvent[], at: number): ThreadState {
  let next = state;
  for (const event of events) next = evolve(graph, next, event, { revision: next.revision + 1, at });
  return next;
}

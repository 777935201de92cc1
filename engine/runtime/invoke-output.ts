import { INTERRUPT, WARNINGS } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { valuesWithPendingWrites } from "../thread/evolve.js";
import { statusOf } from "../thread/lifecycle-machine.js";
import { pendingInterruptsOf } from "../thread/pending-interrupts.js";
import type { ReplayWarning } from "../thread/task-outcome.js";
import type { ThreadState } from "../thread/thread-state.js";

/**
 * What `invoke()` returns: the state's values (with finished sibling writes of a paused step),
 * plus `__interrupt__` when the thread waits (`[]` at a static breakpoint) and `__warnings__` when
 * this call raised replay warnings.
 */
export function invokeOutputOf(graph: GraphSpec, state: ThreadState, warnings: readonly ReplayWarning[]): Record<string, unknown> {
  const output: Record<string, unknown> = { ...valuesWithPendingWrites(graph, state) };
  if (statusOf(state.lifecycle) === "interrupted") {
    output[INTERRUPT] = pendingInterruptsOf(state).map(({ id, value }) => ({ id, value }));
  }
  if (warnings.length > 0) output[WARNINGS] = warnings;
  return output;
}

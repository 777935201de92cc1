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
 * this call raised replay warnings. A graph with an output schema returns only its keys.
 */
export function invokeOutputOf(graph: GraphSpec, state: ThreadState, warnings: readonly ReplayWarning[]): Record<string, unknown> {
  const values = valuesWithPendingWrites(graph, state);
  const output: Record<string, unknown> = graph.outputKeys ? pickKeys(values, graph.outputKeys) : { ...values };
  if (statusOf(state.lifecycle) === "interrupted") {
    output[INTERRUPT] = pendingInterruptsOf(state).map(({ id, value }) => ({ id, value }));
  }
  if (warnings.length > 0) output[WARNINGS] = warnings;
  return output;
}

function pickKeys(values: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (key in values) picked[key] = values[key];
  return picked;
}

import { RunCancelledError } from "../errors/service-errors.js";
import type { EffectDecision } from "../thread/decide-effect.js";
import { decide } from "../thread/decide.js";
import type { PlannedTask } from "../thread/events.js";
import type { ThreadActor } from "./thread-actor.js";

/**
 * Journals an effect's result outside the run's mailbox (the step is still executing), retrying on
 * conflicts with other appends. Resolves to the result every execution of the task will get.
 *
 * @throws {RunCancelledError} when the run no longer owns the thread.
 */
export async function recordEffect(actor: ThreadActor, runId: string, task: PlannedTask, key: string, result: unknown, now: () => number): Promise<unknown> {
  let decided: EffectDecision | undefined;
  // One clock reading per attempt, for the decision and the stored event alike: a live state
  // folded at another time than the one stored would differ from its replay (rule 26).
  let at = now();
  await actor.commitOptimistically(
    (state) => {
      at = now();
      decided = decide(actor.graph, state, { type: "RecordEffect", runId, taskId: task.id, node: task.node, key, result, at });
      return decided;
    },
    () => at,
  );
  if (!decided!.owned) throw new RunCancelledError(runId, "interrupt");
  return decided!.recorded.result;
}

import type { Decision } from "../thread/decision.js";
import type { ThreadState } from "../thread/thread-state.js";
import { RunEndedElsewhere, type RunWriter } from "./run-writer.js";

/**
 * Decides a run's next events on the thread as this run sees it and hands them to its writer,
 * which appends them as the run's durability says (`final`: now, in every mode). If the run was
 * ended by another writer, the run stops ({@link RunEndedElsewhere}).
 */
export async function commitStep<TDecision extends Decision>(
  writer: RunWriter,
  decideOn: (state: ThreadState) => TDecision,
  at: number,
  final: boolean | ((decision: TDecision) => boolean) = false,
): Promise<TDecision> {
  // Another writer's events may already be folded in (a catch-up beside this run), so ownership
  // is checked before every decision, not only after a conflict.
  if (writer.state.activeRun?.runId !== writer.runId) throw new RunEndedElsewhere();
  const decision = decideOn(writer.state);
  await writer.commit(decision, at, decideOn, typeof final === "function" ? final(decision) : final);
  return decision;
}

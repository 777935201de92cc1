import type { TaskOutcome } from "../thread/task-outcome.js";

/**
 * A step's abort, as LangGraph's: its tasks' signal aborts when the run's does, when a sibling
 * task fails, or when the step outlasts its `stepTimeout`.
 */
export interface StepAbort {
  /** The signal the step's tasks get. */
  readonly signal: AbortSignal;
  /** Notes a task's outcome: the step's first failure aborts its other tasks. */
  notice(outcome: TaskOutcome): TaskOutcome;
  /** Stops the step's timer. */
  stop(): void;
  /**
   * The step's outcomes with the one that failed the step first in front, so the run fails with
   * that error, not a sibling's abort that followed it; over its `stepTimeout`, with the timeout.
   */
  causeFirst(outcomes: readonly TaskOutcome[]): readonly TaskOutcome[];
}

/** The abort of one step, under the run's signal (if anything can cancel the run) and its `stepTimeout` (ms). */
export function stepAbortOf(runSignal: AbortSignal | undefined, stepTimeoutMs: number | undefined): StepAbort {
  const siblingFailed = new AbortController();
  let firstFailure: TaskOutcome | undefined;
  let timedOut: DOMException | undefined;
  const timer =
    stepTimeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          if (siblingFailed.signal.aborted) return;
          timedOut = new DOMException("The operation was aborted due to timeout", "TimeoutError");
          siblingFailed.abort(timedOut);
        }, stepTimeoutMs);
  // The run's signal aborts the step's, through a listener the step removes when it ends. Not
  // AbortSignal.any(): on Node 20 a composite signal can be collected while a node still listens
  // to it, and the node then never sees its run time out (seen in a test on a quiet machine).
  const forward = (): void => siblingFailed.abort(runSignal?.reason);
  if (runSignal?.aborted) forward();
  else runSignal?.addEventListener("abort", forward, { once: true });
  return {
    signal: siblingFailed.signal,
    notice(outcome) {
      if (outcome.kind === "failed" && firstFailure === undefined) {
        firstFailure = outcome;
        siblingFailed.abort(outcome.error);
      }
      return outcome;
    },
    stop: () => {
      clearTimeout(timer);
      runSignal?.removeEventListener("abort", forward);
    },
    causeFirst(outcomes) {
      const failure = firstFailure;
      if (failure === undefined) return outcomes;
      const cause = timedOut ? { ...failure, error: timedOut } : failure;
      return [cause, ...outcomes.filter((outcome) => outcome !== failure)];
    },
  };
}

import { ReplayGraphError } from "./replaygraph-error.js";

/**
 * A run's lease expired: the process running it stopped (killed, crashed, cut off) before it
 * finished. Recorded on the run's `RunFailed` event when the engine's `crashedRuns` policy is
 * `"error"`; with `"requeue"` the run is put back in the queue instead.
 */
export class RunLeaseExpiredError extends ReplayGraphError {
  readonly code = "RUN_LEASE_EXPIRED";
  readonly runId: string;

  /** @param detail why the lease is known to be over, e.g. "its lease expired at <time>: the process running it stopped". */
  constructor(runId: string, detail: string) {
    super(
      `Run ${runId} did not finish: ${detail}. The steps it stored are kept: start a new run on the thread to continue ` +
        `from them, or create the engine with crashedRuns: "requeue" to have such runs continue by themselves.`,
    );
    this.runId = runId;
  }
}

import { ReplayGraphError } from "./replaygraph-error.js";

/**
 * A run whose lease expired before it ended: the process (worker) executing it stopped renewing
 * it (it crashed, was killed, or lost the store), so another process took the run over. With the
 * engine's `crashedRuns: "error"` the run ends with this error; with `"requeue"` it is queued again
 * and continues from its last committed step.
 */
export class RunLeaseExpiredError extends ReplayGraphError {
  readonly code = "RUN_LEASE_EXPIRED";
  readonly runId: string;
  readonly leaseExpiresAt: number;

  constructor(runId: string, leaseExpiresAt: number) {
    super(
      `Run ${runId} did not finish: its lease expired at ${new Date(leaseExpiresAt).toISOString()}: the process running it stopped. ` +
        `Its committed steps are kept; start it again with runs.create(threadId, graphId, { input: null }), or create engines with ` +
        `crashedRuns: "requeue" so a crashed run continues from its last committed step on another worker.`,
    );
    this.runId = runId;
    this.leaseExpiresAt = leaseExpiresAt;
  }
}

import { ReplayGraphError } from "./replaygraph-error.js";

/**
 * A run ran past its time (`runs.create(..., { timeoutMs })`, or a caller's timeout signal): it
 * ends with status `timeout`; the steps it stored are kept. Recorded on the run's `RunFailed` event.
 */
export class RunTimeoutError extends ReplayGraphError {
  readonly code = "RUN_TIMEOUT";
  readonly runId: string;

  constructor(runId: string, reason: string) {
    super(
      `Run ${runId} ran out of time: ${reason}. The steps it stored are kept: continue it with a new run on the thread ` +
        `(invoke(null, config)), give it more time, or make its slow node faster.`,
    );
    this.runId = runId;
  }
}

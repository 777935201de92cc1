/**
 * The store handle belongs to a process that crashed: `FailingAppendEventStore` (with
 * `then: "crash"`) refuses every call after its injected failure, as a dead process would make
 * none. Open a new handle on the inner store and a new engine on it, as a restarted process would.
 */
export class SimulatedCrashError extends Error {
  override readonly name = "SimulatedCrashError";
  readonly code = "SIMULATED_CRASH";
  /** The append whose failure crashed the process. */
  readonly crashedAt: number;

  constructor(crashedAt: number, operation: string) {
    super(
      `This store handle's process crashed at append #${crashedAt} (a simulated crash), so ${operation} cannot run. ` +
        `Open a new handle on the inner store and a new engine on it, as a restarted process would.`,
    );
    this.crashedAt = crashedAt;
  }
}

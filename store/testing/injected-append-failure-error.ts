/**
 * A test fault: `FailingAppendEventStore` failed this append on purpose, before it reached the
 * store (nothing stored) or after the store committed it (stored, but the reply was lost). The
 * caller cannot tell which from the error alone, exactly as after a lost connection: reload the
 * stream before deciding again.
 */
export class InjectedAppendFailureError extends Error {
  override readonly name = "InjectedAppendFailureError";
  readonly code = "INJECTED_APPEND_FAILURE";
  readonly stream: string;
  /** The append's position among those made through the decorator, from 1. */
  readonly index: number;
  /** True when the inner store committed the append before the failure. */
  readonly committed: boolean;

  constructor(stream: string, index: number, committed: boolean) {
    super(
      `Injected fault: append #${index} to stream '${stream}' failed ${committed ? "after the store committed it" : "before it reached the store"}. ` +
        `Treat its outcome as unknown: read the stream again and decide from what it holds.`,
    );
    this.stream = stream;
    this.index = index;
    this.committed = committed;
  }
}

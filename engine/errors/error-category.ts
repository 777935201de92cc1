/**
 * What kind of failure an error is, so callers can handle a family of errors at once:
 *
 * - `bad_input`: the call, graph, config or data is wrong; the message says what to change.
 * - `not_found`: a thread, run, checkpoint, graph or file that does not exist.
 * - `conflict`: another writer or run got there first, or the thread is not in a state that allows it.
 * - `unavailable`: the store or server cannot be reached or is going away; it may pass.
 * - `internal`: stored data this version cannot read, or a rule of the engine was broken.
 */
export type ErrorCategory = "bad_input" | "not_found" | "conflict" | "unavailable" | "internal";

/** How an error is classified: its category, and whether the same call may succeed if made again. */
export interface ErrorClass {
  readonly category: ErrorCategory;
  /** True when making the same call again (after a re-read, a wait, or a reconnect) may succeed. */
  readonly retryable: boolean;
}

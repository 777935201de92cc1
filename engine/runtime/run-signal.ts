import { InvalidConfigError } from "../errors/run-errors.js";
import type { RunConfig } from "./run-config.js";

/**
 * The signal that cancels a run: the config's `signal`, aborted also once `timeout` milliseconds
 * have passed when the config sets one (LangGraph's `timeout` run option). A timed-out run is
 * cancelled as an aborted one is: it keeps the steps it committed, and `invoke()` rejects with
 * `RunCancelledError`.
 */
export function runSignalOf(config: RunConfig | undefined): AbortSignal | undefined {
  const timeout = config?.timeout;
  if (timeout === undefined) return config?.signal;
  if (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0) {
    throw new InvalidConfigError(
      `timeout must be a positive number of milliseconds; got ${String(timeout)}. Leave it out to let the run take as long as it needs.`,
    );
  }
  // Not AbortSignal.timeout(): on Node 20 a signal nothing else holds can be collected before it
  // fires (seen under load: a node never saw its run time out). A timer holds this controller.
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), timeout).unref();
  const timer = controller.signal;
  return config?.signal === undefined ? timer : AbortSignal.any([config.signal, timer]);
}

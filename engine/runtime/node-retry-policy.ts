import { ReplayGraphError } from "../errors/replaygraph-error.js";
import type { RetryPolicy } from "../graph/graph-spec.js";

/**
 * Whether `policy` retries after `error`. No policy: never. By default, as LangGraph's: not aborts
 * and cancellations, not replaygraph's own errors, not an HTTP client error (`status` or
 * `response.status` 400-407 or 409), `ECONNABORTED` or an `insufficient_quota` answer.
 */
export function shouldRetry(policy: RetryPolicy | undefined, error: unknown): boolean {
  if (!policy) return false;
  if (policy.retryOn) return policy.retryOn(error);
  if (error instanceof ReplayGraphError) return false;
  if (error instanceof Error && (error.name === "AbortError" || error.message.startsWith("Cancel") || error.message.startsWith("AbortError"))) return false;
  const fields = (error ?? {}) as { code?: unknown; status?: unknown; response?: { status?: unknown }; error?: { code?: unknown } };
  if (fields.code === "ECONNABORTED" || fields.error?.code === "insufficient_quota") return false;
  const status = fields.response?.status ?? fields.status;
  return !(status && noRetryStatuses.includes(Number(status)));
}

/** HTTP statuses LangGraph's default retry never retries. */
const noRetryStatuses = [400, 401, 402, 403, 404, 405, 406, 407, 409];

/** The wait before attempt `attempt + 1`, in ms. */
export function backoff(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxInterval ?? 128_000, (policy.initialInterval ?? 500) * (policy.backoffFactor ?? 2) ** (attempt - 1));
  return base + (policy.jitter === false ? 0 : Math.random() * 1000);
}

/** Waits `ms`, or less if `signal` aborts; leaves no listener on the signal either way. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

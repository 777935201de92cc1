import { ExpectedRevisionConflictError } from "../../store/store-errors.js";

/**
 * How the runtime answers another writer appending to a thread first: the decision is made again
 * on the thread as it is now, at most `attempts` times in all (the first included). Every
 * conflict-retry loop uses it: a run's start, its steps' appends, a state update, a control
 * decision (queueing, cancelling), an effect's record. One policy, as data.
 */
export const conflictRetryPolicy = { attempts: 8 } as const;

/** What {@link retryOnConflict} retries, and what it does before the next attempt. */
export interface RetryOnConflictOptions {
  /** Whether `error` lost a race worth another attempt; default: the store's {@link ExpectedRevisionConflictError}. */
  readonly isConflict?: (error: unknown) => boolean;
  /** Runs before each attempt after the first (a catch-up, say). */
  readonly beforeRetry?: () => Promise<void>;
}

/**
 * Runs `attempt` until it does not lose a race, as {@link conflictRetryPolicy} says.
 *
 * @throws the last attempt's error, or the first error that is not a conflict.
 */
export async function retryOnConflict<TResult>(attempt: (count: number) => Promise<TResult>, options: RetryOnConflictOptions = {}): Promise<TResult> {
  const isConflict = options.isConflict ?? isRevisionConflict;
  for (let count = 1; ; count++) {
    try {
      return await attempt(count);
    } catch (error) {
      if (!isConflict(error) || count >= conflictRetryPolicy.attempts) throw error;
      await options.beforeRetry?.();
    }
  }
}

function isRevisionConflict(error: unknown): boolean {
  return error instanceof ExpectedRevisionConflictError;
}

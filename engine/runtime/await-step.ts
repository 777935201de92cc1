/** What a step wait ended with: the outcomes, a cancel, or a moment to renew the lease. */
export type StepWait<T> = { readonly kind: "settled"; readonly value: T } | { readonly kind: "aborted" } | { readonly kind: "renew" };

/**
 * Waits for a step's tasks, but no longer than the run's cancellation or half its lease: a node
 * that ignores the abort signal (or never returns) cannot hold the thread, and a long step still
 * renews its lease. The step's promise is not cancelled; a late result is simply never read.
 * Without a signal (nothing can cancel the run) and a lease, this is a plain wait.
 */
export async function awaitStep<T>(step: Promise<T>, signal: AbortSignal | undefined, renewEveryMs: number | undefined): Promise<StepWait<T>> {
  if (signal === undefined && renewEveryMs === undefined) return { kind: "settled", value: await step };
  if (signal?.aborted) return { kind: "aborted" };
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race<StepWait<T>>([
      step.then((value) => ({ kind: "settled", value })),
      ...(signal === undefined
        ? []
        : [
            new Promise<StepWait<T>>((resolve) => {
              onAbort = () => resolve({ kind: "aborted" });
              signal.addEventListener("abort", onAbort, { once: true });
            }),
          ]),
      ...(renewEveryMs === undefined ? [] : [new Promise<StepWait<T>>((resolve) => (timer = setTimeout(() => resolve({ kind: "renew" }), renewEveryMs)))]),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

/** Why a run was cancelled, as the canceller passes it to `AbortController.abort()`. */
export interface CancelReason {
  readonly action: "interrupt" | "rollback";
  readonly reason: string;
  /** Set when the run ran out of time: it ends with status `timeout` instead of `interrupted`. */
  readonly timeout?: boolean;
}

/** The cancel reason of an aborted signal; a plain `abort()` means "interrupt". */
export function cancelReasonOf(signal: AbortSignal | undefined): CancelReason {
  const reason = signal?.reason as Partial<CancelReason> | undefined;
  if (reason && (reason.action === "interrupt" || reason.action === "rollback")) {
    return { action: reason.action, reason: reason.reason ?? "cancelled", ...(reason.timeout ? { timeout: true } : {}) };
  }
  return { action: "interrupt", reason: reason instanceof Error ? reason.message : "cancelled by the caller's AbortSignal" };
}

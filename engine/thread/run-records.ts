import type { ErrorRecord, MultitaskStrategy, ThreadEvent } from "./events.js";

/** A run's status, as LangGraph's SDK names them. */
export type RunStatus = "pending" | "running" | "success" | "error" | "timeout" | "interrupted";

/** What a thread's history says about one run. */
export interface RunRecord {
  readonly runId: string;
  readonly status: RunStatus;
  readonly multitaskStrategy: MultitaskStrategy | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly error?: ErrorRecord;
  /** The run ended paused: on an interrupt or a breakpoint (status `success`, thread `interrupted`). */
  readonly pausedOn?: "interrupt" | "breakpoint";
  /** The run was cancelled and what it committed was dropped. */
  readonly rolledBack?: boolean;
}

/**
 * Folds a thread's events into the records of its runs, in the order they were created. A
 * re-queued run (its process died) goes back to `pending` under the same id.
 */
export function foldRunRecords(records: Map<string, RunRecord>, event: ThreadEvent, at: number): void {
  const update = (runId: string, change: Partial<RunRecord>) => {
    const current = records.get(runId) ?? { runId, status: "pending", multitaskStrategy: undefined, metadata: {}, createdAt: at, updatedAt: at };
    records.set(runId, { ...current, ...change, updatedAt: at });
  };
  switch (event.type) {
    case "RunQueued":
      update(event.runId, { status: "pending", multitaskStrategy: event.multitaskStrategy, metadata: event.metadata });
      return;
    case "RunStarted":
      update(event.runId, { status: "running" });
      return;
    case "RunSucceeded":
      update(event.runId, { status: "success", ...(event.pausedOn ? { pausedOn: event.pausedOn } : {}) });
      return;
    case "RunFailed":
      update(event.runId, {
        status: event.error.code === "RUN_TIMEOUT" ? "timeout" : "error",
        error: { name: event.error.name, message: event.error.message },
      });
      return;
    case "RunCancelled":
      update(event.runId, event.error ? { status: "error", error: { name: event.error.name, message: event.error.message } } : { status: "interrupted" });
      return;
    case "RunRolledBack":
      update(event.runId, { status: "interrupted", rolledBack: true });
      return;
    default:
      return;
  }
}

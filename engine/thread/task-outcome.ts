import type { ErrorRecord, RaisedInterrupt, ReplayWarningKind, Routes, Writes } from "./events.js";

/** A replay rule that a task execution bent. */
export interface ReplayWarning {
  readonly kind: ReplayWarningKind;
  readonly node: string;
  readonly taskId: string;
  readonly index?: number;
  readonly detail: string;
}

/**
 * How one execution of a task ended, as the runtime saw it. `forwarded`: warnings raised inside
 * graphs the task ran (recorded in their own threads), reported to the caller but not recorded again.
 * `cached`: the node's result came from `compile({ cache })` (the `updates` stream says so).
 * `returned`: a succeeded task's writes as the node returned them, before the ids and message
 * classes its reducers need were given (`writes`, what is recorded); the `updates` and `tasks`
 * streams show these, as LangGraph's show the node's own return value. Never recorded.
 */
export type TaskOutcome = TaskEnding & { readonly forwarded?: readonly ReplayWarning[]; readonly cached?: true; readonly returned?: Writes };

type TaskEnding =
  | { readonly kind: "succeeded"; readonly taskId: string; readonly writes: Writes; readonly routes: Routes; readonly warnings: readonly ReplayWarning[] }
  | { readonly kind: "interrupted"; readonly taskId: string; readonly interrupts: readonly RaisedInterrupt[]; readonly warnings: readonly ReplayWarning[] }
  | {
      readonly kind: "failed";
      readonly taskId: string;
      readonly error: unknown;
      readonly attempts: number;
      readonly warnings: readonly ReplayWarning[];
    };

/** An error as events record it. */
export function errorRecordOf(error: unknown): ErrorRecord {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) };
  }
  return { name: "Error", message: String(error) };
}

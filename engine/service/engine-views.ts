import type { GraphSpec } from "../graph/graph-spec.js";
import { invokeOutputOf } from "../runtime/invoke-output.js";
import { statusOf, type ThreadStatus } from "../thread/lifecycle-machine.js";
import { pendingInterruptsOf } from "../thread/pending-interrupts.js";
import type { MultitaskStrategy } from "../thread/events.js";
import type { RunRecord, RunStatus } from "../thread/run-records.js";
import type { ThreadState } from "../thread/thread-state.js";

/** A thread as the LangGraph SDK shows it. */
export interface ThreadView {
  readonly thread_id: string;
  readonly created_at: string | undefined;
  readonly updated_at: string | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly status: ThreadStatus;
  readonly values: Readonly<Record<string, unknown>>;
  /** Pending interrupts by task id. */
  readonly interrupts: Readonly<Record<string, readonly { readonly id: string; readonly value: unknown }[]>>;
}

/** A run as the LangGraph SDK shows it. */
export interface RunView {
  readonly run_id: string;
  readonly thread_id: string;
  readonly assistant_id: string;
  readonly status: RunStatus;
  readonly created_at: string;
  readonly updated_at: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly multitask_strategy: MultitaskStrategy | null;
  readonly error?: { readonly name: string; readonly message: string };
}

/** The SDK view of a thread's state. */
export function threadViewOf(graph: GraphSpec, state: ThreadState): ThreadView {
  const interrupts: Record<string, { id: string; value: unknown }[]> = {};
  for (const pending of pendingInterruptsOf(state)) (interrupts[pending.taskId] ??= []).push({ id: pending.id, value: pending.value });
  const { __interrupt__: _pending, ...values } = invokeOutputOf(graph, state, []);
  return {
    thread_id: state.threadId,
    created_at: state.createdAt === undefined ? undefined : new Date(state.createdAt).toISOString(),
    updated_at: state.updatedAt === undefined ? undefined : new Date(state.updatedAt).toISOString(),
    metadata: state.metadata,
    status: statusOf(state.lifecycle),
    values,
    interrupts,
  };
}

/** The SDK view of a run's record. */
export function runViewOf(record: RunRecord, threadId: string, graphId: string): RunView {
  return {
    run_id: record.runId,
    thread_id: threadId,
    assistant_id: typeof record.metadata["graph_id"] === "string" ? (record.metadata["graph_id"] as string) : graphId,
    status: record.status,
    created_at: new Date(record.createdAt).toISOString(),
    updated_at: new Date(record.updatedAt).toISOString(),
    metadata: record.metadata,
    multitask_strategy: record.multitaskStrategy ?? null,
    ...(record.error ? { error: record.error } : {}),
  };
}

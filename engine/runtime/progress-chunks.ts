import { shownWritesOf } from "../graph/multiple-writes.js";
import type { PlannedTask } from "../thread/events.js";
import type { StateSnapshot } from "../thread/state-snapshot.js";
import type { RunSink } from "./run-sink.js";

/** A task's outcome as the `tasks` stream mode reports it when the task ends. */
export interface TaskResultChunk {
  readonly id: string;
  readonly name: string;
  readonly result: Readonly<Record<string, unknown>>;
  readonly interrupts: readonly { readonly id: string; readonly value: unknown }[];
  readonly error: { readonly name: string; readonly message: string } | null;
}

/** Whether anyone listens for checkpoints or tasks (so they are not computed for nobody). */
export function wantsProgress(sink: RunSink | undefined, kind: "checkpoints" | "tasks"): sink is RunSink {
  return sink !== undefined && (sink.wants(kind) || sink.wants("debug"));
}

/**
 * Reports a checkpoint in LangGraph's shape: to `checkpoints` as the checkpoint, to `debug`
 * wrapped as `{ step, type: "checkpoint", timestamp, payload }`.
 */
export function emitCheckpoint(sink: RunSink, snapshot: StateSnapshot, now: number): void {
  const metadata = snapshot.metadata!;
  const payload = {
    config: snapshot.config,
    values: snapshot.values,
    metadata: { source: metadata.source, step: metadata.step, parents: metadata.parents },
    next: snapshot.next,
    // A checkpoint event describes the step to come: its tasks' results are not known yet.
    tasks: snapshot.tasks.map(({ id, name, path, interrupts, state }) => ({ id, name, path, interrupts, ...(state !== undefined ? { state } : {}) })),
    // As LangGraph's: present, undefined for a thread's first checkpoint.
    parentConfig: snapshot.parentConfig,
  };
  sink.emit("checkpoints", payload);
  sink.emit("debug", { step: metadata.step, type: "checkpoint", timestamp: new Date(now).toISOString(), payload });
}

/** Reports a task about to run (`tasks`, and `debug` as `type: "task"`), with the input it gets. */
export function emitTaskStarted(sink: RunSink, step: number, task: PlannedTask, input: unknown, now: number, triggers: readonly string[]): void {
  const payload = {
    id: task.id,
    name: task.node,
    input,
    triggers,
    interrupts: [],
  };
  sink.emit("tasks", payload);
  sink.emit("debug", { step, type: "task", timestamp: new Date(now).toISOString(), payload });
}

/** Reports a task's outcome (`tasks`, and `debug` as `type: "task_result"`). */
export function emitTaskResult(sink: RunSink, step: number, given: TaskResultChunk, now: number): void {
  const payload = { ...given, result: shownWritesOf(given.result) };
  sink.emit("tasks", payload);
  sink.emit("debug", { step, type: "task_result", timestamp: new Date(now).toISOString(), payload });
}

/**
 * Whether the run reports checkpoints (`checkpoints`, and `debug`'s `checkpoint` events): as
 * LangGraph's, only a graph with a checkpointer (its own or its parent's) has any to report.
 */
export function wantsCheckpoints(env: {
  readonly durable: boolean;
  readonly sink: RunSink | undefined;
}): env is { readonly durable: boolean; readonly sink: RunSink } {
  return env.durable && wantsProgress(env.sink, "checkpoints");
}

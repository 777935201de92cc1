import { AsyncLocalStorage } from "node:async_hooks";
import type { EventStore } from "../../store/event-store.js";
import type { RaisedInterrupt } from "../thread/events.js";
import type { ReplayWarning } from "../thread/task-outcome.js";

/**
 * What one execution of one task knows about itself: its recorded answers, the interrupts it
 * raised before, and what it raises now. `interrupt()` and nested graph calls find it through
 * async local storage, so they work from any depth of the node's call stack.
 */
export interface TaskContext {
  readonly threadId: string;
  readonly taskId: string;
  readonly node: string;
  /** False when the graph has no checkpointer: interrupt() then refuses. */
  readonly durable: boolean;
  readonly strict: boolean;
  readonly store: EventStore;
  /** Recorded answers to the task's own interrupt() calls, by position. */
  readonly answers: readonly unknown[];
  /** The task's own interrupt() calls recorded so far, by position. */
  readonly raised: readonly RaisedInterrupt[];
  /** Answers to interrupts raised by subgraphs this task runs, by interrupt id. */
  readonly childAnswers: Readonly<Record<string, unknown>>;
  /** Parent links of the running graph, for subgraph threads. */
  readonly runId: string;
  /** Mutable per execution: */
  callIndex: number;
  subgraphCalls: number;
  raisedNow: readonly RaisedInterrupt[] | undefined;
  nonDeterminism: Error | undefined;
  readonly warnings: ReplayWarning[];
}

/** The storage that carries the running task's context. */
export const taskStorage = new AsyncLocalStorage<TaskContext>();

/** The context of the task running here, if any. */
export function currentTask(): TaskContext | undefined {
  return taskStorage.getStore();
}

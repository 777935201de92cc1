import { AsyncLocalStorage } from "node:async_hooks";
import type { RunTracing } from "../streaming/run-tracing.js";
import type { EventStore } from "../../store/event-store.js";
import type { BaseStore } from "../../store/long-term/base-store.js";
import type { GraphSpec, NodeConfig } from "../graph/graph-spec.js";
import type { RaisedInterrupt, Writes } from "../thread/events.js";
import type { ReplayWarning } from "../thread/task-outcome.js";
import type { SubgraphScope } from "./subgraph-scope.js";

/**
 * What one execution of one task knows about itself: its recorded answers, the interrupts it
 * raised before, and what it raises now. `interrupt()` and nested graph calls find it through
 * async local storage, so they work from any depth of the node's call stack.
 */
export interface TaskContext {
  readonly threadId: string;
  readonly taskId: string;
  readonly node: string;
  /** What the node was called with: its input and its config (for getCurrentTaskInput() and getConfig()). */
  readonly input: unknown;
  readonly config: NodeConfig;
  /** False when the graph has no checkpointer: interrupt() then refuses. */
  readonly durable: boolean;
  readonly strict: boolean;
  readonly warningsAsErrors: boolean;
  /** The run's reader of the outside world (see RunConfig.observeSideEffects), for nested graphs. */
  readonly observeSideEffects: (() => unknown) | undefined;
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
  /** Journaled effect results of this task by key (recorded before, or in an earlier attempt). */
  readonly effects: Map<string, unknown>;
  /** Effect keys used in this execution, to refuse duplicates. */
  readonly effectKeys: Set<string>;
  /** Appends an effect's result to the thread; resolves to the result every execution will get. */
  readonly recordEffect: (key: string, result: unknown) => Promise<unknown>;
  /** Runs before an effect's body: stores the run's start if it is still held back. */
  readonly beforeEffect: () => Promise<void>;
  /** Set while `verify` re-executes the task: nested graph calls answer from the record, nothing runs. */
  readonly replayNested: ReplayNested | undefined;
  /** While the task re-executes for a resume and has not reached its answered interrupt: */
  replayWindow: ReplayWindow | undefined;
  /** The I/O seen in the open replay window (see io-watch.ts). */
  ioSeen: Set<string> | undefined;
  /** Warnings of nested graph runs this task made: recorded in their threads, reported to the caller. */
  readonly nestedWarnings: ReplayWarning[];
  /** The long-term memory store of the run (nested graphs and `getStore()` find it here). */
  readonly longTermStore: BaseStore | undefined;
  /** The run's `context`, for nested graphs. */
  readonly context: unknown;
  /** Set when the node's result came from `compile({ cache })` (see cache-nodes.ts). */
  cached?: boolean;
  /** The task's graph among nested graphs (namespace, the addressed thread, where streamed subgraph chunks go). */
  readonly scope?: SubgraphScope | undefined;
  /** The run's tracing and step, when it reports to callbacks: a functional API task call is reported as a task of that step. */
  readonly tracing?: { readonly run: RunTracing; readonly step: number } | undefined;
}

/** Answers a nested graph call (on thread `childThreadId`) from the recorded history. */
export type ReplayNested = (graph: GraphSpec, childThreadId: string) => Promise<Writes>;

/** The part of a re-execution that already ran before: from the task's start to its answered interrupt. */
export interface ReplayWindow {
  /** The window closes when interrupt() call #untilIndex returns its answer. */
  readonly untilIndex: number;
  /** The caller's reading of the outside world when the window opened (see `observeSideEffects`). */
  readonly observedBefore: string | undefined;
  readonly observe: (() => unknown) | undefined;
}

/**
 * What the async context carries inside a task: the task, and which part of it runs here. One
 * storage for all three, because on Node 20 every live AsyncLocalStorage adds its own work to the
 * creation of every promise in the process (measured: 29 ns a promise with none, 76 with one, 149
 * with three).
 */
interface TaskScope {
  readonly task: TaskContext;
  /** I/O here is not the node's own (an effect body, the engine's appends): see io-watch.ts. */
  readonly ioExempt: boolean;
  /** The key of the effect whose body runs here. */
  readonly effectKey: string | undefined;
}

const taskScope = new AsyncLocalStorage<TaskScope>();

/**
 * Runs `work` (a node) as `task`: interrupt(), effect() and nested graphs inside it find the task,
 * and its I/O is attributed to it. A task started inside an effect's body (a subgraph the body
 * invokes) is still inside that effect.
 */
export function runAsTask<T>(task: TaskContext, work: () => T): T {
  return taskScope.run({ task, ioExempt: false, effectKey: taskScope.getStore()?.effectKey }, work);
}

/** The context of the task running here, if any. */
export function currentTask(): TaskContext | undefined {
  return taskScope.getStore()?.task;
}

/** The task that I/O started here belongs to: none outside tasks, and none in exempt work (see {@link outsideIoWatch}). */
export function taskOwningIoHere(): TaskContext | undefined {
  const scope = taskScope.getStore();
  return scope === undefined || scope.ioExempt ? undefined : scope.task;
}

/** The key of the effect whose body is running here, if any. */
export function effectRunningHere(): string | undefined {
  return taskScope.getStore()?.effectKey;
}

/**
 * Runs `work` with its I/O not attributed to the task (an effect's body, the engine's own appends
 * and reads; see io-watch.ts), and as the body of effect `effectKey` when given. Outside a task,
 * `work` just runs.
 */
export function outsideIoWatch<T>(work: () => T, effectKey?: string): T {
  const scope = taskScope.getStore();
  if (scope === undefined || (scope.ioExempt && effectKey === undefined)) return work();
  return taskScope.run({ task: scope.task, ioExempt: true, effectKey: effectKey ?? scope.effectKey }, work);
}

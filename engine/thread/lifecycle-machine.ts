import { assign, createActor, initialTransition, setup, type ActorScope, type SnapshotFrom } from "xstate";
import type { MultitaskStrategy, RequestedInput, RunOptions } from "./events.js";

/** A run waiting for its turn on the thread. */
export interface QueuedRun {
  readonly runId: string;
  readonly input: RequestedInput;
  readonly options: RunOptions;
  readonly multitaskStrategy: MultitaskStrategy;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly configurable?: Readonly<Record<string, unknown>>;
}

/** The events the lifecycle reacts to: the run-level domain events, and state edits. */
export type LifecycleEvent =
  | { readonly type: "RunQueued"; readonly run: QueuedRun }
  | { readonly type: "RunStarted"; readonly runId: string }
  | { readonly type: "RunSucceeded"; readonly paused: boolean }
  | { readonly type: "RunFailed" }
  | { readonly type: "RunCancelled"; readonly runId: string }
  | { readonly type: "StateChanged"; readonly waiting: boolean };

export interface LifecycleContext {
  /** The run executing now, if any. */
  readonly activeRunId: string | null;
  /** Runs created while another was active, first in first out. */
  readonly queue: readonly QueuedRun[];
}

/**
 * A thread's lifecycle and its runs: `idle`, `busy` (a run executes or waits in the queue),
 * `interrupted` (waiting on a human: a pending interrupt or a breakpoint), `error` (the last run
 * failed). The context holds the active run and the FIFO queue of pending runs. The same
 * definition folds live events and replayed ones: the engine only calls xstate's pure
 * `transition()`.
 */
export const threadLifecycleMachine = setup({
  types: { events: {} as LifecycleEvent, context: {} as LifecycleContext },
  guards: {
    paused: ({ event }) => event.type === "RunSucceeded" && event.paused,
    waiting: ({ event }) => event.type === "StateChanged" && event.waiting,
    notWaiting: ({ event }) => event.type === "StateChanged" && !event.waiting,
    queueWaiting: ({ context }) => context.queue.length > 0,
    cancelsPending: ({ context, event }) => event.type === "RunCancelled" && context.queue.some((run) => run.runId === event.runId),
    leavesNothing: ({ context, event }) =>
      event.type === "RunCancelled" && context.activeRunId === null && context.queue.every((run) => run.runId === event.runId),
  },
  actions: {
    enqueue: assign({ queue: ({ context, event }) => (event.type === "RunQueued" ? [...context.queue, event.run] : context.queue) }),
    activate: assign({
      activeRunId: ({ event }) => (event.type === "RunStarted" ? event.runId : null),
      queue: ({ context, event }) => (event.type === "RunStarted" ? context.queue.filter((run) => run.runId !== event.runId) : context.queue),
    }),
    dequeue: assign({ queue: ({ context, event }) => (event.type === "RunCancelled" ? context.queue.filter((run) => run.runId !== event.runId) : context.queue) }),
    deactivate: assign({ activeRunId: null }),
  },
}).createMachine({
  id: "thread",
  initial: "idle",
  context: { activeRunId: null, queue: [] },
  on: {
    RunQueued: { target: ".busy", actions: "enqueue" },
    RunStarted: { target: ".busy", actions: "activate" },
  },
  states: {
    idle: {
      on: { StateChanged: { guard: "waiting", target: "interrupted" } },
    },
    busy: {
      on: {
        RunSucceeded: [
          { guard: "queueWaiting", actions: "deactivate" },
          { guard: "paused", target: "interrupted", actions: "deactivate" },
          { target: "idle", actions: "deactivate" },
        ],
        RunFailed: [
          { guard: "queueWaiting", actions: "deactivate" },
          { target: "error", actions: "deactivate" },
        ],
        RunCancelled: [
          { guard: "leavesNothing", target: "idle", actions: "dequeue" },
          { guard: "cancelsPending", actions: "dequeue" },
          { guard: "queueWaiting", actions: "deactivate" },
          { target: "idle", actions: "deactivate" },
        ],
      },
    },
    interrupted: {
      on: { StateChanged: { guard: "notWaiting", target: "idle" } },
    },
    error: {},
  },
});

export type LifecycleSnapshot = SnapshotFrom<typeof threadLifecycleMachine>;

/** A thread's status, as LangGraph's SDK names them. */
export type ThreadStatus = "idle" | "busy" | "interrupted" | "error";

const [initialSnapshot] = initialTransition(threadLifecycleMachine);

/** The lifecycle of a thread with no history. */
export function initialLifecycle(): LifecycleSnapshot {
  return interned(initialSnapshot);
}

/**
 * One inert actor scope for every transition. xstate's `transition(machine, snapshot, event)`
 * builds a fresh actor (and actor system) per call to make its scope, which was most of its cost
 * (about 25 µs of 30). This machine only assigns context: no actions to execute, no children to
 * spawn, nothing that would touch the scope's actor or system, so one scope can serve every call
 * and the transition stays pure.
 */
let inertScope: ActorScope<LifecycleSnapshot, LifecycleEvent> | undefined;

function scopeOf(): ActorScope<LifecycleSnapshot, LifecycleEvent> {
  if (inertScope) return inertScope;
  const self = createActor(threadLifecycleMachine);
  inertScope = {
    self,
    id: "",
    sessionId: "",
    logger: () => undefined,
    defer: () => undefined,
    emit: () => undefined,
    system: self.system,
    stopChild: () => undefined,
    actionExecutor: () => undefined,
  };
  return inertScope;
}

/**
 * Snapshots of the states that carry no run (no active run, empty queue), one per state value:
 * most threads rest in one of them (idle, interrupted, error), and sharing them keeps an idle
 * thread's folded state small.
 */
const restingSnapshots = new Map<string, LifecycleSnapshot>();

function interned(snapshot: LifecycleSnapshot): LifecycleSnapshot {
  if (snapshot.context.activeRunId !== null || snapshot.context.queue.length > 0 || typeof snapshot.value !== "string") return snapshot;
  const shared = restingSnapshots.get(snapshot.value);
  if (shared) return shared;
  restingSnapshots.set(snapshot.value, snapshot);
  return snapshot;
}

/** Folds one lifecycle event; pure. */
export function transitionLifecycle(snapshot: LifecycleSnapshot, event: LifecycleEvent): LifecycleSnapshot {
  return interned(threadLifecycleMachine.transition(snapshot, event, scopeOf()));
}

/** A lifecycle's persistent part: its state value and context (what a snapshot of the thread stores). */
export interface LifecycleData {
  readonly value: ThreadStatus;
  readonly context: LifecycleContext;
}

/** The persistent part of a lifecycle snapshot. */
export function lifecycleDataOf(snapshot: LifecycleSnapshot): LifecycleData {
  return { value: statusOf(snapshot), context: snapshot.context };
}

/** The lifecycle snapshot a {@link LifecycleData} stands for. */
export function lifecycleFromData(data: LifecycleData): LifecycleSnapshot {
  return interned(threadLifecycleMachine.resolveState({ value: data.value, context: data.context }));
}

/** The thread status a lifecycle snapshot stands for. */
export function statusOf(snapshot: LifecycleSnapshot): ThreadStatus {
  return snapshot.value as ThreadStatus;
}

/** The runs waiting for their turn, oldest first. */
export function queuedRunsOf(snapshot: LifecycleSnapshot): readonly QueuedRun[] {
  return snapshot.context.queue;
}

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
  /** Goes ahead of the queue (a re-queued run: see RunQueued). */
  readonly ahead?: true;
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
    enqueue: assign({
      queue: ({ context, event }) =>
        event.type === "RunQueued" ? (event.run.ahead ? [event.run, ...context.queue] : [...context.queue, event.run]) : context.queue,
    }),
    activate: assign({
      activeRunId: ({ event }) => (event.type === "RunStarted" ? event.runId : null),
      queue: ({ context, event }) => (event.type === "RunStarted" ? context.queue.filter((run) => run.runId !== event.runId) : context.queue),
    }),
    dequeue: assign({
      queue: ({ context, event }) => (event.type === "RunCancelled" ? context.queue.filter((run) => run.runId !== event.runId) : context.queue),
    }),
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

type MachineSnapshot = SnapshotFrom<typeof threadLifecycleMachine>;

/** A thread's status, as LangGraph's SDK names them. */
export type ThreadStatus = "idle" | "busy" | "interrupted" | "error";

/**
 * A thread's lifecycle as the fold keeps it: the machine's state value and context, plain data
 * (what a snapshot of the thread stores too). {@link transitionLifecycle} folds events into it
 * with the machine above.
 */
export interface Lifecycle {
  readonly value: ThreadStatus;
  readonly context: LifecycleContext;
}

const [initialSnapshot] = initialTransition(threadLifecycleMachine);

/** The lifecycle of a thread with no history. */
export function initialLifecycle(): Lifecycle {
  return interned(lifecycleOf(initialSnapshot));
}

/**
 * One inert actor scope for every transition. xstate's `transition(machine, snapshot, event)`
 * builds a fresh actor (and actor system) per call to make its scope, which was most of its cost
 * (about 25 µs of 30). This machine only assigns context: no actions to execute, no children to
 * spawn, nothing that would touch the scope's actor or system, so one scope can serve every call
 * and the transition stays pure.
 */
let inertScope: ActorScope<MachineSnapshot, LifecycleEvent> | undefined;

function scopeOf(): ActorScope<MachineSnapshot, LifecycleEvent> {
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
 * Lifecycles that carry no run (no active run, empty queue), one per state value: most threads
 * rest in one of them (idle, interrupted, error), and sharing them keeps an idle thread's folded
 * state small.
 */
const restingLifecycles = new Map<ThreadStatus, Lifecycle>();

function interned(lifecycle: Lifecycle): Lifecycle {
  if (lifecycle.context.activeRunId !== null || lifecycle.context.queue.length > 0) return lifecycle;
  const shared = restingLifecycles.get(lifecycle.value);
  if (shared) return shared;
  restingLifecycles.set(lifecycle.value, lifecycle);
  return lifecycle;
}

function lifecycleOf(snapshot: MachineSnapshot): Lifecycle {
  return { value: snapshot.value as ThreadStatus, context: snapshot.context };
}

/** Folds one lifecycle event with the machine itself (resolving its snapshot, then xstate's `transition()`); pure. */
export function transitionLifecycleByMachine(lifecycle: Lifecycle, event: LifecycleEvent): Lifecycle {
  const snapshot = threadLifecycleMachine.resolveState({ value: lifecycle.value, context: lifecycle.context });
  return interned(lifecycleOf(threadLifecycleMachine.transition(snapshot, event, scopeOf())));
}

/**
 * What an event does to a lifecycle with an empty queue, learnt from the machine: the state value
 * it goes to, and whether the active run becomes none, the event's run, or stays.
 */
interface QueuelessOutcome {
  readonly value: ThreadStatus;
  readonly activeRun: "none" | "event's" | "kept";
}

/**
 * With an empty queue, every guard and action of the machine reads only the state value, whether
 * a run is active, the event's type and its `paused`/`waiting` flag, and (RunStarted) copies the
 * event's run id. So the machine's answer for one such key holds for every lifecycle and event
 * with that key: it is asked once per key, on stand-in run ids, and remembered. Every run's
 * start and end take this path (the queue is only used by double texting), which keeps xstate's
 * snapshot resolution and transition (about 10 % of an interrupt round trip) off the hot path.
 * `lifecycle-machine.test.ts` checks it against the machine on every key.
 */
const queuelessOutcomes = new Map<string, QueuelessOutcome>();

function queuelessKeyOf(lifecycle: Lifecycle, event: Exclude<LifecycleEvent, { type: "RunQueued" }>): string {
  const flag = event.type === "RunSucceeded" ? event.paused : event.type === "StateChanged" ? event.waiting : "";
  return `${lifecycle.value}|${lifecycle.context.activeRunId === null ? "" : "active"}|${event.type}|${String(flag)}`;
}

function queuelessOutcomeOf(key: string, lifecycle: Lifecycle, event: Exclude<LifecycleEvent, { type: "RunQueued" }>): QueuelessOutcome {
  const known = queuelessOutcomes.get(key);
  if (known) return known;
  const activeStandIn = lifecycle.context.activeRunId === null ? null : "active-run";
  const eventStandIn = "event-run";
  const standInEvent: LifecycleEvent = event.type === "RunStarted" || event.type === "RunCancelled" ? { ...event, runId: eventStandIn } : event;
  const next = transitionLifecycleByMachine({ value: lifecycle.value, context: { activeRunId: activeStandIn, queue: [] } }, standInEvent);
  if (next.context.queue.length > 0) throw new Error(`The thread lifecycle machine queued a run on ${key}; the queueless path cannot stand for it.`);
  const activeRun = next.context.activeRunId === null ? "none" : next.context.activeRunId === eventStandIn ? "event's" : "kept";
  const outcome: QueuelessOutcome = { value: next.value, activeRun };
  queuelessOutcomes.set(key, outcome);
  return outcome;
}

/** Folds one lifecycle event; pure. */
export function transitionLifecycle(lifecycle: Lifecycle, event: LifecycleEvent): Lifecycle {
  if (event.type === "RunQueued" || lifecycle.context.queue.length > 0) return transitionLifecycleByMachine(lifecycle, event);
  const outcome = queuelessOutcomeOf(queuelessKeyOf(lifecycle, event), lifecycle, event);
  const activeRunId =
    outcome.activeRun === "none" ? null : outcome.activeRun === "kept" ? lifecycle.context.activeRunId : (event as { readonly runId: string }).runId;
  if (outcome.value === lifecycle.value && activeRunId === lifecycle.context.activeRunId) return lifecycle;
  return interned({ value: outcome.value, context: { activeRunId, queue: lifecycle.context.queue } });
}

/** A lifecycle read back from storage (a snapshot), shared when it carries no run. */
export function restoredLifecycle(stored: Lifecycle): Lifecycle {
  return interned(stored);
}

/** The thread status a lifecycle stands for. */
export function statusOf(lifecycle: Lifecycle): ThreadStatus {
  return lifecycle.value;
}

/** The runs waiting for their turn, oldest first. */
export function queuedRunsOf(lifecycle: Lifecycle): readonly QueuedRun[] {
  return lifecycle.context.queue;
}

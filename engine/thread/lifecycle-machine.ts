import { initialTransition, setup, transition, type SnapshotFrom } from "xstate";

/** The events the lifecycle reacts to: the run-level domain events, and state edits. */
export type LifecycleEvent =
  | { readonly type: "RunStarted" }
  | { readonly type: "RunSucceeded"; readonly paused: boolean }
  | { readonly type: "RunFailed" }
  | { readonly type: "StateChanged"; readonly waiting: boolean };

/**
 * A thread's lifecycle: `idle`, `busy` (a run is executing), `interrupted` (waiting on a human:
 * a pending interrupt or a breakpoint), `error` (the last run failed). The same definition folds
 * live events and replayed ones: the engine only calls xstate's pure `transition()`.
 */
export const threadLifecycleMachine = setup({
  types: { events: {} as LifecycleEvent },
  guards: {
    paused: ({ event }) => event.type === "RunSucceeded" && event.paused,
    waiting: ({ event }) => event.type === "StateChanged" && event.waiting,
    notWaiting: ({ event }) => event.type === "StateChanged" && !event.waiting,
  },
}).createMachine({
  id: "thread",
  initial: "idle",
  states: {
    idle: {
      on: { RunStarted: "busy", StateChanged: { guard: "waiting", target: "interrupted" } },
    },
    busy: {
      on: {
        RunSucceeded: [{ guard: "paused", target: "interrupted" }, { target: "idle" }],
        RunFailed: "error",
      },
    },
    interrupted: {
      on: { RunStarted: "busy", StateChanged: { guard: "notWaiting", target: "idle" } },
    },
    error: {
      on: { RunStarted: "busy" },
    },
  },
});

export type LifecycleSnapshot = SnapshotFrom<typeof threadLifecycleMachine>;

/** A thread's status, as LangGraph's SDK names them. */
export type ThreadStatus = "idle" | "busy" | "interrupted" | "error";

const [initialSnapshot] = initialTransition(threadLifecycleMachine);

/** The lifecycle of a thread with no history. */
export function initialLifecycle(): LifecycleSnapshot {
  return initialSnapshot;
}

/** Folds one lifecycle event; pure. */
export function transitionLifecycle(snapshot: LifecycleSnapshot, event: LifecycleEvent): LifecycleSnapshot {
  return transition(threadLifecycleMachine, snapshot, event)[0];
}

/** The thread status a lifecycle snapshot stands for. */
export function statusOf(snapshot: LifecycleSnapshot): ThreadStatus {
  return snapshot.value as ThreadStatus;
}

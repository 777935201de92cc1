import type { ThreadState } from "./thread-state.js";

/** What one event changes in a thread's state; the fields it leaves out keep their value. */
export type ThreadChange = Partial<Omit<ThreadState, "threadId" | "revision" | "updatedAt">>;

/**
 * The state with `change` applied, at the event's `revision` and time `at`. Every field is
 * written out, so all states share one object shape and an event costs one new state object,
 * however many fields it touches (an object spread that overrides fields measured tens of times
 * slower than a literal on the step's hot path).
 */
export function applyThreadChange(state: ThreadState, change: ThreadChange, revision: number, at: number): ThreadState {
  return {
    threadId: state.threadId,
    revision,
    lifecycle: change.lifecycle ?? state.lifecycle,
    values: change.values ?? state.values,
    step: change.step ?? state.step,
    next: change.next ?? state.next,
    barriers: change.barriers ?? state.barriers,
    pendingStep: "pendingStep" in change ? change.pendingStep : state.pendingStep,
    breakpoint: "breakpoint" in change ? change.breakpoint : state.breakpoint,
    checkpoint: change.checkpoint ?? state.checkpoint,
    activeRun: "activeRun" in change ? change.activeRun : state.activeRun,
    answered: change.answered ?? state.answered,
    firstWriteReduced: change.firstWriteReduced ?? state.firstWriteReduced,
    effects: change.effects ?? state.effects,
    createdAt: change.createdAt ?? state.createdAt,
    updatedAt: at,
    metadata: change.metadata ?? state.metadata,
  };
}

import type { ForkedState } from "./events.js";
import type { ThreadState } from "./thread-state.js";

/** What a fork or a rollback carries of a state: values, step, triggers and fan-in progress. */
export function forkedStateOf(state: ThreadState): ForkedState {
  return { values: state.values, step: state.step, next: state.next, barriers: state.barriers };
}

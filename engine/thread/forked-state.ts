import type { ForkedState, ThreadForked } from "./events.js";
import type { ThreadState, Triggers } from "./thread-state.js";

/** What a fork or a rollback carries of a state: values, step, triggers and fan-in progress. */
export function forkedStateOf(state: ThreadState): ForkedState {
  return { values: state.values, step: state.step, next: state.next, barriers: state.barriers };
}

/** A fork from a past checkpoint, as the commands that make one carry it. */
export interface Fork {
  readonly fromRevision: number;
  readonly state: ForkedState;
  readonly checkpoint?: ThreadForked["checkpoint"];
}

/**
 * The fork of `past` (a state at one of its thread's checkpoints), numbered as LangGraph numbers
 * forks: the copied checkpoint's step + 1. Its parent is the copied checkpoint, or with `copy`
 * (`updateState(config, values, "__copy__")`) the copied checkpoint's own parent.
 */
export function forkOf(past: ThreadState, copy = false): Fork {
  const copied = past.checkpoint!;
  return {
    fromRevision: copied.revision,
    state: { ...forkedStateOf(past), next: nextOfCheckpoint(past) },
    checkpoint: { step: copied.step + 1, parentRevision: copy ? copied.parentRevision : copied.revision },
  };
}

/** The event that records a fork. */
export function threadForkedOf(fork: Fork): ThreadForked {
  return { type: "ThreadForked", v: 1, fromRevision: fork.fromRevision, state: fork.state, ...(fork.checkpoint ? { checkpoint: fork.checkpoint } : {}) };
}

/**
 * What runs after a state's checkpoint: its triggers, and the tasks of a step begun after it (a
 * paused step of the head), as LangGraph's copy of a checkpoint runs them again, without their writes.
 */
function nextOfCheckpoint(state: ThreadState): Triggers {
  const pending = state.pendingStep;
  if (pending === undefined) return state.next;
  const nodes = new Set(state.next.nodes);
  const sends = [...state.next.sends];
  for (const task of pending.tasks) {
    if (task.path.startsWith("push:")) sends.push({ node: task.node, args: task.args });
    else nodes.add(task.node);
  }
  return { nodes: [...nodes].sort(), sends };
}

import { INPUT } from "../graph/constants.js";
import type { EventPosition } from "./evolve.js";
import type { CheckpointInfo, ThreadState } from "./thread-state.js";

/**
 * The checkpoint an event makes: LangGraph's step numbering (the parent's step + 1; a new input
 * makes two checkpoints, + 2) and its parent, the thread's latest checkpoint.
 */
export function checkpointAt(state: ThreadState, source: CheckpointInfo["source"], position: EventPosition, steps = 1): CheckpointInfo {
  // A thread with no checkpoint counts from LangGraph's empty one: its first input checkpoint is step −1.
  const step = (state.checkpoint?.step ?? (source === "input" ? -2 : -1)) + steps;
  return { revision: position.revision, source, step, at: position.at, parentRevision: state.checkpoint?.revision };
}

/** An update's checkpoint; an update of a past checkpoint (a fork just before it) takes the fork's place, as in LangGraph. */
export function updateCheckpointAt(state: ThreadState, position: EventPosition, asNode: string | undefined): CheckpointInfo {
  const fork = state.checkpoint;
  // Values written as the graph's input (`asNode: "__input__"`) make an input checkpoint, as in LangGraph.
  const source = asNode === INPUT ? "input" : "update";
  if (fork?.forkedFrom === undefined || fork.revision !== position.revision - 1) return checkpointAt(state, source, position);
  return { revision: position.revision, source, step: fork.step, at: position.at, parentRevision: fork.parentRevision, absorbs: fork.revision };
}

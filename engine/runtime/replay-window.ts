import { stableHash } from "../serialization/stable-hash.js";
import { startIoWatch, stopIoWatch } from "./io-watch.js";
import { outsideIoWatch, type TaskContext } from "./task-context.js";

/**
 * Opens the replay window of a task that re-executes for a resume: everything it does before its
 * answered interrupt (call #`untilIndex`) already ran once. I/O seen in the window, or a change in
 * what `observe` reads, means a side effect repeated.
 */
export function openReplayWindow(task: TaskContext, untilIndex: number, observe: (() => unknown) | undefined): void {
  task.replayWindow = { untilIndex, observe, observedBefore: observe ? observation(observe) : undefined };
  startIoWatch(task);
}

/** Closes the task's replay window (if open) and records what repeated as warnings. */
export function closeReplayWindow(task: TaskContext): void {
  const window = task.replayWindow;
  if (!window) return;
  task.replayWindow = undefined;
  const seen = stopIoWatch(task);
  const index = window.untilIndex;
  const where = `while re-executing for a resume, before reaching interrupt() call #${index}`;
  const fix =
    "That code already ran before the interrupt and ran again now: wrap the side effect in effect(key, fn), make it idempotent, or move it after interrupt().";
  if (seen.length > 0) {
    task.warnings.push({
      kind: "io-before-interrupt",
      node: task.node,
      taskId: task.taskId,
      index,
      detail: `node ${task.node} did I/O outside effect() ${where}: ${seen.join(", ")}. ${fix}`,
    });
  }
  if (window.observe && observation(window.observe) !== window.observedBefore) {
    task.warnings.push({
      kind: "side-effect-repeated",
      node: task.node,
      taskId: task.taskId,
      index,
      detail: `node ${task.node} changed what observeSideEffects() reads ${where}. ${fix}`,
    });
  }
}

function observation(observe: () => unknown): string {
  return outsideIoWatch(() => stableHash(observe()));
}

import type { RaisedInterrupt } from "./events.js";
import type { TaskRecord, ThreadState } from "./thread-state.js";

/** An interrupt waiting for an answer, with the task it belongs to. */
export interface PendingInterrupt {
  readonly id: string;
  readonly value: unknown;
  readonly taskId: string;
  readonly node: string;
}

/**
 * Whether an interrupt is the task's own `interrupt()` call, answered by position; one raised in a
 * subgraph or inside a `task()` call is answered by id (`childAnswers`).
 */
export function isOwnInterrupt(interrupt: RaisedInterrupt): boolean {
  return interrupt.childThreadId === undefined && interrupt.scope === undefined;
}

/** Whether the interrupt a task is paused on has been answered (and the task may re-run). */
export function isAnswered(task: TaskRecord, interrupt: RaisedInterrupt): boolean {
  return isOwnInterrupt(interrupt) ? task.answers.length > interrupt.index : interrupt.id in task.childAnswers;
}

/** The interrupts of a task that still wait for an answer (questions only: no breakpoint markers). */
export function unansweredOf(task: TaskRecord): RaisedInterrupt[] {
  return task.status === "interrupted" ? task.pending.filter((interrupt) => interrupt.breakpoint !== true && !isAnswered(task, interrupt)) : [];
}

/** The breakpoints of subgraphs a task runs that no run has continued past yet. */
export function openBreakpointsOf(task: TaskRecord): RaisedInterrupt[] {
  return task.status === "interrupted" ? task.pending.filter((interrupt) => interrupt.breakpoint === true && !isAnswered(task, interrupt)) : [];
}

/** Every interrupt of the thread that waits for an answer, in task path order. */
export function pendingInterruptsOf(state: ThreadState): PendingInterrupt[] {
  const tasks = state.pendingStep?.tasks ?? [];
  return tasks.flatMap((task) => unansweredOf(task).map((interrupt) => ({ id: interrupt.id, value: interrupt.value, taskId: task.id, node: task.node })));
}

/**
 * Whether the thread waits: at its own static breakpoint, on an interrupt, or on a subgraph that
 * waits at a breakpoint (which `invoke(null)` continues past, as LangGraph's does).
 */
export function isWaiting(state: ThreadState): boolean {
  if (state.breakpoint !== undefined) return true;
  const tasks = state.pendingStep?.tasks ?? [];
  return tasks.some((task) => unansweredOf(task).length > 0 || openBreakpointsOf(task).length > 0);
}

/**
 * Whether a task of the pending step should run now: it never finished (pending, failed), or it
 * is paused and one of its interrupts got an answer. A paused task with no new answer stays paused.
 */
export function isRunnable(task: TaskRecord): boolean {
  if (task.status === "pending" || task.status === "failed") return true;
  return task.status === "interrupted" && task.pending.some((interrupt) => isAnswered(task, interrupt));
}
